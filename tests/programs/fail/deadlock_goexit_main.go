// Fatal: runtime.Goexit in main runs its defers; once every other goroutine is done the program dies.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	go func() {
		time.Sleep(10 * time.Millisecond)
		fmt.Println("worker finished")
	}()
	defer fmt.Println("deferred call in main runs")
	runtime.Goexit()
}
