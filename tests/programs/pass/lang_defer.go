// Language: defers run last-in first-out, arguments are evaluated at the defer statement,
// and a deferred closure can change named results.
package main

import (
	"errors"
	"fmt"
)

func order() {
	for i := 1; i <= 3; i++ {
		defer fmt.Println("deferred", i)
	}
	fmt.Println("body done")
}

func args() {
	x := 1
	defer fmt.Println("argument evaluated early:", x)
	defer func() { fmt.Println("closure sees the final value:", x) }()
	x = 2
}

func safeDivide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func withCleanup() (err error) {
	defer func() {
		if cerr := errors.New("close failed"); err == nil {
			err = cerr
		}
	}()
	return nil
}

func main() {
	order()
	args()
	fmt.Println(safeDivide(10, 2))
	fmt.Println(safeDivide(1, 0))
	fmt.Println(withCleanup())
}
