// Sync: an RWMutex-protected cache: many concurrent readers, exclusive writers.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Cache struct {
	mu     sync.RWMutex
	data   map[string]string
	misses int
}

func (c *Cache) Get(key string) string {
	c.mu.RLock()
	v, ok := c.data[key]
	c.mu.RUnlock()
	if ok {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.data[key]; ok { // someone filled it meanwhile
		return v
	}
	c.misses++
	v = strings.ToUpper(key)
	c.data[key] = v
	return v
}

func main() {
	c := &Cache{data: map[string]string{}}
	keys := []string{"go", "rust", "zig", "go", "rust", "go"}
	var wg sync.WaitGroup
	for _, k := range keys {
		for r := 0; r < 3; r++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.Get(k)
			}()
		}
	}
	wg.Wait()
	var all []string
	for k, v := range c.data {
		all = append(all, k+"="+v)
	}
	sort.Strings(all)
	fmt.Println(all, "misses:", c.misses)
}
