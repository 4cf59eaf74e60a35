package main

func main() {
	ch := make(chan int, 1)
	ch <- "x"
	var s string = <-ch
	_ = s
}
