// Leak: a polling goroutine with a Ticker that is never stopped and no way to quit.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

func startPolling(polls *atomic.Int32) {
	ticker := time.NewTicker(10 * time.Millisecond) // never stopped
	go func() {
		for range ticker.C { // loops forever: no stop signal
			polls.Add(1)
		}
	}()
}

func main() {
	var polls atomic.Int32
	startPolling(&polls)
	time.Sleep(55 * time.Millisecond)
	fmt.Println("polled at least twice:", polls.Load() >= 2)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
