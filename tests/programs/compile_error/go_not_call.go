// Compile error: the operand of go must be a function call.
package main

func worker() {}

func main() {
	go worker
}
