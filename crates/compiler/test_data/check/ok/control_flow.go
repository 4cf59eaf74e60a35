package main

import "fmt"

func classify(n int) (kind string, even bool) {
	switch {
	case n < 0:
		kind = "negative"
	case n == 0:
		kind = "zero"
		fallthrough
	case n < 10:
		kind += "small"
	default:
		kind = "big"
	}
	even = n%2 == 0
	return
}

func fib() func() int {
	a, b := 0, 1
	return func() int {
		defer func() { a, b = b, a+b }()
		return a
	}
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	q = a / b
	return
}

func find(grid [][]int, target int) (int, int) {
outer:
	for i, row := range grid {
		for j, v := range row {
			if v == target {
				return i, j
			}
			if v > target {
				continue outer
			}
		}
	}
	return -1, -1
}

func count(n int) int {
	i := 0
loop:
	if i < n {
		i++
		goto loop
	}
	return i
}

func forever(ch chan int) int {
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return -1
			}
			return v
		}
	}
}

func main() {
	fmt.Println(classify(0))
	fmt.Println(classify(-3))
	f := fib()
	for i := 0; i < 5; i++ {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	fmt.Println(safeDiv(1, 0))
	fmt.Println(find([][]int{{1, 5}, {2, 3}}, 3))
	fmt.Println(count(3))
	ch := make(chan int, 1)
	ch <- 4
	fmt.Println(forever(ch))
	var fs []func()
	for i := range 3 {
		fs = append(fs, func() { fmt.Print(i) })
	}
	for _, g := range fs {
		g()
	}
	if x := 5; x > 3 {
		fmt.Println("big")
	} else if x > 1 {
		fmt.Println("mid")
	} else {
		fmt.Println("small")
	}
	m := map[string][]int{}
	m["a"] = append(m["a"], 1)
	delete(m, "b")
	for k, v := range m {
		fmt.Println(k, v)
	}
	for i, r := range "hé" {
		fmt.Println(i, r)
	}
	switch x := any(3).(type) {
	case int:
		fmt.Println(x + 1)
	}
}
