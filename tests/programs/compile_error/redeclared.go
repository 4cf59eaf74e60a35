// Compile error: a name declared twice in the same block.
package main

import "fmt"

func main() {
	var total int
	var total int
	fmt.Println(total)
}
