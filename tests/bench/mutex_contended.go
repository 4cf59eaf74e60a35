// Bench: contended mutex; several goroutines increment a shared counter under one sync.Mutex.
package main

import (
	"fmt"
	"sync"
)

const (
	workers       = 8
	perWorkerIncs = 1_000_000
)

func main() {
	var mu sync.Mutex
	counter := 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perWorkerIncs; i++ {
				mu.Lock()
				counter += w + 1
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex checksum:", counter)
}
