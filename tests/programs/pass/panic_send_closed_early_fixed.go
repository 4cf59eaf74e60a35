// Panic fixed: only the sending side closes, once a WaitGroup says every sender has finished.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	results := make(chan string)
	var wg sync.WaitGroup
	for w := 1; w <= 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(w*10) * time.Millisecond)
			results <- fmt.Sprintf("worker %d done", w)
		}()
	}
	go func() {
		wg.Wait()
		close(results) // every sender has returned: closing is safe
	}()
	for r := range results {
		fmt.Println(r)
	}
	fmt.Println("all workers reported")
}
