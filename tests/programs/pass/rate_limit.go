// Pattern: rate limiting; requests are served one per tick, with a small burst allowance.
package main

import (
	"fmt"
	"time"
)

func main() {
	burst := make(chan struct{}, 2)
	for range 2 {
		burst <- struct{}{}
	}
	go func() {
		for range time.Tick(20 * time.Millisecond) {
			burst <- struct{}{}
		}
	}()
	start := time.Now()
	for req := 1; req <= 5; req++ {
		<-burst
		waited := time.Since(start) >= time.Duration(req-2)*20*time.Millisecond
		fmt.Printf("request %d served, respected the rate: %v\n", req, waited)
	}
}
