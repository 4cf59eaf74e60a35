// Panic: changing an errgroup's limit while its goroutines are still running.
package main

import (
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	g.SetLimit(2)
	block := make(chan struct{})
	g.Go(func() error { <-block; return nil })
	fmt.Println("one goroutine active")
	g.SetLimit(5)
}
