// Panic: make(chan T, n) with a negative size.
package main

import "fmt"

func main() {
	n := -1
	fmt.Println("buffer size:", n)
	ch := make(chan int, n)
	fmt.Println(cap(ch))
}
