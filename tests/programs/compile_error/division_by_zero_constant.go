// Compile error: integer division by the constant zero.
package main

import "fmt"

func main() {
	n := 10
	fmt.Println(n / 0)
}
