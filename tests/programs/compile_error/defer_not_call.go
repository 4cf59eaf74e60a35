// Compile error: the operand of defer must be a function call.
package main

import "sync"

func main() {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock
}
