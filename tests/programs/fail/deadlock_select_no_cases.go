// Deadlock: an empty select blocks forever ([select (no cases)]) once the worker is done.
package main

import "fmt"

func main() {
	go fmt.Println("worker done")
	select {}
}
