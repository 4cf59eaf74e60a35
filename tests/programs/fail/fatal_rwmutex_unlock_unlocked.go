// Fatal: Unlock of an RWMutex that is not write-locked.
package main

import "sync"

func main() {
	var mu sync.RWMutex
	mu.RLock()
	mu.Unlock()
}
