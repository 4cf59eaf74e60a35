// Deadlock: a select whose channels never become ready blocks forever ([select]).
package main

import "fmt"

func main() {
	a := make(chan int)
	b := make(chan string)
	select {
	case v := <-a:
		fmt.Println("a", v)
	case b <- "x":
		fmt.Println("sent on b")
	}
}
