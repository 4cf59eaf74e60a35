package main

func main() {
	var c int8 = 300
	const k = 1 << 70
	var d int = k
	var u uint = -1
	_, _, _ = c, d, u
}
