// Language: recover turns runtime panics and custom panics back into values.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		fmt.Printf("%s: %v (runtime error: %v)\n", name, r, isRuntime)
	}()
	f()
}

func main() {
	try("index", func() {
		xs := []int{1, 2, 3}
		i := 5
		_ = xs[i]
	})
	try("nil map", func() {
		var m map[string]int
		m["a"] = 1
	})
	try("divide", func() {
		a, b := 1, 0
		_ = a / b
	})
	try("nil pointer", func() {
		var p *struct{ X int }
		_ = p.X
	})
	try("assertion", func() {
		var v any = "s"
		_ = v.(int)
	})
	try("slice", func() {
		s := make([]int, 2, 4)
		j := 5
		_ = s[1:j]
	})
	try("closed channel", func() {
		c := make(chan int)
		close(c)
		close(c)
	})
	try("custom", func() { panic(errors.New("custom error")) })
	try("no panic", func() {})
}
