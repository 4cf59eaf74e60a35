// Panic: a custom panic with a string; stdout written before it still appears.
package main

import "fmt"

func main() {
	fmt.Println("start")
	panic("something went badly wrong")
}
