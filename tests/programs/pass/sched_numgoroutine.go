// Scheduler: runtime.NumGoroutine counts main plus every goroutine not yet finished.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	fmt.Println("at start:", runtime.NumGoroutine())

	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-release // park until main closes the channel
		}()
	}
	fmt.Println("with 5 parked workers:", runtime.NumGoroutine())

	close(release)
	wg.Wait()
	// Done runs before a goroutine exits: yield until the workers are gone.
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	fmt.Println("after they finish:", runtime.NumGoroutine())
}
