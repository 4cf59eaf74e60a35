// Select: two identical replicas race to answer; whichever is scheduled first wins.
package main

import "fmt"

func main() {
	answers := make(chan string, 2)
	for _, name := range []string{"replica A", "replica B"} {
		go func() { answers <- name }()
	}
	fmt.Println("winner:", <-answers)
	<-answers
}
