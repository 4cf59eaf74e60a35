// Bench: spawn-and-wait; start many short goroutines and wait for them with a WaitGroup.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const goroutines = 400_000

func main() {
	var wg sync.WaitGroup
	var sum atomic.Int64
	for i := 0; i < goroutines; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sum.Add(int64(i % 7))
		}()
	}
	wg.Wait()
	fmt.Println("spawn checksum:", sum.Load())
}
