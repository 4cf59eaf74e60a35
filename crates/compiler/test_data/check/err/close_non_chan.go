package main

func main() {
	x := 1
	close(x)
	var s []int
	s.append(1)
}
