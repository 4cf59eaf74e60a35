// Compile error: fallthrough in the final case of a switch.
package main

func main() {
	switch x := 1; x {
	case 1:
		fallthrough
	}
}
