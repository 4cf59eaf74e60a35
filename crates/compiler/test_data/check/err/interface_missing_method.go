package main

type T struct{ x int }

func (t T) M() {}

type I interface {
	M()
	N()
}

func main() {
	var t T
	var i I = t
	_ = i
}
