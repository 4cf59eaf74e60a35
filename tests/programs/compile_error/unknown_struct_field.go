// Compile error: an unknown field in a struct literal.
package main

import "fmt"

type Point struct{ X, Y int }

func main() {
	p := Point{X: 1, Z: 2}
	fmt.Println(p)
}
