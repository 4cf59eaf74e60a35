// Timers: since Go 1.23 timer channels are synchronous, so len and cap report 0.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Millisecond)
	fmt.Println("timer channel len/cap:", len(t.C), cap(t.C))
	time.Sleep(5 * time.Millisecond) // the timer has fired, but nothing is buffered
	fmt.Println("after firing, len:", len(t.C))
	<-t.C
	fmt.Println("received the tick")
	fmt.Println("stop after firing:", t.Stop())
}
