// Compile error: a select case that is not a send or receive.
package main

func main() {
	ch := make(chan int)
	x := 1
	select {
	case x > 0:
	case <-ch:
	}
}
