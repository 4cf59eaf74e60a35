package main

func g(a int) (int, error) {
	return a
}

func h() {
	return 1
}

func k() int {
	return 1, 2
}

func main() {
	g(1)
	h()
	k()
}
