// Panic: closing a channel twice.
package main

import "fmt"

func main() {
	done := make(chan struct{})
	stop := func() { close(done) }
	stop()
	fmt.Println("stopped once")
	stop()
}
