// Bench: ping-pong; two goroutines bounce a counter over unbuffered channels.
package main

import "fmt"

const rounds = 500_000

func main() {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	checksum := 0
	for i := 0; i < rounds; i++ {
		ping <- i
		checksum += <-pong
	}
	close(ping)
	fmt.Println("pingpong checksum:", checksum)
}
