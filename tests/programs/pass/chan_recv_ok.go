// Channels: receiving from a closed channel drains the buffer, then yields the zero value and ok=false.
package main

import "fmt"

type point struct{ X, Y int }

func main() {
	ch := make(chan point, 2)
	ch <- point{1, 2}
	ch <- point{3, 4}
	close(ch)
	for i := 0; i < 4; i++ {
		p, ok := <-ch
		fmt.Printf("%+v %v\n", p, ok)
	}
	names := make(chan string)
	close(names)
	s, ok := <-names
	fmt.Printf("%q %v\n", s, ok)
}
