// Panic: main closes the results channel after the first answer while a slower worker still sends on it.
package main

import (
	"fmt"
	"time"
)

func main() {
	results := make(chan string)
	for w := 1; w <= 2; w++ {
		go func() {
			time.Sleep(time.Duration(w*10) * time.Millisecond)
			results <- fmt.Sprintf("worker %d done", w)
		}()
	}
	fmt.Println("first:", <-results)
	close(results) // the receiver closes: worker 2 has not sent yet
	time.Sleep(50 * time.Millisecond)
	fmt.Println("never printed")
}
