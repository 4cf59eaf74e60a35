// Compile error: calling a value that is not a function.
package main

func main() {
	count := 3
	count()
}
