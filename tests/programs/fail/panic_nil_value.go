// Panic: since Go 1.21, panic(nil) panics with a *runtime.PanicNilError.
package main

func main() {
	var err error
	panic(err)
}
