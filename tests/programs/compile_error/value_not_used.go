// Compile error: an expression whose value is not used.
package main

func main() {
	x := 1
	x + 1
}
