// Compile error: several errors at once, reported in source order.
package main

import (
	"fmt"
	"strings"
)

func main() {
	x := 1
	var y string = 2
	fmt.Println(z)
}
