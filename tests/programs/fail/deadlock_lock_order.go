// Deadlock: two goroutines take two mutexes in opposite order (AB/BA); main waits in [semacquire].
package main

import (
	"fmt"
	"sync"
)

func main() {
	var a, b sync.Mutex
	var wg sync.WaitGroup
	bothHoldOne := make(chan struct{}, 2)
	proceed := make(chan struct{})
	wg.Add(2)
	go func() {
		defer wg.Done()
		a.Lock()
		bothHoldOne <- struct{}{}
		<-proceed
		b.Lock()
	}()
	go func() {
		defer wg.Done()
		b.Lock()
		bothHoldOne <- struct{}{}
		<-proceed
		a.Lock()
	}()
	<-bothHoldOne
	<-bothHoldOne
	fmt.Println("each goroutine holds one lock")
	close(proceed)
	wg.Wait()
}
