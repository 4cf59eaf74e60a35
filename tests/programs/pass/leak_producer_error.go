// Leak: an errgroup producer returns on error before closing its channel; the consumer waits forever.
package main

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"
)

func main() {
	items := make(chan int)
	var g errgroup.Group
	g.Go(func() error {
		for i := 1; i <= 5; i++ {
			if i == 3 {
				return errors.New("bad record 3") // returns without close(items)
			}
			items <- i
		}
		close(items)
		return nil
	})
	sum := 0
	go func() { // the consumer is not part of the group
		for v := range items {
			sum += v
		}
	}()
	fmt.Println("producer error:", g.Wait())
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
