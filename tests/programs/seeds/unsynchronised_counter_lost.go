// Scheduler: a goroutine that is never waited for may or may not get to run before main returns.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	go func() {
		fmt.Println("background goroutine ran")
	}()
	runtime.Gosched()
	fmt.Println("main exits")
}
