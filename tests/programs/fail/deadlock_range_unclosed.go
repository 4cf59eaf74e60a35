// Deadlock: main ranges over a channel that the producer forgot to close.
package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			ch <- i
		}
		// missing close(ch)
	}()
	for v := range ch {
		fmt.Println("got", v)
	}
	fmt.Println("never printed")
}
