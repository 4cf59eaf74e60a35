// Compile error: calling a function with too many arguments.
package main

func double(a int) int { return 2 * a }

func main() {
	_ = double(1, 2)
}
