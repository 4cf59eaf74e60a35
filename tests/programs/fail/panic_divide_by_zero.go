// Panic: integer divide by zero.
package main

import "fmt"

func average(xs []int) int {
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return sum / len(xs)
}

func main() {
	fmt.Println(average([]int{2, 4}))
	fmt.Println(average(nil))
}
