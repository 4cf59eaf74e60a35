package main

func main() {
	s := []int{1}
	if s {
	}
	for 1 {
	}
}
