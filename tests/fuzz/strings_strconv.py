"""Generates a random Go program for the strings/strconv differential test (tests/fuzz/differential.sh).

Usage: strings_strconv.py SEED STATEMENTS > prog.go

Calls of package strings (search, split, replace, case, trim, repeat, cut, fields, title) and strconv
(Quote, QuoteRune, Atoi, ParseInt with bases and sizes, ParseFloat, ParseBool, FormatInt, Itoa) and
unicode/utf8 on ASCII, UTF-8, combining-mark and invalid-UTF-8 strings, printed with Println and %q.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])
STRS = ['""', '"a"', '"hello, world"', '"  padded\\t\\n"', '"a,b,,c"', '"Go Go Gopher"', '"日本語テキスト"', '"ÉCOLE élève"', 'string([]byte{120, 255, 121})', '"tab\\tsep\\tvals"', '"aaa"', '"ß straße"', '"123"', '"-45"', '"3.25e2"', '"0x1F"', '"1_000"', '"+7"', '"9223372036854775808"', '"NaN"', '"inf"', '"true"', '"T"', '"\\u00e9\\u0301"', '"mixed CASE words here"', '"α-β-γ"']
SEPS = ['""', '","', '" "', '"a"', '"Go"', '"語"', '"-"']
def s(): return rnd.choice(STRS)
def sep(): return rnd.choice(SEPS)
def n(): return str(rnd.choice([-1, 0, 1, 2, 3, 5]))
CALLS = [
 lambda: f"strings.Contains({s()}, {sep()})", lambda: f"strings.Index({s()}, {sep()})", lambda: f"strings.LastIndex({s()}, {sep()})",
 lambda: f"strings.Split({s()}, {sep()})", lambda: f"strings.SplitN({s()}, {sep()}, {n()})", lambda: f"strings.Fields({s()})",
 lambda: f"strings.Replace({s()}, {sep()}, {sep()}, {n()})", lambda: f"strings.ReplaceAll({s()}, {sep()}, \"_\")",
 lambda: f"strings.ToUpper({s()})", lambda: f"strings.ToLower({s()})", lambda: f"strings.TrimSpace({s()})",
 lambda: f"strings.Trim({s()}, \"a \\t\")", lambda: f"strings.TrimLeft({s()}, \"aG \")", lambda: f"strings.TrimPrefix({s()}, {sep()})",
 lambda: f"strings.Repeat({s()}, {rnd.randint(0,3)})", lambda: f"strings.Count({s()}, {sep()})", lambda: f"strings.EqualFold({s()}, {s()})",
 lambda: f"strings.HasPrefix({s()}, {sep()})", lambda: f"strings.Join(strings.Fields({s()}), {sep()})", lambda: f"strings.IndexRune({s()}, 'é')",
 lambda: f"strings.Title({s()})", lambda: f"strings.Compare({s()}, {s()})",
 lambda: f"fmtCut({s()}, {sep()})",
 lambda: f"strconv.Quote({s()})", lambda: "strconv.QuoteRune(" + rnd.choice(["'a'", "'é'", "'語'", "'\\n'", "'\\x00'"]) + ")",
 lambda: f"atoi({s()})", lambda: f"parseInt({s()}, {rnd.choice([0,2,10,16])}, {rnd.choice([8,32,64])})", lambda: f"parseFloat({s()})", lambda: f"parseBool({s()})",
 lambda: f"strconv.FormatInt({rnd.choice(['-255','0','1<<40','-9223372036854775808'])}, {rnd.choice([2,8,10,16,36])})", lambda: f"strconv.Itoa({rnd.choice(['-7','0','123456'])})",
 lambda: f"[]rune({s()})", lambda: f"[]byte({s()})", lambda: f"string([]rune({s()}))", lambda: f"len({s()})", lambda: f"utf8.RuneCountInString({s()})",
 lambda: f"utf8.ValidString({s()})", lambda: f"runes({s()})", lambda: f"strings.Map(func(r rune) rune {{ return r + 1 }}, {s()})" if False else f"strings.ToUpper({s()})",
]
lines = []
for i in range(N):
    c = rnd.choice(CALLS)()
    if rnd.random() < 0.3:
        lines.append(f'\tfmt.Printf("{i} %q\\n", {c})')
    else:
        lines.append(f'\tfmt.Println({i}, {c})')
print('''package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

var _ = utf8.RuneLen

func fmtCut(s, sep string) string { b, a, ok := strings.Cut(s, sep); return fmt.Sprint(b, "|", a, "|", ok) }
func atoi(s string) string        { v, err := strconv.Atoi(s); return fmt.Sprint(v, err) }
func parseInt(s string, base, bits int) string { v, err := strconv.ParseInt(s, base, bits); return fmt.Sprint(v, err) }
func parseFloat(s string) string   { v, err := strconv.ParseFloat(s, 64); return fmt.Sprint(v, err) }
func parseBool(s string) string    { v, err := strconv.ParseBool(s); return fmt.Sprint(v, err) }
func runes(s string) string {
	out := ""
	for i, r := range s {
		out += fmt.Sprintf("%d:%U ", i, r)
	}
	return out
}

func main() {
''' + "\n".join(lines) + "\n}")
