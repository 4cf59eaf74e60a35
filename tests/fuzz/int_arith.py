"""Generates a random Go program for the integer-arithmetic differential test (tests/fuzz/differential.sh).

Usage: int_arith.py SEED STATEMENTS > prog.go

Package-level variables of every integer type, holding edge values (minimums, maximums, -1, 0), combined
by + - * / % & | ^ &^, shifts by variable counts (including counts past the width), negation,
complement and conversions between all integer types; printed with Println and with Printf verbs.
Divisors go through nz*() so they are never zero; MinInt / -1 is allowed, as in Go.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])
TYPES = ["int8", "int16", "int32", "int64", "int", "uint8", "uint16", "uint32", "uint64", "uint", "uintptr"]
VALS = {"int8": [-128, -1, 0, 1, 7, 127, -77], "int16": [-32768, -1, 1, 300, 32767, -1234],
        "int32": [-2147483648, -1, 1, 65536, 2147483647, -99999], "int64": [-9223372036854775808, -1, 1, 4294967296, 9223372036854775807, -123456789012],
        "int": [-9223372036854775808, -1, 1, 1 << 40, 9223372036854775807, 42],
        "uint8": [0, 1, 200, 255, 17], "uint16": [0, 1, 65535, 40000], "uint32": [0, 1, 4294967295, 3000000000],
        "uint64": [0, 1, 18446744073709551615, 1 << 63, 12345678901234], "uint": [0, 1, 18446744073709551615, 99], "uintptr": [0, 1, 18446744073709551615, 4096]}
decls = []
vars_by_type = {}
for t in TYPES:
    for i, v in enumerate(rnd.sample(VALS[t], min(3, len(VALS[t])))):
        name = f"v_{t}_{i}"
        decls.append(f"\tvar {name} {t} = {v}")
        vars_by_type.setdefault(t, []).append(name)
def expr(t, d=0):
    r = rnd.random()
    if d >= 3 or r < 0.3:
        return rnd.choice(vars_by_type[t])
    if r < 0.4:
        src = rnd.choice(TYPES)
        return f"{t}({expr(src, d+1)})"
    if r < 0.5:
        s = rnd.choice(["uint8", "uint", "int"])
        op = rnd.choice(["<<", ">>"])
        cnt = f"({expr(s, d+1)} & 71)" if s != "int" else f"({expr(s, d+1)} & 63)"
        return f"({expr(t, d+1)} {op} {cnt})"
    if r < 0.6:
        op = rnd.choice(["/", "%"])
        return f"({expr(t, d+1)} {op} nz{t}({expr(t, d+1)}))"
    if r < 0.7:
        return f"(-{expr(t, d+1)})" if rnd.random() < 0.5 else f"(^{expr(t, d+1)})"
    op = rnd.choice(["+", "-", "*", "&", "|", "^", "&^"])
    return f"({expr(t, d+1)} {op} {expr(t, d+1)})"
lines = []
for i in range(N):
    t = rnd.choice(TYPES)
    e = expr(t)
    k = rnd.random()
    if k < 0.6:
        lines.append(f'\tfmt.Println({i}, {e})')
    elif k < 0.8:
        u = rnd.choice(TYPES)
        lines.append(f'\tfmt.Println({i}, {e} < {t}({expr(u)}), {e} == {e})')
    else:
        f = rnd.choice(["%d", "%x", "%o", "%b", "%v", "%08d", "%+d", "%X", "%c" if t in ("int32", "uint8") else "%d", "%q" if t == "int32" else "%d"])
        lines.append(f'\tfmt.Printf("{i} {f}\\n", {e})')
nzs = "\n".join(f"func nz{t}(x {t}) {t} {{ if x == 0 {{ return 3 }}; return x }}" for t in TYPES)
print("package main\n\nimport \"fmt\"\n\n" + nzs + "\n\n" + "\n".join(d.strip() for d in decls) + "\n\nfunc main() {\n" + "\n".join(lines) + "\n}")
