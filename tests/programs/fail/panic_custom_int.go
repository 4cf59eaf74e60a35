// Panic: panicking with ints and a named integer type.
package main

import "fmt"

type ExitCode int

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered", r)
		panic(ExitCode(7))
	}()
	panic(42)
}
