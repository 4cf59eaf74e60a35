// Panic: a panic in the second init function ends the program before main runs.
package main

import "fmt"

var ready = setup()

func setup() bool {
	fmt.Println("package var initialised")
	return true
}

func init() {
	fmt.Println("init #1, ready:", ready)
}

func init() {
	var cfg map[string]int
	cfg["workers"] = 4 // assignment to entry in nil map
}

func main() {
	fmt.Println("main never runs")
}
