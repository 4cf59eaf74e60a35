// Language: const blocks with iota, switch with fallthrough, labelled break and continue, range over int.
package main

import "fmt"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

const (
	_  = iota
	KB = 1 << (10 * iota)
	MB
	GB
)

func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }

func main() {
	fmt.Println(Sunday, Tuesday, int(Tuesday), KB, MB, GB)

	for i := range 4 {
		switch {
		case i == 0:
			fmt.Println(i, "zero")
		case i%2 == 1:
			fmt.Println(i, "odd")
			fallthrough
		case i > 100:
			fmt.Println(i, "(fell through)")
		default:
			fmt.Println(i, "even")
		}
	}

outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()

	switch d := Monday; d {
	case Sunday, Tuesday:
		fmt.Println("not monday")
	case Monday:
		fmt.Println("monday")
	}
}
