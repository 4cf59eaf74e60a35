// Leak fixed: first-response-wins with a buffer big enough for every sender.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func query(replica int) string {
	time.Sleep(time.Duration(replica*10) * time.Millisecond)
	return fmt.Sprintf("answer from replica %d", replica)
}

func first() string {
	const replicas = 3
	results := make(chan string, replicas) // every sender can complete without a receiver
	for r := 1; r <= replicas; r++ {
		go func() { results <- query(r) }()
	}
	return <-results
}

func main() {
	fmt.Println(first())
	time.Sleep(100 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
