package main

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
)

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Max[T cmp.Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func merge[T any](cs ...<-chan T) <-chan T {
	var wg sync.WaitGroup
	out := make(chan T)
	output := func(c <-chan T) {
		for v := range c {
			out <- v
		}
		wg.Done()
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type MyInt int

func gen(n int) <-chan int {
	c := make(chan int)
	go func() {
		for i := range n {
			c <- i
		}
		close(c)
	}()
	return c
}

func main() {
	fmt.Println(Sum([]int{1, 2, 3}), Sum([]float64{1.5, 2}), Sum([]MyInt{4, 5}))
	strs := Map([]int{1, 2}, func(i int) string { return fmt.Sprint(i) })
	fmt.Println(strs, Max(3, 7), Max("a", "b"), Max[float64](1, 2.5))
	total := 0
	for v := range merge(gen(3), gen(4)) {
		total += v
	}
	fmt.Println(total)
	var s Stack[string]
	s.Push("x")
	v, ok := s.Pop()
	fmt.Println(v, ok)
	p := Pair[string, int]{Key: "a", Val: 1}
	ps := []Pair[string, int]{{"b", 2}, {Key: "c"}}
	fmt.Println(p, ps)
	xs := []int{3, 1, 2}
	slices.Sort(xs)
	fmt.Println(xs, slices.Contains(xs, 2), slices.Index(xs, 3), slices.Max(xs))
}
