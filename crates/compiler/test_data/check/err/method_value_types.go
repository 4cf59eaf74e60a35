package main

import (
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	wg.Add("1")
	time.Sleep("1s")
	var mu sync.Mutex
	mu.lock()
}
