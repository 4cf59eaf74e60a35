// Panic: slice bounds out of range.
package main

import "fmt"

func firstN(s []string, n int) []string { return s[:n] }

func main() {
	names := make([]string, 2, 3)
	fmt.Println(len(firstN(names, 3)))
	fmt.Println(firstN(names, 4))
}
