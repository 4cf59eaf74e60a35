package main

import "fmt"

// gc accepts these; Goroscope's string constants are UTF-8, so it refuses rather than
// changing their bytes (len("\xff") is 1 in Go).
func main() {
	fmt.Println(len("\xff"), "a\377b")
	fmt.Println("\xe2\x82\xac", "\u00ff", '\xff', `\xff`) // valid UTF-8: fine
	fmt.Println("\xe2\x82" + "\xac")
}
