// Compile error: an imported package that is never used.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hi")
}
