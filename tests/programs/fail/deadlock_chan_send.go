// Deadlock: a send on an unbuffered channel with no receiver blocks main forever.
package main

import "fmt"

func main() {
	ch := make(chan string)
	ch <- "hello" // no receiver: blocks forever
	fmt.Println("never printed")
}
