package main

import (
	"context"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5)
	defer cancel()
	_ = ctx
	ctx2 := context.WithCancel(ctx)
	_ = ctx2
	time.Sleep(time.Second * 1.5)
}
