// Leak fixed: the poller stops its Ticker and returns when told to.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

func startPolling(polls *atomic.Int32) (stop func()) {
	ticker := time.NewTicker(10 * time.Millisecond)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				polls.Add(1)
			case <-done:
				return
			}
		}
	}()
	return func() { close(done); <-finished }
}

func main() {
	var polls atomic.Int32
	stop := startPolling(&polls)
	time.Sleep(55 * time.Millisecond)
	stop()
	fmt.Println("polled at least twice:", polls.Load() >= 2)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
