// Deadlock: an errgroup producer returns an error before close; the consumer in the group waits forever.
package main

import (
	"errors"
	"fmt"

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
	g.Go(func() error {
		for v := range items {
			fmt.Println("consumed", v)
		}
		return nil
	})
	fmt.Println(g.Wait())
}
