// Timers: time.AfterFunc calls a function in its own goroutine when the timer fires.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var order []string
	for _, d := range []int{30, 10, 20} {
		wg.Add(1)
		time.AfterFunc(time.Duration(d)*time.Millisecond, func() {
			defer wg.Done()
			mu.Lock()
			order = append(order, fmt.Sprintf("%dms", d))
			mu.Unlock()
		})
	}
	cancelled := time.AfterFunc(5*time.Millisecond, func() { fmt.Println("never") })
	fmt.Println("stopped:", cancelled.Stop())
	wg.Wait()
	fmt.Println(order)
}
