// Language: methods with value and pointer receivers, interfaces, embedding and Stringer.
package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64        { return r.W * r.H }
func (r Rect) Perimeter() float64   { return 2 * (r.W + r.H) }
func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }
func (c Circle) String() string     { return fmt.Sprintf("Circle(r=%g)", c.R) }

type Named struct {
	Shape // embedded interface: its methods are promoted
	Name  string
}

type Counter struct{ n int }

func (c *Counter) Inc()    { c.n++ }
func (c Counter) Get() int { return c.n }

func main() {
	shapes := []Shape{Rect{3, 4}, Circle{1}, Named{Rect{1, 1}, "unit"}}
	for _, s := range shapes {
		fmt.Printf("%-22v area=%6.2f perimeter=%6.2f\n", s, s.Area(), s.Perimeter())
	}
	var c Counter
	c.Inc() // (&c).Inc()
	c.Inc()
	fmt.Println("counter:", c.Get())
	var _ fmt.Stringer = Circle{}
	_, ok := shapes[0].(fmt.Stringer)
	fmt.Println("Rect is a Stringer:", ok)
}
