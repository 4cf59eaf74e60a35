// Panic: a panic in a goroutine kills the whole program; the trace names its creator.
package main

import (
	"fmt"
	"time"
)

func process(items []string, i int) {
	fmt.Println("processing", items[i])
}

func main() {
	items := []string{"a", "b"}
	go process(items, 5)
	time.Sleep(time.Second)
	fmt.Println("never printed")
}
