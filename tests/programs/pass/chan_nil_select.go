// Channels: setting a closed channel variable to nil disables its select case (merge two streams).
package main

import "fmt"

func numbers(from, to int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := from; i <= to; i++ {
			out <- i
		}
	}()
	return out
}

func main() {
	a, b := numbers(1, 3), numbers(100, 102)
	sum, count := 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil // a nil channel is never ready
				continue
			}
			sum += v
			count++
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sum += v
			count++
		}
	}
	fmt.Println("both closed: count", count, "sum", sum)
}
