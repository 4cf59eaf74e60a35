package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"math/rand"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

type temp float64

func (t temp) String() string { return strconv.FormatFloat(float64(t), 'f', 1, 64) + "C" }

func main() {
	var w io.Writer = os.Stdout
	fmt.Fprintf(w, "%v %s\n", temp(21.5), fmt.Sprint(errors.Join(fs.ErrNotExist, io.EOF)))
	var buf bytes.Buffer
	buf.WriteString("abc")
	m := map[string]int{"b": 2, "a": 1}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(buf.Len(), keys, cmp.Compare(1, 2), math.Sqrt(16), math.Inf(1) > 0)
	r := rand.New(rand.NewSource(1))
	fmt.Println(r.Intn(10) < 10, rand.Intn(5) < 5, runtime.NumCPU() > 0, runtime.GOMAXPROCS(0) > 0)
	ints := []int{3, 1}
	sort.Ints(ints)
	sort.Slice(ints, func(i, j int) bool { return ints[i] > ints[j] })
	n, err := strconv.Atoi("x")
	var numErr *strconv.NumError
	fmt.Println(n, errors.As(err, &numErr), strings.ToUpper("go"), strings.Fields(" a b "), strings.Repeat("-", 3))
	var cnt atomic.Int32
	cnt.Add(2)
	var v atomic.Value
	v.Store("x")
	var flag int64
	atomic.AddInt64(&flag, 1)
	fmt.Println(cnt.Load(), v.Load(), atomic.LoadInt64(&flag), utf8.RuneCountInString("héllo"), unicode.IsUpper('A'))
	d, _ := time.ParseDuration("1.5s")
	fmt.Println(d, d.Milliseconds(), time.Duration(90)*time.Second, time.Now().IsZero())
	defer fmt.Println("deferred")
	if len(os.Args) > 5 {
		os.Exit(3)
	}
}
