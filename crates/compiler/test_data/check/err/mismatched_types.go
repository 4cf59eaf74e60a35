package main

func main() {
	i, s := 1, "a"
	_ = i + s
	var a int8 = 1
	var b int = 2
	_ = a + b
}
