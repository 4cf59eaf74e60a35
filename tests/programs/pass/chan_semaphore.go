// Pattern: a buffered channel as a counting semaphore limits how many goroutines work at once.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	const limit = 3
	sem := make(chan struct{}, limit)
	var active, peak atomic.Int32
	var wg sync.WaitGroup
	results := make([]int, 10)
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}        // acquire a slot
			defer func() { <-sem }() // release it
			n := active.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			results[i] = i * i
			active.Add(-1)
		}()
	}
	wg.Wait()
	fmt.Println("results:", results)
	fmt.Println("peak within limit:", peak.Load() <= limit)
}
