// Go programs the end-to-end tests type into the editor.

// The classic leak: a sender on an unbuffered channel that nobody ever receives from.
export const LEAK = `package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		ch <- 42
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main returns without receiving")
}
`;

export const DEADLOCK = `package main

func main() {
	ch := make(chan int)
	ch <- 1
}
`;

export const COMPILE_ERROR = `package main

func main() {
	x := 1
}
`;

export const SPIN = `package main

func main() {
	for {
	}
}
`;
