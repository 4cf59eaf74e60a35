// Pattern: futures; start work now, collect each result later from its own channel.
package main

import (
	"fmt"
	"time"
)

type Result[T any] struct {
	Value T
	Err   error
}

func async[T any](f func() (T, error)) <-chan Result[T] {
	ch := make(chan Result[T], 1)
	go func() {
		v, err := f()
		ch <- Result[T]{v, err}
	}()
	return ch
}

func main() {
	price := async(func() (float64, error) {
		time.Sleep(20 * time.Millisecond)
		return 9.99, nil
	})
	stock := async(func() (int, error) {
		time.Sleep(10 * time.Millisecond)
		return 0, fmt.Errorf("warehouse %d offline", 7)
	})
	p, s := <-price, <-stock
	fmt.Printf("price %.2f err %v\n", p.Value, p.Err)
	fmt.Printf("stock %d err %v\n", s.Value, s.Err)
	fmt.Printf("%+v\n", p)
}
