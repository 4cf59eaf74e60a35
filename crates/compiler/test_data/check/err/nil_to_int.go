package main

func main() {
	var x int
	x = nil
	_ = x
}
