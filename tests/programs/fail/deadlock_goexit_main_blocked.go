// Deadlock: main calls runtime.Goexit while another goroutine waits on a channel forever.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	go func() {
		fmt.Println("worker waiting")
		<-ch
	}()
	runtime.Goexit()
}
