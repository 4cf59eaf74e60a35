package main

func main() {
	s := []int{1, 2, 3}
	_ = s[2:1]
	m := map[string]int{"a": 1, "b": 2, "a": 3}
	_ = m
}
