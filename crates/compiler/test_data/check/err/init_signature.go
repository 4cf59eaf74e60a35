package main

func init(n int) int { return n }

func init[T any]() {}

func main() {
	init(1)
	f := init
	_ = f
}
