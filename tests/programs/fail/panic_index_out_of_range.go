// Panic: index out of range.
package main

import "fmt"

func main() {
	scores := []int{90, 85, 77}
	for i := 0; i <= len(scores); i++ { // off by one
		fmt.Println(scores[i])
	}
}
