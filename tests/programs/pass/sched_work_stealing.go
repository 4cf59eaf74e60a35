// Scheduler: busy goroutines spread over 4 Ps; idle Ps steal work from the busy P's run queue.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func collatzSteps(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func main() {
	runtime.GOMAXPROCS(4)
	const workers = 8
	results := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() { // all created on main's P; the other Ps steal them
			defer wg.Done()
			longest := 0
			for n := w*1000 + 1; n <= (w+1)*1000; n++ {
				longest = max(longest, collatzSteps(n))
			}
			results[w] = longest
		}()
	}
	wg.Wait()
	for w, r := range results {
		fmt.Printf("worker %d: longest chain %d\n", w, r)
	}
}
