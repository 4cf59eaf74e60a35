package main

import (
	"context"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(time.Second)
	defer cancel()
	<-ctx.Done()
}
