package main

import "fmt"

const tenth = 0.1
const third = 1.0 / 3

// Each array length only type-checks if constants fold exactly, as in Go:
// with float64 arithmetic (0.1+0.2)*10 would be 3.0000000000000004 (truncated: an error).
var a [int((0.1 + 0.2) * 10)]int
var b [int(tenth * 30)]int
var c [int(third * 3)]int

func main() {
	fmt.Println(len(a), len(b), len(c), 0.1+0.2 == 0.3, -tenth*10 == -1)
}
