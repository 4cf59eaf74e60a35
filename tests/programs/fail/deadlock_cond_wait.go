// Deadlock: Cond.Wait with nobody left to Signal ([sync.Cond.Wait]).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		fmt.Println("setting ready but forgetting to signal")
		ready = false
		mu.Unlock()
	}()
	mu.Lock()
	for !ready {
		cond.Wait()
	}
	mu.Unlock()
}
