// Leak: a request handler gives up waiting, but its backend goroutine has no timeout or cancel.
package main

import (
	"errors"
	"fmt"
	"runtime"
	"time"
)

func callBackend(delay time.Duration) <-chan string {
	reply := make(chan string) // unbuffered, and nobody cancels the call
	go func() {
		time.Sleep(delay)
		reply <- "backend reply" // blocks forever if the handler has gone
	}()
	return reply
}

func handle(delay time.Duration) (string, error) {
	select {
	case r := <-callBackend(delay):
		return r, nil
	case <-time.After(50 * time.Millisecond):
		return "", errors.New("503 service unavailable")
	}
}

func main() {
	for _, d := range []time.Duration{10 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond} {
		r, err := handle(d)
		fmt.Printf("%v: %q %v\n", d, r, err)
	}
	time.Sleep(400 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
