// Scheduler: a goroutine blocked in a read system call (stdin) while others keep running.
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	var data []byte
	var readErr error
	go func() {
		defer wg.Done()
		// The M blocks in the read; its P is handed off to another M.
		data, readErr = io.ReadAll(os.Stdin)
	}()
	sum := 0
	go func() {
		defer wg.Done()
		for i := 1; i <= 100; i++ {
			sum += i
		}
	}()
	wg.Wait()
	fmt.Println("bytes read from stdin:", len(data), "error:", readErr)
	fmt.Println("sum computed meanwhile:", sum)
}
