package main

type P struct{ x int }

func main() {
	m := map[string]P{}
	m["a"].x = 1
}
