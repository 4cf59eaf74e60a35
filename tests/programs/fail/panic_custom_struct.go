// Panic: panicking with a struct that is neither an error nor a Stringer prints its type and address.
package main

type Failure struct {
	Code int
	Msg  string
}

func main() {
	panic(Failure{500, "internal"})
}
