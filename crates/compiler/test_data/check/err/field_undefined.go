package main

type T struct{ x int }

func main() {
	var t T
	t.y = 2
	t.X = 3
	var n int
	n.foo()
}
