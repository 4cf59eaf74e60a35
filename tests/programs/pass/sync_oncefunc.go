// Sync: sync.OnceFunc, OnceValue and OnceValues wrap a function so it runs at most once.
package main

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
)

func main() {
	calls := 0
	greet := sync.OnceFunc(func() {
		calls++
		fmt.Println("hello, once")
	})
	greet()
	greet()
	fmt.Println("calls:", calls)

	square := sync.OnceValue(func() int {
		fmt.Println("computing...")
		return 12 * 12
	})
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = square()
		}()
	}
	wg.Wait()
	fmt.Println(results)

	parse := sync.OnceValues(func() (int, error) {
		return strconv.Atoi("4x2")
	})
	n, err := parse()
	var numErr *strconv.NumError
	fmt.Println(n, err, errors.As(err, &numErr))
	_, err2 := parse()
	fmt.Println("same error:", err == err2)
}
