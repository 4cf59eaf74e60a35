// Context: WithValue carries request-scoped values down a chain of contexts.
package main

import (
	"context"
	"fmt"
)

type ctxKey string

const (
	userKey    ctxKey = "user"
	requestKey ctxKey = "request-id"
)

func handle(ctx context.Context) {
	user, ok := ctx.Value(userKey).(string)
	fmt.Println("user:", user, ok)
	fmt.Println("request:", ctx.Value(requestKey))
	fmt.Println("missing:", ctx.Value(ctxKey("trace")))
}

func main() {
	ctx := context.WithValue(context.Background(), userKey, "gopher")
	ctx = context.WithValue(ctx, requestKey, 42)
	handle(ctx)

	inner := context.WithValue(ctx, userKey, "admin") // shadows the outer value
	fmt.Println("inner user:", inner.Value(userKey), "outer user:", ctx.Value(userKey))
	fmt.Println("plain string key finds nothing:", ctx.Value("user"))
}
