"""Generates a random Go program for the slices-and-maps differential test (tests/fuzz/differential.sh).

Usage: slices_maps.py SEED STATEMENTS > prog.go

One element type per program (integers of several widths, float64, string, bool, an array, a struct);
a sequence of appends (growth: len and cap printed after every step), reslicing, full slice
expressions, aliasing appends, copy, slices.Insert/Delete/Clone, make with len and cap, and map
writes and deletes, printing the slice and the map after each.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])
T = rnd.choice(["int", "int8", "string", "int32", "struct{a, b int64}", "float64", "[3]int", "bool", "uint16"])
def val():
    k = rnd.randint(0, 9)
    return {"int": str(k), "int8": str(k), "int32": str(k), "uint16": str(k), "float64": f"{k}.5", "string": f'"s{k}"', "struct{a, b int64}": f"elem{{{k}, {k}}}", "[3]int": f"elem{{{k}}}", "bool": rnd.choice(["true", "false"])}[T]
ops = []
for i in range(N):
    k = rnd.random()
    if k < 0.3:
        ops.append(f"s = append(s, {', '.join(val() for _ in range(rnd.randint(1, 5)))})")
    elif k < 0.38:
        ops.append(f"s = append(s, s...)")
    elif k < 0.45:
        ops.append(f"if len(s) > 2 {{ s = s[1:len(s)-1] }}")
    elif k < 0.5:
        ops.append(f"t := s[:len(s):len(s)]; t = append(t, {val()}); s = t")
    elif k < 0.55:
        ops.append(f"t := s[:len(s)/2]; t = append(t, {val()}, {val()}); _ = t")
    elif k < 0.6:
        ops.append(f"if len(s) > 3 {{ copy(s[1:], s[2:]) }}")
    elif k < 0.65:
        ops.append(f"s = slices.Insert(s, len(s)/2, {val()})")
    elif k < 0.7:
        ops.append(f"if len(s) > 2 {{ s = slices.Delete(s, 0, 1) }}")
    elif k < 0.75:
        ops.append(f"s = make([]elem, {rnd.randint(0,5)}, {rnd.randint(5,12)})")
    elif k < 0.8:
        ops.append(f"s = slices.Clip(s)" if False else f"s = slices.Clone(s)")
    elif k < 0.85:
        ops.append(f"m[len(s)%5] = len(s)")
    elif k < 0.9:
        ops.append(f"delete(m, {rnd.randint(0,4)})")
    elif k < 0.93:
        ops.append(f"s = s[:0]")
    elif k < 0.96:
        ops.append(f"s = append([]elem(nil), s...)")
    else:
        ops.append(f"s = slices.Grow(s, {rnd.randint(1, 20)})" if False else f"s = append(s[:0:0], s...)")
body = "\n".join(f"\t{{ {op} }}\n\tfmt.Println({i}, len(s), cap(s), s, m)" for i, op in enumerate(ops))
print(f'''package main

import (
	"fmt"
	"slices"
)

type elem = {T}

func main() {{
	var s []elem
	m := map[int]int{{}}
{body}
}}''')
