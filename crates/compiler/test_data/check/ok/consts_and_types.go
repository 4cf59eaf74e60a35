package main

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	_
	Thursday
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const (
	a, b = iota, iota * 10
	c, d
)

func (d Weekday) String() string {
	return [...]string{"Sun", "Mon", "Tue", "Wed", "Thu"}[d]
}

type Celsius float64
type Point struct{ X, Y int }
type Grid [3][3]int
type Handler func(string) error
type Set map[string]struct{}

func main() {
	fmt.Println(Monday, Thursday, KB, MB, GB, a, b, c, d)
	var t Celsius = 36.6
	f := float64(t)*9/5 + 32
	fmt.Println(f, int(f), math.MaxInt64, math.Pi, uint8(255), -5%3, 7/2, 7.0/2)
	var x uint32 = 1 << 31
	var y int64 = math.MinInt64
	const huge = 1 << 100
	fmt.Println(x, y, huge>>98, 'a'+1, string(rune(65)), len("héllo"), []byte("ab"), []rune("hé"))
	p := &Point{1, 2}
	p.X++
	pts := map[string]*Point{"o": {0, 0}}
	var g Grid
	g[1][2] = 5
	var h Handler = func(s string) error { return nil }
	s := Set{"a": {}}
	_, ok := s["a"]
	n, err := strconv.Atoi("12")
	d := 1500 * time.Millisecond
	fmt.Println(*p, pts["o"].Y, g, h("x") == nil, ok, n, err, d, d.Seconds(), time.Duration(2)*time.Second)
	arr := [...]int{5: 1, 2}
	sl := arr[2:4:6]
	fmt.Println(len(arr), cap(sl), sl[:0], min(3, 1, 2), max(2.5, 1))
	var iface interface{ M() }
	fmt.Println(iface == nil, 07, 0o17, 0b101, 0x_FF, 1_000_000, 1e3, 0x1p-2, '\n', "\t\u00e9", `raw\n`)
}
