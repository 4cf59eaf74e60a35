// unsupported: cgo
// Unsupported: calling C through cgo.
package main

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import "fmt"

func main() {
	fmt.Println("twice 21 =", C.twice(21))
}
