// Compile error: calling a method the type does not have.
package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Finish()
}
