package main

func producer(out chan<- int) {
	out <- 1
}

func main() {
	ch := make(chan string)
	go producer(ch)
}
