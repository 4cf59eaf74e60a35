// Compile error: assigning to a field of a struct stored in a map.
package main

type Account struct{ Balance int }

func main() {
	accounts := map[string]Account{"a": {10}}
	accounts["a"].Balance = 20
}
