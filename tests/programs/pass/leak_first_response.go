// Leak: first-response-wins over an unbuffered channel; the slower senders block forever.
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
	results := make(chan string) // unbuffered: every sender needs a receiver
	for r := 1; r <= 3; r++ {
		go func() { results <- query(r) }()
	}
	return <-results // early return: nobody receives the other two answers
}

func main() {
	fmt.Println(first())
	time.Sleep(100 * time.Millisecond) // let the slower replicas answer (and get stuck)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
