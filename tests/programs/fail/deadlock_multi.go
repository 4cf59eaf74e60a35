// Deadlock: main waits on a WaitGroup while two workers are stuck sending; the dump lists all three.
package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 1; i <= 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * 10 // nobody receives until Wait returns
		}()
	}
	wg.Wait() // waits for workers that wait for us
	close(results)
	for r := range results {
		fmt.Println(r)
	}
}
