// Timers: time.Tick gives a ticker channel for loops that run forever (no Stop needed in 1.23).
package main

import (
	"fmt"
	"time"
)

func main() {
	n := 0
	for range time.Tick(15 * time.Millisecond) {
		n++
		fmt.Println("poll", n)
		if n == 4 {
			break
		}
	}
	fmt.Println("nil for a non-positive duration:", time.Tick(0) == nil)
}
