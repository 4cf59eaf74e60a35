// Compile error: a function with a result that can end without a return.
package main

import "fmt"

func sign(x int) string {
	if x > 0 {
		return "+"
	} else if x < 0 {
		return "-"
	}
}

func main() {
	fmt.Println(sign(1))
}
