// Compile error: a type assertion on a value that is not an interface.
package main

func main() {
	n := 5
	s, ok := n.(string)
	_, _ = s, ok
}
