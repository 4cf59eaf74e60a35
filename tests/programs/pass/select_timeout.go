// Select: time.After bounds how long we wait for a slow worker.
package main

import (
	"fmt"
	"time"
)

func fetch(delay time.Duration) <-chan string {
	out := make(chan string, 1) // buffered: the worker never blocks, even if nobody waits
	go func() {
		time.Sleep(delay)
		out <- fmt.Sprintf("result after %v", delay)
	}()
	return out
}

func main() {
	for _, delay := range []time.Duration{10 * time.Millisecond, 300 * time.Millisecond} {
		select {
		case r := <-fetch(delay):
			fmt.Println(r)
		case <-time.After(100 * time.Millisecond):
			fmt.Println("timed out waiting for", delay)
		}
	}
}
