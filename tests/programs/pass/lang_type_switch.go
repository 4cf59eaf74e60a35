// Language: type switches and type assertions over any, including nil and error values.
package main

import (
	"errors"
	"fmt"
)

type Temp float64

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("an integer %v", x)
	case string:
		return fmt.Sprintf("a string of length %d", len(x))
	case Temp:
		return fmt.Sprintf("a temperature %.1f", float64(x))
	case error:
		return "an error: " + x.Error()
	case []int:
		return fmt.Sprintf("a slice of %d ints", len(x))
	default:
		return fmt.Sprintf("something else: %T", x)
	}
}

func main() {
	for _, v := range []any{nil, 42, int64(7), "hello", Temp(21.5), errors.New("oops"), []int{1, 2}, 3.5, struct{}{}} {
		fmt.Println(describe(v))
	}
	var i any = "text"
	s, ok := i.(string)
	n, ok2 := i.(int)
	fmt.Printf("%q %v %d %v\n", s, ok, n, ok2)
}
