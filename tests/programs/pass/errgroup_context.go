// Errgroup: WithContext cancels the shared context when one task fails; the others stop early.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

var errDisk = errors.New("disk full")

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	results := make([]string, 3)
	for i := range 3 {
		g.Go(func() error {
			if i == 1 {
				time.Sleep(10 * time.Millisecond)
				return errDisk
			}
			select {
			case <-time.After(time.Second):
				results[i] = "finished"
				return nil
			case <-ctx.Done():
				results[i] = "stopped: " + ctx.Err().Error()
				return ctx.Err()
			}
		})
	}
	err := g.Wait()
	fmt.Println("Wait:", err)
	fmt.Println("cause:", context.Cause(ctx))
	fmt.Println(results[0])
	fmt.Println(results[2])

	g2, ctx2 := errgroup.WithContext(context.Background())
	g2.Go(func() error { return nil })
	fmt.Println("no error:", g2.Wait(), "but ctx is done:", ctx2.Err())
}
