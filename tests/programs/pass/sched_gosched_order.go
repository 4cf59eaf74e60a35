// Scheduler: Gosched puts the goroutine on the global queue; the next one runs from the local queue (schedtick decides when the global queue is checked).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	for _, name := range []string{"a", "b"} {
		go func() {
			fmt.Println(name + "1")
			runtime.Gosched()
			fmt.Println(name + "2")
		}()
	}
	time.Sleep(time.Millisecond)
}
