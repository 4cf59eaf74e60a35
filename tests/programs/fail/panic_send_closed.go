// Panic: sending on a closed channel.
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	close(ch)
	fmt.Println("closed; sending anyway")
	ch <- 1
}
