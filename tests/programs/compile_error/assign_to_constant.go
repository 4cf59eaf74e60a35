// Compile error: assigning to a constant.
package main

const limit = 10

func main() {
	limit = 20
}
