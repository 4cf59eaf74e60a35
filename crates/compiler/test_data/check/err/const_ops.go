package main

import "fmt"

func main() {
	fmt.Println("a" * 2)
	var b byte = 'a' + 200
	x := 10 / 0
	fmt.Println(b, x, nil == nil)
}
