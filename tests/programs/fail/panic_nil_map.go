// Panic: assignment to an entry in a nil map.
package main

type registry struct {
	handlers map[string]func()
}

func main() {
	var r registry
	r.handlers["ping"] = func() {}
}
