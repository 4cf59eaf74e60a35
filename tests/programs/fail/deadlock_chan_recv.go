// Deadlock: main receives from a channel that no goroutine will ever send on.
package main

import "fmt"

func main() {
	results := make(chan int)
	fmt.Println("waiting for a result")
	fmt.Println(<-results)
}
