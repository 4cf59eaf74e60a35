package main

import "strconv"

func main() {
	n, err := strconv.Atoi("1")
	if err != nil {
		return
	}
	m, err := strconv.Atoi("2")
	_ = n
}
