//! Focused tests of the lowering (`compiler::compile`): small Go programs run on the runtime's scheduler,
//! with the output real Go 1.23 prints (checked by hand against `go run`). The whole corpus is covered by
//! crates/cli/tests/programs.rs.

use runtime::runtime::{Config, Runtime};

/// Compiles and runs `src`; returns (stdout, stderr, exit code).
fn run(src: &str) -> (String, String, i32) {
    let program = match compiler::compile("prog.go", src) {
        Ok(p) => p,
        Err(ds) => panic!(
            "compile errors: {}",
            ds.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let mut rt = Runtime::new(program, Config::default()).expect("program loads");
    let code = rt.run_to_end().exit_code().unwrap_or(-1);
    (
        String::from_utf8_lossy(rt.stdout()).into_owned(),
        String::from_utf8_lossy(rt.stderr()).into_owned(),
        code,
    )
}

fn stdout(src: &str) -> String {
    let (out, err, code) = run(src);
    assert_eq!(code, 0, "exit code; stderr:\n{err}");
    out
}

#[test]
fn closures_capture_per_iteration_variables() {
    let out = stdout(
        r#"package main

import "fmt"

func counter() (inc func() int, get func() int) {
	n := 0
	inc = func() int { n++; return n }
	get = func() int { return n }
	return
}

func main() {
	inc, get := counter()
	inc()
	inc()
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * 10 })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println(get())
}
"#,
    );
    assert_eq!(out, "0 10 20 2\n");
}

#[test]
fn defer_recover_sets_named_results() {
    let out = stdout(
        r#"package main

import "fmt"

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
			q = -1
		}
	}()
	return a / b, nil
}

func main() {
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(1, 0))
}
"#,
    );
    assert_eq!(
        out,
        "3 <nil>\n-1 recovered: runtime error: integer divide by zero\n"
    );
}

#[test]
fn structs_arrays_have_value_semantics_and_pointers_alias() {
    let out = stdout(
        r#"package main

import "fmt"

type P struct {
	X, Y int
	Tags [2]string
}

func (p *P) Move(dx int) { p.X += dx }
func (p P) Sum() int     { return p.X + p.Y }

func main() {
	a := P{X: 1, Y: 2}
	b := a
	b.X = 10
	b.Tags[1] = "t"
	a.Move(5)
	q := &a
	q.Y = 7
	arr := [3]int{1, 2, 3}
	arr2 := arr
	arr2[0] = 9
	fmt.Println(a, b, a.Sum(), arr, arr2)
}
"#,
    );
    assert_eq!(out, "{6 7 [ ]} {10 2 [ t]} 13 [1 2 3] [9 2 3]\n");
}

#[test]
fn interfaces_promoted_methods_and_type_switches() {
    let out = stdout(
        r#"package main

import (
	"fmt"
	"sync"
)

type Shape interface{ Area() float64 }

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Named struct {
	Rect
	name string
}

type Counter struct {
	sync.Mutex
	n int
}

func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint("int ", v)
	case Shape:
		return fmt.Sprint("shape ", v.Area())
	default:
		return fmt.Sprintf("other %T", v)
	}
}

func main() {
	var s Shape = Named{Rect{2, 3}, "n"}
	c := &Counter{}
	c.Lock()
	c.n++
	c.Unlock()
	f := s.Area
	fmt.Println(s.Area(), f(), c.n, describe(nil), describe(3), describe(s), describe("x"))
}
"#,
    );
    assert_eq!(out, "6 6 1 nil int 3 shape 6 other string\n");
}

#[test]
fn generics_are_instantiated_per_type() {
    let out = stdout(
        r#"package main

import "fmt"

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	var s Stack[string]
	s.Push("a")
	s.Push("b")
	v, ok := s.Pop()
	fmt.Println(v, ok, Map([]int{1, 2}, func(i int) string { return fmt.Sprint(i * 2) }))
	fmt.Printf("%T\n", s)
}
"#,
    );
    assert_eq!(out, "b true [2 4]\nmain.Stack[string]\n");
}

#[test]
fn goroutines_channels_select_and_waitgroup() {
    let out = stdout(
        r#"package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	results := make(chan int, 3)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * i
		}()
	}
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	select {
	case v, ok := <-results:
		fmt.Println("closed", v, ok)
	default:
		fmt.Println("default")
	}
	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("timeout", sum)
	}
}
"#,
    );
    assert_eq!(out, "closed 0 false\ntimeout 5\n");
}

