// Scheduler: a goroutine blocks in a read system call; its P is handed off to another M and keeps running main.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
)

func main() {
	done := make(chan int)
	go func() {
		// The M blocks in the read with this goroutine; the P leaves it for another M.
		data, _ := io.ReadAll(os.Stdin)
		done <- len(data)
	}()
	runtime.Gosched() // let the reader run and enter its system call first
	sum := 0
	for i := 1; i <= 1000; i++ {
		sum += i // main keeps computing on the handed-off P meanwhile
	}
	fmt.Println("sum computed meanwhile:", sum)
	fmt.Println("bytes read from stdin:", <-done)
}
