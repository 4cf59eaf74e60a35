"""Generates a random Go program for the runtime-panic differential test (tests/fuzz/differential.sh).

Usage: runtime_panics.py SEED STATEMENTS > prog.go

Each statement runs in its own function under a deferred recover that prints the recovered value's
dynamic type and text: index and slice bounds (variables, so nothing is rejected at compile time),
nil maps, pointers, functions and interfaces, division by zero, failed type assertions, channel
misuse, makeslice/makechan sizes, unhashable and uncomparable interface values, and panics with
values of many types.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])
def idx(): return rnd.choice(["neg", "zero", "two", "three", "five", "n", "n+1", "-n"])
PANIC_VALS = ['"boom"', '42', 'fmt.Errorf("wrapped: %w", errors.New("inner"))', 'errors.New("e")', '[]int{1}', 'struct{A int}{1}', 'nil', '3.5', 'true', 'myErr{}', 'myStr("x")']
CASES = [
 lambda: f"_ = sl[{idx()}]", lambda: f"_ = arr[{idx()}%8]", lambda: f"_ = s[{idx()}]",
 lambda: f"_ = sl[{idx()}:{idx()}]", lambda: f"_ = sl[:{idx()}]", lambda: f"_ = sl[{idx()}:]", lambda: f"_ = s[{idx()}:{idx()}]",
 lambda: f"_ = sl[{idx()}:{idx()}:{idx()}]", lambda: f"_ = arr[:{idx()}]",
 lambda: "var m map[string]int; m[\"k\"] = 1", lambda: "_ = 10 / zero", lambda: "_ = 10 % zero", lambda: "_ = int8v / zero8",
 lambda: "var p *int; _ = *p", lambda: "var p *struct{ x int }; _ = p.x",
 lambda: f"_ = anyv.({rnd.choice(['int', 'string', 'float64', 'error', 'fmt.Stringer', '[]int', 'map[string]int', 'struct{}', '*int'])})",
 lambda: f"_ = errv.({rnd.choice(['*os.PathError', 'interface{{ Foo() }}', 'fmt.Stringer'])})" if False else f"_ = anyv.(interface{{ Foo() }})",
 lambda: "var ch chan int; close(ch)", lambda: "ch := make(chan int); close(ch); close(ch)", lambda: "ch := make(chan int, 1); close(ch); ch <- 1",
 lambda: "panic(" + rnd.choice(PANIC_VALS) + ")",
 lambda: "_ = make([]int, n-10)", lambda: "_ = make([]int, 2, 1+zero)", lambda: "var f func(); f()",
 lambda: "var i interface{ M() }; i.M()", lambda: "_ = [3]int{}[n%3+3-n%3-n%3]" if False else "a := [3]int{}; k := 3; _ = a[k]",
 lambda: f"_ = []int(nil)[{idx()}]", lambda: "_ = string(rune(n))[5]",
 lambda: "x := []any{1}; _ = x[0].(string)", lambda: "var e error; _ = e.Error()",
 lambda: "var arrp *[3]int; _ = arrp[1]", lambda: "var arrp *[3]int; for range arrp {}; _ = len(arrp); _ = arrp[:]",
 lambda: "_ = sl[n:2]", lambda: "v := 1 << 62; _ = make([]int64, v)",
 lambda: "m := map[any]int{}; m[[]int{1}] = 1", lambda: "var a, b any = []int{1}, []int{1}; _ = a == b",
 lambda: "x := -n; _ = make(chan int, x)", lambda: "s2 := sl[:0:0]; _ = s2[:1]",
]
lines = []
for i in range(N):
    c = rnd.choice(CASES)()
    lines.append(f'\ttry({i}, func() {{\n\t\t{c}\n\t}})')
print('''package main

import (
	"errors"
	"fmt"
)

type myErr struct{}

func (myErr) Error() string { return "my error" }

type myStr string

func (m myStr) String() string { return "str:" + string(m) }

var (
	sl          = []int{1, 2, 3}
	arr         = [8]int{}
	s           = "hey"
	n           = 4
	neg         = -1
	two         = 2
	three       = 3
	five        = 5
	zero        = 0
	int8v  int8 = -128
	zero8  int8 = 0
	anyv   any  = "text"
)

var _ = errors.New

func try(i int, f func()) {
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			fmt.Printf("%d error %T: %v\\n", i, e, e)
		} else {
			fmt.Printf("%d value %T: %v\\n", i, r, r)
		}
	}()
	f()
}

func main() {
''' + "\n".join(lines) + "\n}")