#[test]
fn strings_range_decodes_runes_and_maps_work() {
    let out = stdout(
        r#"package main

import "fmt"

func main() {
	for i, r := range "héllo" {
		fmt.Print(i, ":", string(r), " ")
	}
	m := map[string][]int{}
	m["a"] = append(m["a"], 1, 2)
	v, ok := m["b"]
	delete(m, "zz")
	fmt.Println(len(m), m["a"], v == nil, ok, min(3, 1, 2), max(2.5, 1))
}
"#,
    );
    assert_eq!(out, "0:h 1:é 3:l 4:l 5:o 1 [1 2] true false 1 2.5\n");
}

#[test]
fn panics_exit_with_code_2_and_go_function_names() {
    let (out, err, code) = run(r#"package main

import "fmt"

type T struct{}

func (t *T) Boom() { panic("boom") }

func main() {
	fmt.Println("before")
	func() {
		var t T
		t.Boom()
	}()
}
"#);
    assert_eq!(out, "before\n");
    assert_eq!(code, 2);
    assert!(err.starts_with("panic: boom\n"), "{err}");
    assert!(
        err.contains("main.(*T).Boom(") && err.contains("main.main.func1("),
        "{err}"
    );
    assert!(
        err.contains("prog.go:7"),
        "frames carry source lines: {err}"
    );
}

#[test]
fn unsupported_features_are_diagnosed_not_miscompiled() {
    // a constant seed promises Go's exact sequence, which the model's generator does not reproduce
    let src = r#"package main

import "math/rand"

func main() {
	r := rand.New(rand.NewSource(1))
	println(r.Intn(10))
}
"#;
    let ds = compiler::compile("prog.go", src).expect_err("a seeded rand is not supported");
    assert_eq!(
        ds[0].to_string(),
        "prog.go:6:16: not supported by Goroscope yet: math/rand.NewSource with a constant seed"
    );
}

#[test]
fn goto_jumps_backward_and_forward() {
    let (out, err, code) = run(r#"package main

func main() {
	i := 0
loop:
	i++
	if i < 3 {
		goto loop
	}
	for {
		if i > 10 {
			goto done
		}
		i *= 2
	}
done:
	println(i)
}
"#);
    assert_eq!((out.as_str(), err.as_str(), code), ("", "12\n", 0));
}

#[test]
fn one_case_select_is_a_plain_channel_operation() {
    let (out, err, code) = run(r#"package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	select {
	case ch <- 5:
	}
	select {
	case v, ok := <-ch:
		fmt.Println(v, ok)
	}
	var nilch chan int
	select {
	case <-nilch:
	}
}
"#);
    assert_eq!(out, "5 true\n");
    assert_eq!(code, 2);
    assert!(
        err.contains("goroutine 1 [chan receive (nil chan)]:\nmain.main()\n\tprog.go:15"),
        "{err}"
    );
}

#[test]
fn package_variables_initialise_in_dependency_order() {
    let out = stdout(
        r#"package main

import "fmt"

var a = b + 1
var b = f()
var c, d = pair()

func f() int { return d * 10 }

func pair() (int, int) { return 1, 2 }

func main() {
	fmt.Println(a, b, c, d)
}
"#,
    );
    assert_eq!(out, "21 20 1 2\n");
}

#[test]
fn range_over_arrays_and_array_pointers() {
    let out = stdout(
        r#"package main

import "fmt"

func main() {
	arr := [3]int{7, 8, 9}
	for i := range arr {
		fmt.Print(i)
	}
	for i, v := range arr {
		fmt.Print(" ", i, v)
	}
	p := &arr
	for i := range p {
		fmt.Print(" p", i)
	}
	for i, v := range p {
		fmt.Print(" ", i, v)
	}
	fmt.Println()
}
"#,
    );
    assert_eq!(out, "012 0 7 1 8 2 9 p0 p1 p2 0 7 1 8 2 9\n");
}

#[test]
fn unicode_utf8_functions_use_the_runtime_natives() {
    let out = stdout(
        r#"package main

import (
	"fmt"
	"unicode/utf8"
)

func main() {
	s := "héllo, 世界"
	fmt.Println(utf8.RuneCountInString(s), utf8.RuneCount([]byte(s)), utf8.RuneLen('世'), utf8.ValidString(s))
	r, n := utf8.DecodeRuneInString(s[1:])
	fmt.Println(string(r), n)
}
"#,
    );
    assert_eq!(out, "9 9 3 true\né 2\n");
}

#[test]
fn time_values_print_and_split_like_go_in_utc() {
    // Go prints time.Now() with a monotonic reading (" m=+0.000000001"); Goroscope omits it.
    let out = stdout(
        r#"package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(<-time.After(time.Millisecond) != time.Time{})
	var z time.Time
	fmt.Println(z, z.IsZero(), z == time.Time{}, z.Year(), z.Month(), z.Weekday())
	d := time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC)
	fmt.Println(d, d.Weekday(), d.YearDay(), d.Unix())
	fmt.Println(time.Date(2024, 14, 32, 25, 61, 61, 1e9+7, time.UTC))
	fmt.Println(time.Unix(-1, 5).UTC(), time.Unix(-1, 5).Weekday(), time.UnixMilli(1500).UTC())
	fmt.Printf("%v|%s\n", d.Add(time.Hour*24*400+123456789), d)
	fmt.Println(time.December, time.Saturday, time.Month(13))
}
"#,
    );
    assert_eq!(
        out,
        "true\n\
         0001-01-01 00:00:00 +0000 UTC true true 1 January Monday\n\
         2009-11-10 23:00:00 +0000 UTC Tuesday 314 1257894000\n\
         2025-03-05 02:02:02.000000007 +0000 UTC\n\
         1969-12-31 23:59:59.000000005 +0000 UTC Wednesday 1970-01-01 00:00:01.5 +0000 UTC\n\
         2010-12-15 23:00:00.123456789 +0000 UTC|2009-11-10 23:00:00 +0000 UTC\n\
         December Saturday %!Month(13)\n"
    );
    let now = stdout(
        r#"package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Now()
	fmt.Println(t)
	fmt.Println(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
}
"#,
    );
    assert_eq!(
        now,
        "2009-11-10 23:00:00 +0000 UTC\n2009 November 10 23 0 0\n"
    );
}

