// Leak fixed: the sender closes the channel, so the consumer's range ends.
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
		defer close(count)
		n := 0
		for line := range lines {
			n += len(line)
			count <- n
		}
	}()
	for _, l := range []string{"one", "two", "three"} {
		lines <- l
		fmt.Println("running total:", <-count)
	}
	close(lines)
	_, ok := <-count
	fmt.Println("consumer finished:", !ok)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
