package main

func f() int { return 1 }

func main() {
	x := go f()
}
