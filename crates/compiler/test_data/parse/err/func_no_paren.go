package main

func main() {
	a := func
}
