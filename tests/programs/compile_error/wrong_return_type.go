// Compile error: returning a value of the wrong type.
package main

func name() string {
	return 42
}

func main() {
	_ = name()
}
