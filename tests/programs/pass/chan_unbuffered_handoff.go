// Channels: an unbuffered send completes only when a receiver takes the value (direct hand-off).
package main

import "fmt"

func main() {
	ch := make(chan string)
	ack := make(chan bool)

	go func() {
		for _, word := range []string{"ping", "pong", "done"} {
			ch <- word // blocks until main receives
			<-ack
		}
	}()

	for i := 0; i < 3; i++ {
		msg := <-ch
		fmt.Printf("received %q (len %d, cap %d)\n", msg, len(ch), cap(ch))
		ack <- true
	}
}
