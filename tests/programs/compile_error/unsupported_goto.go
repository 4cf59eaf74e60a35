// unsupported: goto
// Unsupported: goto statements (a retry loop written with a label).
package main

import "fmt"

func main() {
	attempts := 0
retry:
	attempts++
	if attempts < 3 {
		fmt.Println("attempt", attempts, "failed")
		goto retry
	}
	fmt.Println("succeeded after", attempts, "attempts")
}