#[test]
fn strconv_sentinels_os_args_and_constant_negative_zero() {
    let out = stdout(
        r#"package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

const negz = -0.0

func main() {
	_, err := strconv.Atoi("x")
	fmt.Println(errors.Is(err, strconv.ErrSyntax), errors.Is(err, strconv.ErrRange), strconv.ErrSyntax)
	_, err = strconv.ParseInt("99999999999999999999", 10, 64)
	var ne *strconv.NumError
	fmt.Println(errors.Is(err, strconv.ErrRange), errors.As(err, &ne), ne.Err == strconv.ErrRange)
	fmt.Println(len(os.Args), len(os.Args[0]) > 0)
	fmt.Println(-0.0, negz, 0.0*-1, -0.0/5, float32(-0.0))
	x := 0.0
	fmt.Println(-x)
}
"#,
    );
    assert_eq!(
        out,
        "true false invalid syntax\ntrue true true\n1 true\n0 0 0 0 0\n-0\n"
    );
}

#[test]
fn time_add_date_round_and_truncate_count_from_go_zero_time() {
    let out = stdout(
        r#"package main

import (
	"fmt"
	"time"
)

func main() {
	d := time.Date(2009, time.November, 10, 23, 17, 45, 987654321, time.UTC)
	fmt.Println(d.AddDate(0, 3, 25), d.AddDate(-1, -11, 0), d.In(time.UTC))
	fmt.Println(d.Zone())
	for _, r := range []time.Duration{0, time.Second, time.Minute, time.Hour, 7 * time.Second, 24 * time.Hour, 7 * 24 * time.Hour, 1234567 * time.Microsecond} {
		fmt.Println(d.Round(r), d.Truncate(r))
	}
}
"#,
    );
    assert_eq!(
        out,
        "2010-03-07 23:17:45.987654321 +0000 UTC 2007-12-10 23:17:45.987654321 +0000 UTC 2009-11-10 23:17:45.987654321 +0000 UTC\n\
         UTC 0\n\
         2009-11-10 23:17:45.987654321 +0000 UTC 2009-11-10 23:17:45.987654321 +0000 UTC\n\
         2009-11-10 23:17:46 +0000 UTC 2009-11-10 23:17:45 +0000 UTC\n\
         2009-11-10 23:18:00 +0000 UTC 2009-11-10 23:17:00 +0000 UTC\n\
         2009-11-10 23:00:00 +0000 UTC 2009-11-10 23:00:00 +0000 UTC\n\
         2009-11-10 23:17:48 +0000 UTC 2009-11-10 23:17:41 +0000 UTC\n\
         2009-11-11 00:00:00 +0000 UTC 2009-11-10 00:00:00 +0000 UTC\n\
         2009-11-09 00:00:00 +0000 UTC 2009-11-09 00:00:00 +0000 UTC\n\
         2009-11-10 23:17:45.927032 +0000 UTC 2009-11-10 23:17:45.927032 +0000 UTC\n\
         "
    );
}
