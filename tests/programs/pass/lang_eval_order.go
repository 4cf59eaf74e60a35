// Language: the order of evaluation inside one statement, as gc orders it. Calls, receives, slice
// expressions and most builtins run first, left to right; plain operands (variables, arithmetic,
// fields, elements) are read afterwards, when the statement uses them; an operand boxed into an
// interface through a conversion that needs an address (a bool, a byte, a pointer, a struct) is
// copied where it stands.
package main

import "fmt"

type pair struct{ a, b int }

type node struct{ n int }

func (p *node) String() string { return fmt.Sprint("node", p.n) }

func main() {
	x := 1
	set := func(v int) int { x = v; return 0 }

	fmt.Println(x, set(2))     // 2 0: x is read after the call
	x = 1
	fmt.Println(x+10, -x, set(3)) // arithmetic is read late too
	x = 1
	y := x + set(4)
	fmt.Println(y)
	x = 1
	fmt.Println([]int{x, set(5)}, pair{x, set(6)})
	x = 1
	a, b := x, set(7)
	fmt.Println(a, b)
	x = 1
	x += set(8) // x = x + set(8): 8
	fmt.Println(x)
	x = 0
	arr := [3]int{}
	arr[x] = set(2) + 5 // the index is read after the call
	fmt.Println(arr)
	x = 1
	if x == set(9)+9 {
		fmt.Println("compared late")
	}
	x = 1
	p := &x
	fmt.Println(*p, set(10))
	x = 1
	ret := func() (int, int) { return x, set(11) }
	fmt.Println(ret())

	// Copied where they stand: values that need an address to become an interface.
	x = 1
	fmt.Println(x == 1, !(x == 1), x < 2, set(12))
	var u8 uint8 = 1
	setU8 := func() int { u8 = 2; return 0 }
	fmt.Println(u8+0, u8, setU8()) // the sum is copied early, the variable read late
	x = 1
	fmt.Println(pair{x, x}, [2]int{x, x}, set(13))
	m := map[int]*node{1: {1}}
	counts := map[int]int{1: 1}
	fmt.Println(m[1], counts[1], func() int { m[1] = &node{2}; counts[1] = 2; return 0 }())

	// Builtins, conversions that allocate, assertions and slices run ahead; string(bytes) does not.
	s, bs, list := "a", []byte("a"), []int{1}
	var v any = 1
	change := func() int { s = "b"; bs[0] = 'b'; list = append(list, 2); v = 2; return 0 }
	fmt.Println(len(list), []byte(s), string(bs), v.(int), s[0:1], min(len(list), 9), change())

	// A map literal is built as a unit, entry after entry.
	x = 1
	mm := map[string]int{"first": x, "second": set(14)}
	fmt.Println(mm["first"], mm["second"])
	x = 1
	keyed := map[int]int{x: set(15)} // an entry is m[k] = v: the key is read after the call
	fmt.Println(keyed)

	// A logical operator runs ahead as a unit; go and defer arguments, switch tags and select
	// sends follow the same order.
	x = 1
	fmt.Println(x == 1 && x < 5, set(16), x)
	x = 1
	defer fmt.Println("deferred:", x, set(17))
	x = 1
	finished := make(chan bool)
	go func(a, b int) {
		fmt.Println("go:", a, b)
		finished <- true
	}(x, set(18))
	<-finished
	x = 1
	switch x + set(19) {
	case 19:
		fmt.Println("switch tag read after the call")
	}
	x = 1
	box := make(chan int, 1)
	select {
	case box <- x + set(20):
	}
	fmt.Println("sent:", <-box)

	// A receive is evaluated first too: the count is read after the goroutine's send.
	count := 0
	done := make(chan bool)
	go func() {
		count = 42
		done <- true
	}()
	fmt.Println("count:", count, <-done)
}
