package main

func main() {
	x := 1
	x + 1
	s := []int{}
	append(s, 1)
	len(s)
}
