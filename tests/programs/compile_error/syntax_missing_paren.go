// Compile error: a missing closing parenthesis in a call.
package main

import "fmt"

func main() {
	fmt.Println("hello"
}
