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

// A deadline cancels three workers' child contexts (also the page's context example).
export const CONTEXT_TREE = `package main

import (
	"context"
	"fmt"
	"time"
)

func worker(ctx context.Context, id int, out chan<- string) {
	select {
	case <-time.After(time.Duration(id) * 30 * time.Millisecond):
		out <- fmt.Sprint("worker ", id, " done")
	case <-ctx.Done():
		out <- fmt.Sprint("worker ", id, ": ", context.Cause(ctx))
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	out := make(chan string)
	for id := 1; id <= 3; id++ {
		child, stop := context.WithCancel(ctx)
		defer stop()
		go worker(child, id, out)
	}
	for range 3 {
		fmt.Println(<-out)
	}
}
`;

// Two goroutines pass a value back and forth: chips move between the P, runnext and the channels.
export const PING_PONG = `package main

func main() {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < 200; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	println(v)
}
`;

// A goroutine waits for a context that nothing ever cancels: it leaks.
export const CONTEXT_LEAK = `package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel // never called
	go func() {
		<-ctx.Done()
		fmt.Println("stopped")
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("main returns")
}
`;
