// Language: struct embedding promotes fields and methods; an outer method shadows an inner one.
package main

import (
	"fmt"
	"sync"
)

type Animal struct {
	Name string
	Legs int
}

func (a Animal) Describe() string { return fmt.Sprintf("%s has %d legs", a.Name, a.Legs) }
func (a Animal) Sound() string    { return "..." }

type Dog struct {
	Animal
	Breed string
}

func (d Dog) Sound() string { return "woof" }

type SafeCounter struct {
	sync.Mutex // embedded: Lock and Unlock are promoted
	counts     map[string]int
}

func main() {
	d := Dog{Animal{"Rex", 4}, "collie"}
	fmt.Println(d.Name, d.Describe(), d.Sound(), d.Animal.Sound())
	fmt.Printf("%+v\n", d)
	fmt.Printf("%#v\n", d)

	c := SafeCounter{counts: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Lock()
			c.counts["k"]++
			c.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(c.counts)

	type pair struct {
		a, b int
	}
	ps := []pair{{1, 2}, {3, 4}}
	pp := &ps[1]
	pp.b = 40
	fmt.Println(ps, *pp == pair{3, 40})
}
