// Context: context.AfterFunc runs a function in its own goroutine once the context is done.
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cleaned := make(chan string)
	stop := context.AfterFunc(ctx, func() {
		cleaned <- "cleanup ran: " + ctx.Err().Error()
	})
	fmt.Println("cancelling")
	cancel()
	fmt.Println(<-cleaned)
	fmt.Println("stop after it ran:", stop())

	ctx2, cancel2 := context.WithCancel(context.Background())
	stop2 := context.AfterFunc(ctx2, func() { fmt.Println("never printed") })
	fmt.Println("stop before cancel:", stop2())
	cancel2()
	fmt.Println("done")
}
