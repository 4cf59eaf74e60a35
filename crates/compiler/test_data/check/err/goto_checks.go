package main

import "fmt"

func main() {
	goto inner
	if true {
	inner:
		fmt.Println("x")
	}
	goto done
	n := 1
	fmt.Println(n)
done:
}
