package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

type Job struct {
	ID   int
	Data string
}

type Result struct {
	Job
	Len int
}

func worker(id int, jobs <-chan Job, results chan<- Result, wg *sync.WaitGroup, processed *atomic.Int64) {
	defer wg.Done()
	for j := range jobs {
		processed.Add(1)
		results <- Result{Job: j, Len: len(j.Data) + id*0}
	}
}

func main() {
	jobs := make(chan Job, 10)
	results := make(chan Result, 10)
	var wg sync.WaitGroup
	var processed atomic.Int64
	var mu sync.Mutex
	counts := map[int]int{}
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg, &processed)
	}
	for i := range 5 {
		jobs <- Job{ID: i, Data: fmt.Sprintf("job-%d", i)}
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		mu.Lock()
		counts[r.ID] = r.Len
		mu.Unlock()
	}
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once") })
	}
	fmt.Fprintln(os.Stderr, "goroutines:", runtime.NumGoroutine())
	fmt.Printf("%d jobs, %v\n", processed.Load(), len(counts))
	if len(counts) != 5 {
		os.Exit(1)
	}
}
