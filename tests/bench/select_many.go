// Bench: select over several channels; four producers, one consumer selecting among them.
package main

import "fmt"

const perProducer = 150_000

func produce(base int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 0; i < perProducer; i++ {
			out <- base + i%100
		}
		close(out)
	}()
	return out
}

func main() {
	a, b, c, d := produce(0), produce(1000), produce(2000), produce(3000)
	checksum, open := 0, 4
	for open > 0 {
		select {
		case v, ok := <-a:
			if !ok {
				a, open = nil, open-1
				continue
			}
			checksum += v
		case v, ok := <-b:
			if !ok {
				b, open = nil, open-1
				continue
			}
			checksum += v
		case v, ok := <-c:
			if !ok {
				c, open = nil, open-1
				continue
			}
			checksum += v
		case v, ok := <-d:
			if !ok {
				d, open = nil, open-1
				continue
			}
			checksum += v
		}
	}
	fmt.Println("select checksum:", checksum)
}
