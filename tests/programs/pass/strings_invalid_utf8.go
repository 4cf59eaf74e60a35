// Strings: byte escapes forming valid UTF-8; invalid UTF-8 made at run time (range, fmt, strings, utf8); Go's case mapping.
package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	euro := "\xe2\x82\xac"
	fmt.Println(euro == "€", len(euro), "\u00ff" == "\xc3\xbf", len(`\xff`))
	fmt.Printf("%q %q\n", '\xff', '\377')

	s := string([]byte{'a', 0xff, 'b'})
	fmt.Println(len(s), s[0], s[1], s[2])
	for i, r := range s {
		fmt.Println(i, r, string(r))
	}
	fmt.Println([]byte(s), []rune(s))
	fmt.Printf("%q %x %X % x %v %d %d|%-6q|\n", s, s, s, s, s == "a"+string([]byte{0xff})+"b",
		len(fmt.Sprintf("%s", s)), len(fmt.Sprintf("%5s", s)), s)
	fmt.Println(strconv.Quote(s), strings.ToUpper(s), strings.Repeat(s[1:2], 2) == string([]byte{0xff, 0xff}))
	fmt.Println(utf8.ValidString(s), utf8.RuneCountInString(s), strings.ToUpper(s) == "A"+s[1:2]+"B")
	fmt.Println(strings.Index(s, "b"), strings.Contains(s, s[1:2]), strings.Count(s, ""), s[1:] < s[:1])

	t := string([]byte{0xe2, 0x82}) + string([]byte{0xac})
	fmt.Println(t, len(t), utf8.ValidString(t))
	var sb strings.Builder
	sb.WriteByte(0xc3)
	sb.WriteByte(0xbf)
	sb.WriteByte(0xc3)
	fmt.Printf("%q %d\n", sb.String(), utf8.RuneCountInString(sb.String()))
	r, size := utf8.DecodeRuneInString(sb.String()[2:])
	fmt.Println(r, size, string(rune(-1)) == "\uFFFD")
	m := map[string]int{s: 1, s[:2]: 2}
	fmt.Println(m[s], m["a"+s[1:2]], len(m))
}

func init() {
	fmt.Printf("%q %q %q %q\n", strings.ToUpper("ßaİ"+string([]byte{0xff})), strings.ToLower("İA"), strings.ToUpper("ǆ"), strings.ToLower("ẞ"))
	fmt.Println(strings.EqualFold(string([]byte{0xff}), string([]byte{0xfe})), strings.EqualFold("ſ", "S"), strings.EqualFold("K", "\u212a"))
	fmt.Println(strings.Title("don't stop_me ǆx ᾳb 1a"), strings.Title("héllo wörld\u00a0x"))
	fmt.Printf("%#q %#q %#q %#q %q\n", "a\u0085b", "\ufeff", "\uFFFD", string([]byte{0xef, 0x41}), string([]byte{0xef, 0x41}))
	fmt.Printf("%d|%-4q|%q\n", len(fmt.Sprintf("%4s", string([]byte{0xe2, 0x82}))), string([]byte{0xe2, 0x82}),
		fmt.Sprintf("%.2s", string([]byte{0xe2, 0x82, 'x'})))
	fmt.Println(string(rune(0x19b)) == strings.ToUpper(string(rune(0x19b))))
}
