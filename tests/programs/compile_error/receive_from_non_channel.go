// Compile error: receiving from something that is not a channel.
package main

func main() {
	results := []int{1, 2}
	v := <-results
	_ = v
}
