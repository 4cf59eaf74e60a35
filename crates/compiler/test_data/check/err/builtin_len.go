package main

func main() {
	_ = len(5)
	var f float64 = 1.5
	var n int = f
	_ = n
}
