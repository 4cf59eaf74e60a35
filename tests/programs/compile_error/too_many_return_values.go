// Compile error: returning more values than the function declares.
package main

func half(n int) int {
	return n / 2, n % 2
}

func main() {
	_ = half(3)
}
