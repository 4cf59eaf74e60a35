// Language: init functions run in source order after every package-level variable is initialised, before main.
package main

import "fmt"

var order []string

var a = note("var a (declared first)")

func note(s string) int {
	order = append(order, s)
	return len(order)
}

func init() {
	order = append(order, fmt.Sprintf("init #1 sees a=%d b=%d c=%d", a, b, c))
}

var b = note("var b")

func init() {
	defer func() {
		order = append(order, fmt.Sprint("init #2 recovered: ", recover()))
	}()
	var m map[string]int
	m["x"]++
}

var c = b + note("var c (depends on b)")

func main() {
	for i, s := range order {
		fmt.Println(i, s)
	}
}
