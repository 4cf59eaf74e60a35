// Exit: report an error on stderr and exit 1, the usual way a command-line tool fails.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	args := []string{"10", "ten"}
	total := 0
	for _, a := range args {
		n, err := strconv.Atoi(a)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		total += n
		fmt.Println("running total", total)
	}
}
