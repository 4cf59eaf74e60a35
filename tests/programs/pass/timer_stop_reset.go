// Timers: Stop prevents a timer from firing; Reset re-arms it.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(50 * time.Millisecond)
	fmt.Println("stopped before firing:", t.Stop())
	fmt.Println("stop again:", t.Stop())

	t.Reset(10 * time.Millisecond)
	start := time.Now()
	<-t.C
	fmt.Println("fired after reset, waited >= 10ms:", time.Since(start) >= 10*time.Millisecond)
	fmt.Println("stop after firing:", t.Stop())

	t.Reset(time.Hour)
	select {
	case <-t.C:
		fmt.Println("unexpected")
	case <-time.After(20 * time.Millisecond):
		fmt.Println("an hour-long timer has not fired yet")
	}
	t.Stop()
}
