// Exit: os.Exit ends the program at once with its code; deferred calls do not run.
package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("deferred: never printed")
	fmt.Println("exiting 3")
	os.Exit(3)
}
