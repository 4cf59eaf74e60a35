// Scheduler: two goroutines that yield with runtime.Gosched after every line interleave.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for _, name := range []string{"ping", "pong"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 1; i <= 2; i++ {
				fmt.Println(name, i)
				runtime.Gosched()
			}
		}()
	}
	wg.Wait()
}
