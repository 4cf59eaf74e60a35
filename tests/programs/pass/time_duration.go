// Timers: time.Duration arithmetic and its String form (as used in Println and %v).
package main

import (
	"fmt"
	"time"
)

func main() {
	ds := []time.Duration{
		0,
		1,
		1500 * time.Nanosecond,
		250 * time.Millisecond,
		1500 * time.Millisecond,
		90 * time.Second,
		2*time.Hour + 3*time.Minute + 4*time.Second,
		-5 * time.Second,
	}
	for _, d := range ds {
		fmt.Println(d)
	}
	d := 3*time.Second + 250*time.Millisecond
	fmt.Printf("%v %d %s %.2f %d\n", d, d, d, d.Seconds(), d.Milliseconds())
	fmt.Println(d.Round(time.Second), d.Truncate(time.Second), time.Minute/time.Second)
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("slept at least 20ms:", time.Since(start) >= 20*time.Millisecond)
}
