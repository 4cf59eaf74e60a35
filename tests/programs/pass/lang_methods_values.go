// Language: method values and expressions, function types, and variadic functions.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Greeter struct{ greeting string }

func (g Greeter) Greet(name string) string { return g.greeting + ", " + name }

type ByLen []string

func (s ByLen) Len() int           { return len(s) }
func (s ByLen) Less(i, j int) bool { return len(s[i]) < len(s[j]) }
func (s ByLen) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func apply(f func(string) string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = f(n)
	}
	return out
}

func sum(nums ...int) (total int, count int) {
	for _, n := range nums {
		total += n
	}
	return total, len(nums)
}

func main() {
	hi := Greeter{"Hi"}.Greet // method value
	expr := Greeter.Greet     // method expression
	fmt.Println(apply(hi, "Ann", "Bo"))
	fmt.Println(expr(Greeter{"Hello"}, "Cy"))
	fmt.Println(apply(strings.ToLower, "LOUD"))
	fmt.Println(sum())
	fmt.Println(sum(1, 2, 3))
	nums := []int{4, 5}
	fmt.Println(sum(nums...))
	words := ByLen{"banana", "kiwi", "apple", "fig"}
	sort.Stable(words)
	fmt.Println(words, sort.IsSorted(words))
}
