// Context: WithCancel stops a group of workers; each sees ctx.Done() closed and ctx.Err() set.
package main

import (
	"context"
	"fmt"
	"sync"
)

func worker(ctx context.Context, id int, jobs <-chan int, wg *sync.WaitGroup, stopped []string) {
	defer wg.Done()
	for {
		select {
		case <-ctx.Done():
			stopped[id] = fmt.Sprintf("worker %d: %v", id, ctx.Err())
			return
		case <-jobs:
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	fmt.Println("before cancel:", ctx.Err())
	jobs := make(chan int)
	var wg sync.WaitGroup
	stopped := make([]string, 3)
	for i := range 3 {
		wg.Add(1)
		go worker(ctx, i, jobs, &wg, stopped)
	}
	for j := 0; j < 6; j++ {
		jobs <- j
	}
	cancel()
	cancel() // calling cancel twice is fine
	wg.Wait()
	for _, s := range stopped {
		fmt.Println(s)
	}
}
