// Deadlock: sending on a nil channel blocks forever ([chan send (nil chan)]).
package main

func main() {
	var ch chan<- int
	ch <- 1
}
