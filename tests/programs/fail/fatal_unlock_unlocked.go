// Fatal: unlocking an unlocked sync.Mutex is a fatal error (not recoverable); the dump shows the sleeper too.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	go func() {
		time.Sleep(time.Hour) // shown as [sleep] in the dump
	}()
	var mu sync.Mutex
	defer func() {
		fmt.Println("recover cannot help:", recover())
	}()
	time.Sleep(10 * time.Millisecond)
	mu.Unlock()
}
