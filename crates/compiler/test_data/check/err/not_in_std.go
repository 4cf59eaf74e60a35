package main

import "github.com/x/y"

func main() {
	y.Do()
}

// gc: cmd/go reports "cannot find module providing package"; Goroscope has no modules.
