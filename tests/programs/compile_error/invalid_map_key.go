// Compile error: a slice cannot be a map key.
package main

func main() {
	seen := map[[]int]bool{}
	_ = seen
}
