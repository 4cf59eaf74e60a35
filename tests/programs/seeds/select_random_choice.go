// Select: when several cases are ready, select picks one uniformly at random.
package main

import "fmt"

func main() {
	a := make(chan string, 4)
	b := make(chan string, 4)
	for i := 0; i < 4; i++ {
		a <- "a"
		b <- "b"
	}
	picks := ""
	for i := 0; i < 3; i++ {
		select {
		case v := <-a:
			picks += v
		case v := <-b:
			picks += v
		}
	}
	fmt.Println(picks)
}
