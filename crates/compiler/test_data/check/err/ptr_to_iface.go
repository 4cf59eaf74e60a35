package main

import "fmt"

func show(s *fmt.Stringer) {
	_ = (*s).String()
	_ = s.String()
}

func main() {}
