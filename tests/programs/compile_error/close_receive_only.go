// Compile error: closing a receive-only channel.
package main

func drain(in <-chan int) {
	for range in {
	}
	close(in)
}

func main() {
	drain(make(chan int))
}
