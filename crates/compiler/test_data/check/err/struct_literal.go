package main

type P struct{ X, Y int }

func main() {
	_ = P{X: 1, Z: 2}
	_ = P{1, 2, 3}
	_ = P{1}
	_ = map[string]int{1: 2}
}
