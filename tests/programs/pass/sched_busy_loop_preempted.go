// Scheduler: a goroutine spinning in a loop is preempted after its time slice, so the goroutine it waits for gets to run.
package main

import "fmt"

func main() {
	stop := false
	go func() { stop = true }()
	for !stop {
	}
	fmt.Println("ok")
}
