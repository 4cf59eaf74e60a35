package main

func main() {
	var y any = 2
	var w int = y
	_ = w
}
