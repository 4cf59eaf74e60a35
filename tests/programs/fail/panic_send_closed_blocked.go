// Panic: a sender blocked on a channel panics when another goroutine closes it.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("closing while a sender waits")
		close(ch)
	}()
	ch <- 42 // woken by close: panics
}
