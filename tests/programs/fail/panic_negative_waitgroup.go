// Panic: more Done calls than Add makes the WaitGroup counter negative.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Done()
	fmt.Println("balanced so far")
	wg.Done()
}
