// Compile error: ranging over a value that cannot be ranged over.
package main

type Pair struct{ A, B int }

func main() {
	p := Pair{1, 2}
	for v := range p {
		_ = v
	}
}
