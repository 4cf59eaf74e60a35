package main

func main() {
	ch := make(chan int)
	select {
	case v := <-ch:
	case ch <- 1:
	}
}
