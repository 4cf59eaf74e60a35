// Compile error: declared and not used inside a goroutine's function literal.
package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		result := 42
	}()
	wg.Wait()
}
