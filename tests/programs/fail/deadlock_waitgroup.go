// Deadlock: WaitGroup.Add(3) but only two Done calls; Wait blocks in [semacquire].
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	for i := 1; i <= 2; i++ {
		go func() {
			defer wg.Done()
			_ = i * i // some work
		}()
	}
	fmt.Println("started 2 workers, waiting for 3")
	wg.Wait()
	fmt.Println("never printed")
}
