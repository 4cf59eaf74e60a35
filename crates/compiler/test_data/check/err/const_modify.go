package main

const N = 3

func main() {
	N++
}
