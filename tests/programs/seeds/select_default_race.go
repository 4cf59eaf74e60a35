// Select: a non-blocking receive may run before or after the sender is scheduled.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int, 1)
	go func() { ch <- 1 }()
	runtime.Gosched()
	select {
	case v := <-ch:
		fmt.Println("received", v)
	default:
		fmt.Println("nothing yet")
	}
}
