// Language: closures capture variables; since Go 1.22 each loop iteration has its own variable.
package main

import "fmt"

func counter() (inc func() int, get func() int) {
	n := 0
	inc = func() int { n++; return n }
	get = func() int { return n }
	return
}

func main() {
	inc, get := counter()
	inc()
	inc()
	fmt.Println("count:", get())

	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * 10 })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	done := make(chan int)
	for i := range 3 {
		go func() { done <- i }() // i is per-iteration, no race with the loop
	}
	sum := 0
	for range 3 {
		sum += <-done
	}
	fmt.Println("sum:", sum)

	adders := map[string]func(int) int{}
	for _, k := range []int{1, 10} {
		adders[fmt.Sprint("add", k)] = func(x int) int { return x + k }
	}
	fmt.Println(adders["add1"](5), adders["add10"](5))
}
