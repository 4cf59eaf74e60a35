// Timers: in Go 1.23 Stop on a fired but unreceived timer returns true and no stale value remains.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Millisecond)
	time.Sleep(5 * time.Millisecond) // the timer has expired, nobody received
	fmt.Println("stop:", t.Stop())
	select {
	case <-t.C:
		fmt.Println("stale value")
	default:
		fmt.Println("no stale value")
	}
	t.Reset(time.Millisecond) // no draining needed before Reset
	<-t.C
	fmt.Println("fresh value after reset")
}
