// Compile error: goto jumping into a block.
package main

import "fmt"

func main() {
	goto inside
	{
	inside:
		fmt.Println("inside")
	}
}
