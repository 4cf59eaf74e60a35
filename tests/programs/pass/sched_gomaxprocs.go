// Scheduler: runtime.GOMAXPROCS sets the number of Ps (processors) that run goroutines.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(3)
	fmt.Println("Ps now:", runtime.GOMAXPROCS(0)) // 0 only queries

	prev := runtime.GOMAXPROCS(1)
	fmt.Println("previous:", prev, "now:", runtime.GOMAXPROCS(0))

	fmt.Println("at least one CPU:", runtime.NumCPU() >= 1)

	done := make(chan int)
	for i := 1; i <= 3; i++ {
		go func() { done <- i * i }()
	}
	sum := 0
	for range 3 {
		sum += <-done
	}
	fmt.Println("sum of squares on one P:", sum)
}
