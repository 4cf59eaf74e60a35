// Leak fixed: the producer closes its channel with defer, whatever path it returns by.
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
		defer close(items) // runs on the error path too
		for i := 1; i <= 5; i++ {
			if i == 3 {
				return errors.New("bad record 3")
			}
			items <- i
		}
		return nil
	})
	sum := 0
	g.Go(func() error {
		for v := range items {
			sum += v
		}
		return nil
	})
	fmt.Println("producer error:", g.Wait())
	fmt.Println("consumed sum:", sum)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
