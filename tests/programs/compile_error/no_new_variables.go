// Compile error: := with no new variables on the left.
package main

import "fmt"

func main() {
	x := 1
	x := 2
	fmt.Println(x)
}
