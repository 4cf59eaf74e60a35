package main

func main() {
	x := 1
	_ = *x
	var m map[string]int
	_ = m[1]
	arr := [3]int{}
	_ = arr[5]
}
