// Compile error: passing a WaitGroup by value where a pointer is required.
package main

import "sync"

func worker(wg *sync.WaitGroup) { wg.Done() }

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(wg)
	wg.Wait()
}
