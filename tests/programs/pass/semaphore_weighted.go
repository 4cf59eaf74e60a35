// Semaphore: a weighted semaphore from golang.org/x/sync bounds the total weight in use.
package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
)

func main() {
	sem := semaphore.NewWeighted(4)
	ctx := context.Background()

	fmt.Println("acquire 3:", sem.Acquire(ctx, 3))
	fmt.Println("try 2:", sem.TryAcquire(2))
	fmt.Println("try 1:", sem.TryAcquire(1))
	sem.Release(4)

	var wg sync.WaitGroup
	results := make([]int, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sem.Acquire(ctx, 2); err != nil {
				return
			}
			defer sem.Release(2)
			time.Sleep(time.Millisecond)
			results[i] = i * 10
		}()
	}
	wg.Wait()
	fmt.Println(results)

	sem.Acquire(ctx, 4) // hold everything
	tctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	fmt.Println("acquire with timeout:", sem.Acquire(tctx, 1))
	sem.Release(4)
	fmt.Println("then try 4:", sem.TryAcquire(4))
}
