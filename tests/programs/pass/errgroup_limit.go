// Errgroup: SetLimit bounds the active goroutines; TryGo refuses work when the group is full.
package main

import (
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

func main() {
	var g errgroup.Group
	g.SetLimit(2)
	var active, peak atomic.Int32
	for i := 0; i < 6; i++ {
		g.Go(func() error { // blocks while two are running
			n := active.Add(1)
			if n > peak.Load() {
				peak.Store(n)
			}
			time.Sleep(5 * time.Millisecond)
			active.Add(-1)
			return nil
		})
	}
	fmt.Println("wait:", g.Wait(), "peak:", peak.Load())

	var h errgroup.Group
	h.SetLimit(1)
	block := make(chan struct{})
	fmt.Println("first TryGo:", h.TryGo(func() error { <-block; return nil }))
	fmt.Println("second TryGo:", h.TryGo(func() error { return nil }))
	close(block)
	fmt.Println("wait:", h.Wait())
	fmt.Println("TryGo after Wait:", h.TryGo(func() error { return nil }))
	h.Wait()
}
