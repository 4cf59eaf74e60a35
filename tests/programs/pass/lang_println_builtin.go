// Language: the print and println builtins write to standard error, with their own formatting.
package main

import "fmt"

func main() {
	fmt.Println("stdout: fmt.Println", 1.5, true)
	println("stderr: println", 1, true, 1.5, -2.25, 'x', "text")
	print("stderr: print", 1, 2, "\n")
	var p *int
	println("nil pointer:", p == nil)
	println()
	fmt.Println("stdout again")
}
