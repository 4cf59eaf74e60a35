// Compile error: else must be on the same line as the closing brace.
package main

import "fmt"

func main() {
	x := 1
	if x > 0 {
		fmt.Println("positive")
	}
	else {
		fmt.Println("not positive")
	}
}
