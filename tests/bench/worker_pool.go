// Bench: worker pool; jobs fan out to workers over a channel and results fan back in.
package main

import (
	"fmt"
	"sync"
)

const (
	jobs    = 1_500_000
	workers = 8
)

func work(n int) int {
	h := n
	for i := 0; i < 20; i++ {
		h = (h*1103515245 + 12345) % 2147483648
	}
	return h % 1000
}

func main() {
	in := make(chan int, 64)
	out := make(chan int, 64)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range in {
				out <- work(n)
			}
		}()
	}
	go func() {
		for i := 0; i < jobs; i++ {
			in <- i
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	checksum := 0
	for r := range out {
		checksum += r
	}
	fmt.Println("pool checksum:", checksum)
}
