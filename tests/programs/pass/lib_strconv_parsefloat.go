// Library: strconv.ParseFloat's syntax: underscores between digits, hexadecimal mantissas with a binary
// exponent, infinities and NaN, range errors, for 64 and 32 bits.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, s := range []string{"1_000", "1__0", "_1", "1_", "1_.5", "1.5_0", "1e1_0", "0x1p-2", "0x1.8p1", "-0X1.fffffffffffffp1023", "0x1p", "0x1", "0x.8p0", "0x1_0p0", "+-1", "--1", "1e", ".5", "5.", "0x1p-1074", "0x1p-1075", "0x1p1024", "0x123456789abcdef123p0", "Inf", "-infinity", "nan", "1e400", "-1e-400", "0b101", "0o17"} {
		v, err := strconv.ParseFloat(s, 64)
		w, err2 := strconv.ParseFloat(s, 32)
		fmt.Println(s, v, err, w, err2)
	}
}
