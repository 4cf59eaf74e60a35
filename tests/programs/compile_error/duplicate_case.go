// Compile error: duplicate case in an expression switch.
package main

import "fmt"

func main() {
	switch n := 2; n {
	case 1, 2:
		fmt.Println("small")
	case 2:
		fmt.Println("two")
	}
}
