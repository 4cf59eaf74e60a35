// Compile error: assignment mismatch between results and variables.
package main

import "strconv"

func main() {
	n := strconv.Atoi("1")
	_ = n
}
