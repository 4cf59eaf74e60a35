// Leak: a consumer ranges over a channel that nobody closes, so it waits forever.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	lines := make(chan string)
	count := make(chan int)
	go func() {
		n := 0
		for line := range lines { // ends only when lines is closed
			n += len(line)
			count <- n
		}
	}()
	for _, l := range []string{"one", "two", "three"} {
		lines <- l
		fmt.Println("running total:", <-count)
	}
	// Forgot close(lines): the consumer is stuck in range.
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
