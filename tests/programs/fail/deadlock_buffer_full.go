// Deadlock: the third send on a channel with capacity 2 blocks main forever.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	for i := 1; i <= 3; i++ {
		fmt.Println("sending", i, "len", len(ch))
		ch <- i
	}
}
