package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

type SafeCounter struct {
	mu sync.RWMutex
	m  map[string]int
}

func (c *SafeCounter) Inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key]++
}

func (c *SafeCounter) Get(key string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[key]
}

func main() {
	c := SafeCounter{m: make(map[string]int)}
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(2)
	for i := 0; i < 4; i++ {
		g.Go(func() error {
			c.Inc("k")
			if i == 3 {
				return errors.New("boom")
			}
			return nil
		})
	}
	err := g.Wait()
	fmt.Println(c.Get("k"), err, ctx.Err() != nil)
	sem := semaphore.NewWeighted(2)
	if err := sem.Acquire(context.TODO(), 1); err == nil {
		sem.Release(1)
	}
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		ready = true
		cond.Broadcast()
		mu.Unlock()
	}()
	mu.Lock()
	for !ready {
		cond.Wait()
	}
	mu.Unlock()
	var sm sync.Map
	sm.Store("a", 1)
	v, _ := sm.Load("a")
	fmt.Println(v.(int) + 1)
	pool := sync.Pool{New: func() any { return new([]byte) }}
	buf := pool.Get().(*[]byte)
	pool.Put(buf)
	get := sync.OnceValue(func() int { return 42 })
	fmt.Println(get())
	ctx2, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("done"))
	<-ctx2.Done()
	fmt.Println(context.Cause(ctx2))
	stop := context.AfterFunc(ctx2, func() {})
	_ = stop()
	t := time.AfterFunc(time.Millisecond, func() {})
	t.Stop()
}
