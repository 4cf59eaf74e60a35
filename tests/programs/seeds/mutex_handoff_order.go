// Sync: two goroutines take turns on a mutex; the order of their critical sections varies.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var order []string
	for _, name := range []string{"A", "B"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(order)
}
