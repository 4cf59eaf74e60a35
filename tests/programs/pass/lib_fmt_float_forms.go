// Library: fmt's rarer float forms (%#g keeps trailing zeros, %x/%X/%b hexadecimal and binary
// mantissas, with precision and flags), integer verbs on pointers, and %#v of []byte.
package main

import (
	"fmt"
	"strconv"
)

type bytesNamed []byte

func main() {
	for _, f := range []float64{0, 1, 100, -2.5, 0.000123, 1e21, 2.5e-300, 5e-324} {
		fmt.Printf("%#g|%#.3g|%#e|%#.0f|%x|%.2X|%b\n", f, f, f, f, f, f, f)
	}
	fmt.Printf("%x %#x %b %v\n", float32(0.1), float32(3.4e38), float32(1), float32(16777217))
	fmt.Printf("%8.3x|%-14x|%+x|% x\n", 2.0, -0.75, 1.5, 1.5)
	fmt.Println(strconv.FormatFloat(1.5, 'x', -1, 64), strconv.FormatFloat(0.1, 'b', -1, 32), strconv.FormatFloat(3, 'X', 2, 64))

	var nilPtr *int
	fmt.Printf("%x %d %v\n", []*int{nilPtr}, struct{ P *int }{}, []*int{nil})
	fmt.Printf("%#v %#v %#v\n", []byte("hi"), [][]byte{[]byte("a")}, bytesNamed("z"))
}
