package main

func f(x int) int {
	for {
		if x > 0 {
			break
		}
	}
}

func g(x int) int {
	if x > 0 {
		return 1
	}
}

func main() {
	_ = f(1) + g(1)
}
