// Channels: directional channel types restrict a function to sending or receiving.
package main

import "fmt"

func squares(in <-chan int, out chan<- int) {
	for v := range in {
		out <- v * v
	}
	close(out)
}

func main() {
	in := make(chan int, 3)
	out := make(chan int, 3)
	var recvOnly <-chan int = out
	var sendOnly chan<- int = in
	fmt.Printf("%T %T %T\n", in, recvOnly, sendOnly)

	go squares(in, out)
	for i := 1; i <= 3; i++ {
		sendOnly <- i
	}
	close(in)
	for v := range recvOnly {
		fmt.Println(v)
	}
}
