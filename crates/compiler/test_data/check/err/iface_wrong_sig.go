package main

type Shape interface{ Area() float64 }

type Sq struct{}

func (Sq) Area() int { return 1 }

func main() {
	var s Shape = Sq{}
	_ = s
}
