package main

func main() {
L:
	for {
		continue M
	}
	goto N
}

func f() {
	break
}

func g() {
	continue
}
