package main

func main() {
	s := "a"
	s++
	b := true
	_ = -b
	_ = !s
}
