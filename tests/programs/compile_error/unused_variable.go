// Compile error: a local variable declared and never used.
package main

func main() {
	count := 0
}
