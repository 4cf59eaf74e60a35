package main

type S struct{ xs []int }

func main() {
	a, b := S{}, S{}
	_ = a == b
}
