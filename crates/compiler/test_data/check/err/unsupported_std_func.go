package main

import "fmt"

func main() {
	var s string
	fmt.Sscanln("1", &s)
}
