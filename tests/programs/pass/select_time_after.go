// Pattern: select with time.After stops waiting for a slow worker; its buffered reply lets it finish anyway.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func fetch(delay time.Duration) <-chan string {
	reply := make(chan string, 1) // room for the reply even if nobody waits for it any more
	go func() {
		time.Sleep(delay)
		reply <- fmt.Sprintf("reply after %v", delay)
	}()
	return reply
}

func main() {
	for _, delay := range []time.Duration{20 * time.Millisecond, 300 * time.Millisecond} {
		select {
		case r := <-fetch(delay):
			fmt.Println(r)
		case <-time.After(100 * time.Millisecond):
			fmt.Println("gave up waiting for", delay)
		}
	}
	time.Sleep(300 * time.Millisecond) // the slow worker sends into the buffer and exits
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
