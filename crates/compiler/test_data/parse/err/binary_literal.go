package main

func main() {
	x := 0b102
	y := 0x
	_, _ = x, y
}
