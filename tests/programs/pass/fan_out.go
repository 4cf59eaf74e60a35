// Pattern: fan-out; several workers read the same channel, each item goes to exactly one.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	urls := make(chan string)
	var mu sync.Mutex
	sizes := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range urls {
				n := len(strings.TrimPrefix(u, "https://"))
				mu.Lock()
				sizes[u] = n
				mu.Unlock()
			}
		}()
	}
	for _, u := range []string{"https://go.dev", "https://pkg.go.dev", "https://example.com", "https://a.b"} {
		urls <- u
	}
	close(urls)
	wg.Wait()
	fmt.Println(len(sizes), sizes)
}
