// Deadlock: upgrading an RLock to a Lock in the same goroutine ([sync.RWMutex.Lock]).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.RWMutex
	cache := map[string]string{}
	mu.RLock()
	if _, ok := cache["k"]; !ok {
		fmt.Println("miss; taking the write lock while still reading")
		mu.Lock() // waits for all readers, including ourselves
		cache["k"] = "v"
		mu.Unlock()
	}
	mu.RUnlock()
}
