// Deadlock: a reader waits for a writer that never unlocks ([sync.RWMutex.RLock]).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.RWMutex
	mu.Lock()
	fmt.Println("write-locked, forgot to unlock")
	mu.RLock()
	fmt.Println("never printed")
}
