// Context: WithTimeout cancels slow work; the result tells which finished first.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func slowSquare(ctx context.Context, n int, cost time.Duration) (int, error) {
	select {
	case <-time.After(cost):
		return n * n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func main() {
	for _, cost := range []time.Duration{20 * time.Millisecond, 500 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		v, err := slowSquare(ctx, 7, cost)
		cancel()
		fmt.Printf("cost %v: value %d, err %v, deadline exceeded: %t\n",
			cost, v, err, errors.Is(err, context.DeadlineExceeded))
	}
}
