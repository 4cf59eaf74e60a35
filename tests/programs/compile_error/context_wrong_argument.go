// Compile error: passing an int where a time.Duration-typed variable is expected.
package main

import (
	"context"
	"time"
)

func main() {
	seconds := 5
	ctx, cancel := context.WithTimeout(context.Background(), seconds*time.Second)
	defer cancel()
	_ = ctx
}
