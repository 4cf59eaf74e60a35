// unsupported: runtime.LockOSThread
// Unsupported: wiring a goroutine to its OS thread.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	done := make(chan bool)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		done <- true
	}()
	fmt.Println("locked goroutine ran:", <-done)
}
