// Select: a loop that does work on every tick and stops after a fixed number of ticks.
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(20 * time.Millisecond)
	defer ticker.Stop()
	stop := make(chan struct{})
	ticks := 0
	go func() {
		for range 5 {
			<-ticker.C
			ticks++
			fmt.Println("tick", ticks)
		}
		close(stop)
	}()
	<-stop
	fmt.Println("stopped after", ticks, "ticks")
}
