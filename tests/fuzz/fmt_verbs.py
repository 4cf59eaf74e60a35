"""Generates a random Go program for the fmt differential test (tests/fuzz/differential.sh).

Usage: fmt_verbs.py SEED STATEMENTS > prog.go

Printf with random verbs, flags, widths and precisions over floats (float64 and float32 edge values,
%g %e %f %x %b with # and precision), strings (quoting, escapes, UTF-8), integers (%c %q %U %O ...) and
composite values (%v %+v %#v %T of slices, maps, structs, pointers, errors, nil), plus Println.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])
FLOATS = ["0.0", "1.0", "-1.5", "3.141592653589793", "1e21", "1e20", "123456789.0", "1e-7", "0.000123", "2.5e-300", "1.7976931348623157e308", "5e-324", "100.0", "0.1", "-0.0", "float64(1)/3", "2.0/3", "1e6", "123456.7", "9.999999e-5"]
F32 = ["float32(0.1)", "float32(1)/3", "float32(16777217)", "float32(3.4e38)", "float32(1e-40)"]
STRS = ['"hello"', '"tab\\there"', '"quote\\"d"', '"日本語"', '"\\x00\\x7f"', '""', '"a\\nb"', '"é"', '"\\u2028"']
VERBS_F = ["%v", "%g", "%e", "%f", "%.2f", "%.0f", "%8.3f", "%-8.2f|", "%+.3e", "%G", "%E", "%.3g", "%10g", "%010.4f", "% f", "%.10g", "%x", "%#g", "%#v", "%T"]
VERBS_S = ["%v", "%s", "%q", "%x", "% x", "%X", "%10s|", "%-10s|", "%.2s", "%#q", "%+q", "%T", "%5.1s|"]
VERBS_I = ["%v", "%d", "%5d|", "%-5d|", "%05d", "%x", "%#x", "%o", "%#o", "%O", "%b", "%c", "%q", "%U", "%#U", "%+d", "% d", "%08b", "%T", "%6.3d"]
COMPOSITE = ["[]int{1, 2, 3}", "[]string{\"a\", \"b\"}", "map[string]int{\"z\": 1, \"a\": 2, \"m\": 3}", "map[int]bool{3: true, -1: false}", "struct{A int; B string}{1, \"x\"}", "&struct{A int}{5}", "[2][]int{{1}, {2, 3}}", "[]any{1, \"a\", nil, 2.5, true}", "[]byte(\"hi\")", "[]float64{0.1, 1e21, -0}", "struct{}{}", "[]*int{nil}", "map[string][]int{\"k\": {1}}", "errors.New(\"boom\")", "[3]bool{true}", "any(nil)", "[]error{nil}", "struct{P *int; S []string}{}"]
VERBS_C = ["%v", "%+v", "%#v", "%T", "%d", "%s", "%q", "%x"]
lines = []
for i in range(N):
    k = rnd.random()
    if k < 0.35:
        v = rnd.choice(FLOATS + F32); f = rnd.choice(VERBS_F)
    elif k < 0.55:
        v = rnd.choice(STRS); f = rnd.choice(VERBS_S)
    elif k < 0.75:
        v = rnd.choice(["0", "-1", "42", "255", "65", "0x1F600", "-9223372036854775808", "int8(-5)", "uint8(200)", "rune('x')", "int64(1) << 40"]); f = rnd.choice(VERBS_I)
    else:
        v = rnd.choice(COMPOSITE); f = rnd.choice(VERBS_C)
    lines.append(f'\tfmt.Printf("{i}: {f}\\n", {v})')
    if rnd.random() < 0.2:
        lines.append(f'\tfmt.Println({i}, {v})')
print('package main\n\nimport (\n\t"errors"\n\t"fmt"\n)\n\nvar _ = errors.New\n\nfunc main() {\n' + "\n".join(lines) + "\n}")
