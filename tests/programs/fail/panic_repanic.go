// Panic: a recovered panic re-raised with the same value prints [recovered].
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		fmt.Println("cleaning up after:", r)
		panic(r)
	}()
	panic("first")
}
