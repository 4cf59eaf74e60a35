"""Generates a random Go program for the evaluation-order differential test (tests/fuzz/eval_order.sh).

Usage: eval_order.py SEED STATEMENTS > prog.go

Each statement mixes plain operands (variables, arithmetic, fields, elements, map entries, slices,
comparisons, conversions) with calls that change those same variables, in the places where gc's order
of evaluation shows: call arguments (boxed into interfaces by fmt.Println or not), binary operators,
multi-value assignments, `x += f()`, `a[i] = f()`, composite literals and `if` conditions. State is
reset between statements, so each output line depends only on its own statement.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])
INT_LEAF = ["x", "x+1", "-x", "arr[0]", "arr[1]", "st.a", "*p", "m[1]", "sl[0]", "len(sl)", "len(s)", "ptr.a", "int(u8)", "x*2"]
INT_CALL = ["mx({k})", "marr({k})", "mst({k})", "mm({k})", "msl({k})", "mu8({k})", "mp({k})"]
ANY_LEAF = INT_LEAF + ["s", "s+\"!\"", "b", "!b", "x == 1", "x < 3", "arr", "st", "sl", "sl[0:1]", "m", "u8", "u8+0", "ptr.a", "[]byte(s)", "st2{x, x}", "ptr == nil"]
ANY_CALL = INT_CALL + ["ms()", "mb()"]
def int_expr(d=0):
    r = rnd.random()
    if d < 2 and r < 0.25:
        return f"({int_expr(d+1)} + {int_expr(d+1)})"
    if r < 0.55:
        return rnd.choice(INT_CALL).format(k=rnd.randint(2, 9))
    if d < 2 and r < 0.62:
        return f"id({int_expr(d+1)}, {int_expr(d+1)})"
    return rnd.choice(INT_LEAF)
def any_expr():
    r = rnd.random()
    if r < 0.4:
        return rnd.choice(ANY_CALL).format(k=rnd.randint(2, 9))
    if r < 0.55:
        return int_expr(1)
    return rnd.choice(ANY_LEAF)
stmts = []
for i in range(N):
    k = rnd.randint(0, 9)
    if k <= 3:
        args = ", ".join(any_expr() for _ in range(rnd.randint(2, 4)))
        stmts.append(f'fmt.Println({i}, {args})')
    elif k == 4:
        stmts.append(f'v := {int_expr()} + {int_expr()}\n\tfmt.Println({i}, v)')
    elif k == 5:
        stmts.append(f'a1, a2, a3 := {int_expr()}, {int_expr()}, {int_expr()}\n\tfmt.Println({i}, a1, a2, a3)')
    elif k == 6:
        stmts.append(f'x += {int_expr()}\n\tfmt.Println({i}, x)')
    elif k == 7:
        stmts.append(f'arr[x%2] = {int_expr()}\n\tfmt.Println({i}, arr)')
    elif k == 8:
        stmts.append(f'lit := []int{{{int_expr()}, {int_expr()}}}\n\tsv := st2{{{int_expr()}, {int_expr()}}}\n\tfmt.Println({i}, lit, sv)')
    else:
        stmts.append(f'if {int_expr()} == {int_expr()} {{\n\t\tfmt.Println({i}, "eq", x)\n\t}} else {{\n\t\tfmt.Println({i}, "ne", x)\n\t}}')
body = "\n\treset()\n\t".join("{\n\t" + st + "\n\t}" for st in stmts)
print(f'''package main

import "fmt"

type st1 struct{{ a int }}
type st2 struct{{ A, B int }}

var (
	x   int
	s   string
	b   bool
	u8  uint8
	arr [2]int
	st  st1
	p   *int
	ptr *st1
	m   map[int]int
	sl  []int
)

func reset() {{
	x, s, b, u8 = 1, "a", true, 1
	arr = [2]int{{1, 1}}
	st = st1{{1}}
	p = &x
	ptr = &st1{{1}}
	m = map[int]int{{1: 1}}
	sl = []int{{1}}
}}

func id(a, b int) int      {{ return a*10 + b }}
func mx(v int) int         {{ x = v; return v }}
func marr(v int) int       {{ arr = [2]int{{v, v}}; return v }}
func mst(v int) int        {{ st.a = v; return v }}
func mm(v int) int         {{ m[1] = v; return v }}
func msl(v int) int        {{ sl[0] = v; sl = append(sl, v); return v }}
func mu8(v int) int        {{ u8 = uint8(v); return v }}
func mp(v int) int         {{ y := v; p = &y; ptr = &st1{{v}}; return v }}
func ms() string           {{ s = "b"; return "!" }}
func mb() bool             {{ b = false; return false }}

func main() {{
	reset()
	{body}
}}''')
