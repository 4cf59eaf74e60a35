// Select: a select with a ready send and a ready receive picks either; over two rounds the log varies.
package main

import "fmt"

func main() {
	in := make(chan int, 2)
	out := make(chan int, 2)
	in <- 1
	in <- 2
	log := ""
	for i := 0; i < 2; i++ {
		select {
		case v := <-in:
			log += fmt.Sprintf("recv%d ", v)
		case out <- 10 + i:
			log += fmt.Sprintf("send%d ", 10+i)
		}
	}
	fmt.Println(log)
}
