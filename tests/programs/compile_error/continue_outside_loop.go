// Compile error: continue outside a loop.
package main

func main() {
	switch x := 1; x {
	case 1:
		continue
	}
}
