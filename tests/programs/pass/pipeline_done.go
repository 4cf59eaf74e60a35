// Pattern: a pipeline of stages connected by channels, with a done channel to stop early.
package main

import "fmt"

func generate(done <-chan struct{}, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func square(done <-chan struct{}, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- n * n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func main() {
	done := make(chan struct{})
	results := square(done, square(done, generate(done, 1, 2, 3, 4, 5, 6)))
	for i := 0; i < 3; i++ { // we only want the first three
		fmt.Println(<-results)
	}
	close(done) // tells every stage to stop
	for range results {
	}
	fmt.Println("pipeline drained")
}
