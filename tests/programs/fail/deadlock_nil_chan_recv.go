// Deadlock: receiving from a nil channel blocks forever ([chan receive (nil chan)]).
package main

import "fmt"

func main() {
	var ch chan int // declared but never made
	fmt.Println("nil channel:", ch == nil)
	<-ch
}
