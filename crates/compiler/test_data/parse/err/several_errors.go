package main

func main() {
	x := [3]int{1, 2 3}
	y := (1 + 2
	z := 3
}

func g( {
}
