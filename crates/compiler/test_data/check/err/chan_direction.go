package main

func main() {
	ch := make(chan<- int)
	<-ch
	var r <-chan int
	r <- 1
	close(r)
}
