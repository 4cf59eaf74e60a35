package main

func main() {
	var s string = 5
	var i int = "hello"
	_, _ = s, i
}
