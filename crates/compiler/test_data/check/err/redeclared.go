package main

func f() {}

func f() {}

func main() {
	var total int
	var total string
	_ = total
}
