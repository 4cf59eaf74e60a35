package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Animal interface {
	Sound() string
	Name() string
}

type Base struct{ name string }

func (b Base) Name() string { return b.name }

type Dog struct {
	Base
	tricks []string
}

func (d *Dog) Sound() string { return "woof" }

type Cat struct {
	*Base
}

func (Cat) Sound() string { return "meow" }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

func find(code int) error {
	if code > 0 {
		return &MyErr{Code: code}
	}
	return nil
}

type byLen []string

func (s byLen) Len() int           { return len(s) }
func (s byLen) Less(i, j int) bool { return len(s[i]) < len(s[j]) }
func (s byLen) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint("int ", x)
	case string:
		return "string " + x
	case fmt.Stringer:
		return x.String()
	case error:
		return x.Error()
	default:
		return fmt.Sprintf("%T", x)
	}
}

func main() {
	animals := []Animal{&Dog{Base: Base{"rex"}}, Cat{&Base{name: "tom"}}}
	for _, a := range animals {
		fmt.Println(a.Name(), a.Sound())
	}
	d := Dog{Base{"fido"}, nil}
	d.tricks = append(d.tricks, "sit")
	fmt.Println(d.name, d.Name(), d.Sound(), len(d.tricks))
	f := d.Sound
	g := (*Dog).Sound
	h := Base.Name
	fmt.Println(f(), g(&d), h(d.Base))
	err := find(42)
	var me *MyErr
	if errors.As(err, &me) {
		fmt.Println("found", me.Code)
	}
	words := byLen{"ccc", "a", "bb"}
	sort.Sort(words)
	fmt.Println(strings.Join(words, ","), describe(3), describe("s"), describe(err), describe(nil), describe(2.5))
	var sb strings.Builder
	sb.WriteString("x")
	fmt.Println(sb.String())
}
