// Timers: a Ticker delivers ticks until Stop; Reset changes its period.
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(10 * time.Millisecond)
	start := time.Now()
	for i := 1; i <= 3; i++ {
		<-ticker.C
		fmt.Println("tick", i)
	}
	ticker.Reset(30 * time.Millisecond)
	<-ticker.C
	fmt.Println("slow tick; at least 60ms in total:", time.Since(start) >= 60*time.Millisecond)
	ticker.Stop()
	select {
	case <-ticker.C:
		fmt.Println("tick after Stop?")
	case <-time.After(50 * time.Millisecond):
		fmt.Println("no ticks after Stop")
	}
}
