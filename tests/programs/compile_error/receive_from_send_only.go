// Compile error: receiving from a send-only channel.
package main

func produce(out chan<- int) {
	v := <-out
	_ = v
}

func main() {
	produce(make(chan int))
}
