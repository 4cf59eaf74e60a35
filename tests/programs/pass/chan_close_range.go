// Channels: the producer closes the channel; range in the consumer stops after the last value.
package main

import "fmt"

func produce(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i <= n; i++ {
			out <- i
		}
	}()
	return out
}

func main() {
	total := 0
	for v := range produce(5) {
		fmt.Println("got", v)
		total += v
	}
	fmt.Println("total", total)
}
