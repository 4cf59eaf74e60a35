// Bench: buffered pipe; a producer and a consumer stream values through a buffered channel.
package main

import "fmt"

const (
	items    = 4_000_000
	capacity = 128
)

func main() {
	pipe := make(chan int, capacity)
	go func() {
		for i := 0; i < items; i++ {
			pipe <- i
		}
		close(pipe)
	}()
	checksum := 0
	for v := range pipe {
		checksum = (checksum*31 + v) % 1_000_000_007
	}
	fmt.Println("pipe checksum:", checksum)
}
