package main

func main() {
	x := nil
	var n int = nil
	_, _ = x, n
}
