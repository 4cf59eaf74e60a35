package main

func main() {
	y := undefinedThing
	_ = y
	foo()
}
