// Language: slices share backing arrays; append grows capacity; copy; three-index slices; package slices.
package main

import (
	"fmt"
	"slices"
)

func main() {
	var s []int
	for i := 0; i < 10; i++ {
		s = append(s, i)
		fmt.Print(cap(s), " ")
	}
	fmt.Println()

	a := []int{1, 2, 3, 4, 5}
	b := a[1:3]
	b[0] = 20 // shares memory with a
	fmt.Println(a, b, len(b), cap(b))
	c := a[1:3:3]
	c = append(c, 99) // cap exhausted: copies, a is unchanged
	fmt.Println(a, c)

	dst := make([]int, 3)
	n := copy(dst, a)
	fmt.Println(n, dst)

	words := []string{"pear", "apple", "fig"}
	slices.Sort(words)
	i, found := slices.BinarySearch(words, "fig")
	fmt.Println(words, i, found, slices.Index(words, "pear"), slices.Contains(words, "kiwi"))
	fmt.Println(slices.Max(a), slices.Min(a), len(slices.Compact([]int{1, 1, 2, 2, 3})))
	grid := [2][3]int{{1, 2, 3}, {4, 5, 6}}
	fmt.Println(grid, len(grid[0]), min(3, 1, 2), max(2.5, 1))
}
