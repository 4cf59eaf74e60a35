// Language: strings, runes and bytes with the strings and strconv packages.
package main

import (
	"fmt"
	"strconv"
	"strings"
)

func main() {
	s := "héllo, wörld"
	fmt.Println(len(s), len([]rune(s)), strings.ToUpper(s))
	for i, r := range "aé" {
		fmt.Println(i, r, string(r))
	}
	fmt.Println(strings.Split("a,b,,c", ","), len(strings.Split("a,b,,c", ",")))
	fmt.Println(strings.Fields("  spaced   out  "), strings.Join([]string{"x", "y"}, "-"))
	fmt.Println(strings.Contains(s, "wör"), strings.Index(s, "l"), strings.LastIndex(s, "l"))
	fmt.Println(strings.Repeat("ab", 3), strings.TrimSpace("  t  "), strings.Trim("xxhixx", "x"))
	fmt.Println(strings.HasPrefix(s, "hé"), strings.ReplaceAll("a.b.c", ".", "/"))
	var b strings.Builder
	for i := 3; i > 0; i-- {
		fmt.Fprintf(&b, "%d...", i)
	}
	b.WriteString("go!")
	fmt.Println(b.String(), b.Len())

	n, err := strconv.Atoi("123")
	fmt.Println(n+1, err)
	_, err = strconv.Atoi("12a")
	fmt.Println(err)
	f, _ := strconv.ParseFloat("2.5", 64)
	fmt.Println(f*2, strconv.Itoa(99)+"!", strconv.Quote("tab\there"), strconv.FormatInt(255, 2))
	v, err := strconv.ParseInt("300", 10, 8)
	fmt.Println(v, err)
	bo, _ := strconv.ParseBool("true")
	fmt.Println(bo, strconv.FormatFloat(3.14159, 'f', 2, 64))
}
