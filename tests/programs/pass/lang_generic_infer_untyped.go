// Language: type inference binds a type parameter from a typed argument's core type before it
// looks at untyped constants (types2 infer: typed arguments, then constraints, then constants).
package main

import (
	"fmt"
	"slices"
)

type celsius float32

func push[S ~[]E, E any](s S, v ...E) S { return append(s, v...) }

func pair[K comparable, V any](k K, v V) map[K]V { return map[K]V{k: v} }

func main() {
	small := []int32{10, 20}
	small = slices.Insert(small, 1, 15)
	fmt.Printf("%T %v\n", small, small)

	bytes := []byte("ab")
	bytes = push(bytes, 'c', 100)
	fmt.Printf("%T %q\n", bytes, bytes)

	temps := []celsius{20.5}
	temps = push(temps, 21, 22.25)
	fmt.Printf("%T %v %d\n", temps, temps, slices.Index(temps, 21))

	fmt.Printf("%T %T\n", pair(1, 2.5), pair("k", 'r'))
	fmt.Println(slices.Contains([]int8{-1, 1}, 1), slices.Max([]uint16{3, 9, 4}))
}
