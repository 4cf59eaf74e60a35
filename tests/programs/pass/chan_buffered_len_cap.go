// Channels: a buffered channel's ring buffer fills and drains; len and cap report its state.
package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	fmt.Println("empty:", len(ch), cap(ch))
	for i := 1; i <= 3; i++ {
		ch <- i * 10 // never blocks: there is room
		fmt.Println("sent", i*10, "len", len(ch))
	}
	select {
	case ch <- 40:
		fmt.Println("sent 40")
	default:
		fmt.Println("buffer full, 40 not sent")
	}
	for len(ch) > 0 {
		v := <-ch
		fmt.Println("received", v, "len", len(ch))
	}
	var unbuffered = make(chan int)
	fmt.Println("unbuffered:", len(unbuffered), cap(unbuffered))
}
