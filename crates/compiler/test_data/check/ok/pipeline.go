package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type result struct {
	id  int
	err error
}

var errOdd = errors.New("odd")

func producer(ctx context.Context, n int) <-chan int {
	out := make(chan int, 2)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func square(in <-chan int) <-chan result {
	out := make(chan result)
	go func() {
		defer close(out)
		for v := range in {
			if v%2 == 1 {
				out <- result{id: v, err: fmt.Errorf("value %d: %w", v, errOdd)}
				continue
			}
			out <- result{v * v, nil}
		}
	}()
	return out
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	for r := range square(producer(ctx, 5)) {
		if errors.Is(r.err, errOdd) {
			fmt.Println("error:", r.err)
			continue
		}
		fmt.Println("ok:", r.id)
	}
	timer := time.NewTimer(10 * time.Millisecond)
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	n := 0
loop:
	for {
		select {
		case <-ticker.C:
			n++
		case t := <-timer.C:
			_ = t
			break loop
		case <-time.After(time.Second):
			fmt.Println("timeout")
			return
		}
	}
	fmt.Println(n > 0, time.Since(start) < time.Second, ctx.Err())
}
