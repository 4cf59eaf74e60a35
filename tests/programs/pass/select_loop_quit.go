// Select: a for-select loop serves work until a quit channel says stop.
package main

import "fmt"

func worker(jobs <-chan int, quit <-chan struct{}, done chan<- int) {
	handled := 0
	for {
		select {
		case j := <-jobs:
			fmt.Println("job", j)
			handled++
		case <-quit:
			done <- handled
			return
		}
	}
}

func main() {
	jobs := make(chan int)
	quit := make(chan struct{})
	done := make(chan int)
	go worker(jobs, quit, done)
	for i := 1; i <= 4; i++ {
		jobs <- i
	}
	close(quit)
	fmt.Println("handled", <-done)
}
