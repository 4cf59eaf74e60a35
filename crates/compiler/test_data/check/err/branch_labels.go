package main

func main() {
	var x any = 1
	switch x.(type) {
	case int:
		fallthrough
	case string:
	}
L:
	if true {
		break L
	}
	for {
		continue L
	}
}
