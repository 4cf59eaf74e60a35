package main

import "sync"

func main() {
	var mu sync.Mutex
	_ = mu.state
}
