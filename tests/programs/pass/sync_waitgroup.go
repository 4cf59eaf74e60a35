// Sync: a WaitGroup waits for a batch of goroutines; each writes its own slot, so no lock is needed.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	words := []string{"alpha", "beta", "gamma", "delta"}
	lengths := make([]int, len(words))
	upper := make([]string, len(words))

	var wg sync.WaitGroup
	wg.Add(len(words))
	for i, w := range words {
		go func() {
			defer wg.Done()
			lengths[i] = len(w)
			upper[i] = strings.ToUpper(w)
		}()
	}
	wg.Wait()
	fmt.Println(lengths)
	fmt.Println(upper)
}
