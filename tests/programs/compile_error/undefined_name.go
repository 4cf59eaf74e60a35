// Compile error: use of an undefined identifier.
package main

import "fmt"

func main() {
	fmt.Println(total)
}
