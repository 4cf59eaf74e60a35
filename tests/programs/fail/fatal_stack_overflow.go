// Fatal: unbounded recursion exceeds the 1 GB goroutine stack limit.
package main

import "fmt"

func depth(n int) int {
	return depth(n+1) + 1 // no base case
}

func main() {
	fmt.Println(depth(0))
}
