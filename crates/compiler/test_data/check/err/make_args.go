package main

func main() {
	_ = make([]int)
	_ = make(int)
	_ = make(chan int, 1, 2)
	_ = new(5)
}
