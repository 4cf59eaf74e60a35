// Language: map iteration order is randomised on every range (here: where the walk starts).
package main

import "fmt"

func main() {
	m := map[string]int{"x": 1, "y": 2, "z": 3}
	for k, v := range m {
		fmt.Print(k, "=", v, " ")
	}
	fmt.Println()
}
