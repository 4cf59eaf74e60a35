// Errgroup: Group.Go runs tasks; Wait returns the first error after all tasks finish.
package main

import (
	"fmt"
	"strconv"

	"golang.org/x/sync/errgroup"
)

func main() {
	inputs := []string{"10", "20", "x30", "40"}
	values := make([]int, len(inputs))
	var g errgroup.Group
	for i, s := range inputs {
		g.Go(func() error {
			v, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("input %d: %w", i, err)
			}
			values[i] = v
			return nil
		})
	}
	err := g.Wait()
	fmt.Println("error:", err)
	fmt.Println("values:", values)

	var ok errgroup.Group
	ok.Go(func() error { return nil })
	fmt.Println("all good:", ok.Wait())
}
