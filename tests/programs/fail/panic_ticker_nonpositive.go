// Panic: time.NewTicker with a non-positive interval.
package main

import (
	"fmt"
	"time"
)

func main() {
	var interval time.Duration // forgot to configure it
	fmt.Println("interval:", interval)
	t := time.NewTicker(interval)
	defer t.Stop()
}
