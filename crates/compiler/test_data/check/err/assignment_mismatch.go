package main

import "strconv"

func two() (int, int) { return 1, 2 }

func main() {
	n := strconv.Atoi("1")
	a, b, c := two()
	var x, y = 1
	_, _, _, _, _, _ = n, a, b, c, x, y
}
