// Compile error: package main without a main function.
package main

import "fmt"

func Main() {
	fmt.Println("capital M")
}
