package main

import (
	"errors"
	"fmt"
)

type Stack struct {
	data []int
}

func (s *Stack) Push(v int) *Stack {
	s.data = append(s.data, v)
	return s
}

func counter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 0 }
}

func mustPositive(n int) int {
	if n < 0 {
		panic(fmt.Sprintf("negative: %d", n))
	}
	return n
}

func try(f func()) (err error) {
	defer func() {
		switch r := recover().(type) {
		case nil:
		case error:
			err = r
		case string:
			err = errors.New(r)
		default:
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}

func apply(fs ...func(int) int) func(int) int {
	return func(x int) int {
		for _, f := range fs {
			x = f(x)
		}
		return x
	}
}

func main() {
	inc, reset := counter()
	inc()
	inc()
	fmt.Println(inc())
	reset()
	fmt.Println(inc())
	s := &Stack{}
	s.Push(1).Push(2)
	fmt.Println(s.data)
	fmt.Println(try(func() { mustPositive(-1) }))
	fmt.Println(try(func() { var m map[string]int; m["x"] = 1 }))
	double := func(x int) int { return x * 2 }
	fmt.Println(apply(double, double, func(x int) int { return x + 1 })(3))
	for i := 0; i < 3; i++ {
		defer func(n int) { fmt.Print(n) }(i)
	}
	func() {
		defer fmt.Println("inner")
	}()
	var err error = &wrapped{errors.New("base")}
	fmt.Println(errors.Unwrap(err))
}

type wrapped struct{ err error }

func (w *wrapped) Error() string { return "wrapped: " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }
