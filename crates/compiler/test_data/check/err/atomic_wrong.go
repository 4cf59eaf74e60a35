package main

import "sync/atomic"

func main() {
	var n int
	atomic.AddInt64(&n, 1)
	var c atomic.Int64
	c.Add(1.5)
}
