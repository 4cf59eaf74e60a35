// Panic: panicking with a fmt.Stringer prints its String() text.
package main

import "fmt"

type Status struct{ Code int }

func (s Status) String() string { return fmt.Sprintf("status %d", s.Code) }

func main() {
	panic(Status{503})
}
