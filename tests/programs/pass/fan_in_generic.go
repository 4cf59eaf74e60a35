// Pattern: fan-in with a generic merge[T any](cs ...<-chan T) <-chan T.
package main

import (
	"fmt"
	"slices"
	"sync"
)

func merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	wg.Add(len(cs))
	for _, c := range cs {
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func emit[T any](vs ...T) <-chan T {
	c := make(chan T)
	go func() {
		defer close(c)
		for _, v := range vs {
			c <- v
		}
	}()
	return c
}

func main() {
	var nums []int
	for n := range merge(emit(1, 4, 7), emit(2, 5), emit(3, 6, 8, 9)) {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	fmt.Println(nums)

	var words []string
	for w := range merge(emit("go", "chan"), emit("select")) {
		words = append(words, w)
	}
	slices.Sort(words)
	fmt.Println(words)
}
