// Sync: Cond.Broadcast releases every goroutine waiting for a "ready" flag.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	waiting := 0

	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			waiting++
			for !ready {
				cond.Wait() // unlocks mu while parked
			}
			waiting--
			mu.Unlock()
		}()
	}

	mu.Lock()
	for waiting < 4 { // let the others run until all four are parked
		mu.Unlock()
		runtime.Gosched()
		mu.Lock()
	}
	fmt.Println("waiting before broadcast:", waiting)
	ready = true
	cond.Broadcast()
	mu.Unlock()

	wg.Wait()
	fmt.Println("waiting after broadcast:", waiting)
}
