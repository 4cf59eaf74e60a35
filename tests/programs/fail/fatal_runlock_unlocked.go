// Fatal: RUnlock of an RWMutex that is not read-locked.
package main

import "sync"

func main() {
	var mu sync.RWMutex
	mu.RLock()
	mu.RUnlock()
	mu.RUnlock()
}
