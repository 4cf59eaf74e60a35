// Compile error: nil has no type for := to use.
package main

func main() {
	x := nil
	_ = x
}
