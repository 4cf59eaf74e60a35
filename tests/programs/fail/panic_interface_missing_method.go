// Panic: asserting to an interface whose method set the dynamic type lacks.
package main

import "fmt"

type Closer interface{ Close() error }

type file struct{ name string }

func main() {
	var v any = file{"a.txt"}
	c := v.(Closer)
	fmt.Println(c)
}
