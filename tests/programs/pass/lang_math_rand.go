// Language: math and math/rand; only seed-independent facts are printed.
package main

import (
	"fmt"
	"math"
	"math/rand"
)

func main() {
	fmt.Println(math.Sqrt(2), math.Floor(-2.5), math.Abs(-3), math.MaxInt64, math.Inf(1), -math.Inf(1))
	fmt.Printf("%.4f %.4f %v\n", math.Pi, math.E, math.NaN() == math.NaN())
	inRange := true
	seen := map[int]bool{}
	for i := 0; i < 1000; i++ {
		n := rand.Intn(6)
		inRange = inRange && n >= 0 && n < 6
		seen[n] = true
	}
	fmt.Println("all in [0,6):", inRange, "all six faces seen:", len(seen) == 6)
	p := rand.Perm(5)
	sum := 0
	for _, v := range p {
		sum += v
	}
	f := rand.Float64()
	fmt.Println("perm of 5 sums to", sum, "float in [0,1):", f >= 0 && f < 1)
}
