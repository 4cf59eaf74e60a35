// Sync: a sync.Mutex protects a counter shared by 50 goroutines.
package main

import (
	"fmt"
	"sync"
)

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[key]++
}

func main() {
	c := counter{n: make(map[string]int)}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				c.inc("hits")
				if j%10 == 0 {
					c.inc("tens")
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println(c.n) // fmt prints maps sorted by key
	fmt.Println("TryLock on an unlocked mutex:", c.mu.TryLock())
	fmt.Println("TryLock again:", c.mu.TryLock())
	c.mu.Unlock()
}
