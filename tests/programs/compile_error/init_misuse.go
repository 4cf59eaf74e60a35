// Compile error: init must have no parameters and cannot be called by name.
package main

func init(n int) {}

func main() {
	init()
}
