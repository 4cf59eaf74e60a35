// Deadlock fixed: Add(1) right before each go statement, so Add and Done always balance.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	squares := make([]int, 3)
	for i := 1; i <= 3; i++ {
		wg.Add(1) // one Add per goroutine started
		go func() {
			defer wg.Done() // one Done per goroutine, on every path
			squares[i-1] = i * i
		}()
	}
	fmt.Println("started 3 workers, waiting for 3")
	wg.Wait()
	fmt.Println("squares:", squares)
}
