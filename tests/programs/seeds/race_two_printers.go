// Scheduler: two goroutines print once each; which line comes first depends on the schedule.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		fmt.Println("first goroutine")
	}()
	go func() {
		defer wg.Done()
		fmt.Println("second goroutine")
	}()
	wg.Wait()
}
