package main

import "golang.org/x/sync/errgroup"

func main() {
	var g errgroup.Group
	g.Go(func() {})
	_ = g.Wait()
}

// gc: not verified (golang.org/x/sync is not in the local module cache); types2 wording.
