// Compile error: sending on a receive-only channel.
package main

func consume(in <-chan int) {
	in <- 1
}

func main() {
	consume(make(chan int))
}
