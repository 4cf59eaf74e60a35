// Leak fixed: the handler passes a context with a timeout, and the backend gives up when it is done.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func callBackend(ctx context.Context, delay time.Duration) (string, error) {
	reply := make(chan string)
	go func() {
		select {
		case <-time.After(delay):
			select {
			case reply <- "backend reply":
			case <-ctx.Done(): // the handler has gone: do not block
			}
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-reply:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func handle(delay time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	return callBackend(ctx, delay)
}

func main() {
	for _, d := range []time.Duration{10 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond} {
		r, err := handle(d)
		fmt.Printf("%v: %q %v\n", d, r, err)
	}
	time.Sleep(400 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
