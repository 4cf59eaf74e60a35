package main

func main() {
	for {
	}
L:
}

func g() {
	if true {
	M:
	} else {
	}
}
