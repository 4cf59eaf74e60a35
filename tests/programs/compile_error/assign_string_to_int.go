// Compile error: assigning a string constant to an int variable.
package main

import "fmt"

func main() {
	var n int = "ten"
	fmt.Println(n)
}
