// Compile error: an if condition that is not a boolean.
package main

func main() {
	n := 1
	if n {
		n++
	}
}
