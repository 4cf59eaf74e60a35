// Scheduler: runtime.Gosched puts the caller on the global run queue; everyone still finishes.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

func main() {
	var yields atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				yields.Add(1)
				runtime.Gosched() // to the global queue, let others run
			}
		}()
	}
	wg.Wait()
	fmt.Println("total yields:", yields.Load())
}
