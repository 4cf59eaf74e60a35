// Compile error: a name that the package does not export.
package main

import "fmt"

func main() {
	fmt.Printline("hi")
}
