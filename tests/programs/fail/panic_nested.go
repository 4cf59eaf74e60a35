// Panic: a deferred function panics while the first panic is unwinding; both are printed.
package main

import "fmt"

func main() {
	defer func() {
		panic("second (from defer)")
	}()
	defer fmt.Println("this defer still runs")
	panic("first")
}
