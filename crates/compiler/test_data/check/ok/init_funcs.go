package main

import "fmt"

var n = compute()

func compute() int { return 2 }

func init() {
	n *= 10
}

func init() {
	fmt.Println("second init", n)
}

type T struct{}

// A method may be called init; only package-level funcs named init are special.
func (T) init() int { return n }

func main() {
	fmt.Println(T{}.init())
}
