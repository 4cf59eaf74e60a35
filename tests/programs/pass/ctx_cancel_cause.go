// Context: WithCancelCause records why a context was cancelled; context.Cause reports it.
package main

import (
	"context"
	"errors"
	"fmt"
)

var errQuotaExceeded = errors.New("quota exceeded")

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()

	cancel(errQuotaExceeded)
	<-child.Done() // cancelling the parent cancels the child
	fmt.Println("err:", ctx.Err())
	fmt.Println("cause:", context.Cause(ctx))
	fmt.Println("child cause:", context.Cause(child))
	fmt.Println("is quota:", errors.Is(context.Cause(child), errQuotaExceeded))

	plain, stop := context.WithCancel(context.Background())
	stop()
	fmt.Println("cause without a cause:", context.Cause(plain))

	bg := context.Background()
	fmt.Println("cause of background:", context.Cause(bg))

	ctx2, cancel2 := context.WithCancelCause(context.Background())
	cancel2(nil) // a nil cause means context.Canceled
	fmt.Println("nil cause:", context.Cause(ctx2))
}
