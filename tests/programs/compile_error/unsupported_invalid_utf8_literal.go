// unsupported: string literal with invalid UTF-8
// Unsupported: a string literal whose byte escapes are not valid UTF-8 (Go keeps the raw bytes).
package main

import "fmt"

func main() {
	s := "a\xffb"
	fmt.Println(len("\xff"), len(s), s[1])
	for i, r := range s {
		fmt.Println(i, r)
	}
	fmt.Printf("%q %x %v\n", s, s, []byte(s))
}
