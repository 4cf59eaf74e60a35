// Panic: deriving a context from a nil parent.
package main

import "context"

func main() {
	var parent context.Context
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	_ = ctx
}
