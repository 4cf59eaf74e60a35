// Language: fmt verbs %v %+v %#v %T %d %s %q %x %X %o %b %c %U %e %g %f %t %p with widths and precision.
package main

import (
	"errors"
	"fmt"
)

type Point struct {
	X, Y int
	Tag  string
}

type Level int

func (l Level) String() string { return [...]string{"LOW", "HIGH"}[l] }

func main() {
	p := Point{1, -2, "a"}
	fmt.Printf("%v|%+v|%#v|%T\n", p, p, p, p)
	fmt.Printf("%v|%+v|%T\n", &p, &p, &p)
	fmt.Printf("%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%b|%#x\n", 42, 42, 42, 42, 42, 255, 255, 8, 5, 255)
	fmt.Printf("%s|%q|%10s|%-10s|%.2s|%x|% x\n", "go", "go", "go", "go", "gopher", "hi", "hi")
	fmt.Printf("%c|%q|%U|%d\n", 'G', 'G', 'G', 'G')
	fmt.Printf("%f|%.2f|%8.3f|%-8.1f|%e|%g|%g\n", 3.14159, 3.14159, 3.14159, 3.14159, 123456.789, 0.000012, 1e21)
	fmt.Printf("%t|%v|%5t\n", true, false, true)
	fmt.Printf("%v|%d|%s|%q\n", []int{1, 2}, []int{1, 2}, []string{"a", "b"}, []string{"a", "b"})
	fmt.Printf("%v|%v|%v\n", map[string]int{"b": 2, "a": 1}, [2]bool{true}, struct{}{})
	fmt.Printf("%v|%s|%d\n", Level(1), Level(0), Level(1))
	fmt.Printf("%v|%v\n", errors.New("boom"), nil)
	var ptr *Point
	var sl []int
	fmt.Printf("%v|%p|%p|%v|%d\n", ptr, ptr, sl, sl == nil, len(sl))
	fmt.Printf("%*d|%-*d|%.*f\n", 6, 7, 4, 8, 1, 2.55)
	fmt.Printf("%d %s\n", "str", 5)
	fmt.Printf("%d\n", 1, 2)
	fmt.Printf("%d %d\n", 1)
	fmt.Printf("100%%\n")
	fmt.Println(fmt.Sprint("a", 1, 2, "b", "c", 3.5, true), fmt.Sprintln("x", 1))
	fmt.Print("no", "space", 1, 2, "\n")
}
