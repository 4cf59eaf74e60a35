// Compile error: a constant that overflows its type.
package main

import "fmt"

func main() {
	var b byte = 300
	fmt.Println(b)
}
