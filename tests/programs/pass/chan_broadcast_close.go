// Channels: closing a channel wakes every goroutine waiting on it (a broadcast).
package main

import (
	"fmt"
	"sync"
)

func main() {
	start := make(chan struct{})
	var mu sync.Mutex
	var wg sync.WaitGroup
	started := 0
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start // all ten park here
			mu.Lock()
			started++
			mu.Unlock()
		}()
	}
	fmt.Println("before close:", started)
	close(start)
	wg.Wait()
	fmt.Println("after close:", started)
}
