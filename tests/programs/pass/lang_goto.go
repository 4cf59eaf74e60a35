// Language: goto: backward jumps as loops, forward jumps out of nested loops, in closures, and a fresh variable per executed declaration.
package main

import "fmt"

func find(grid [][]int, want int) (int, int) {
	for i, row := range grid {
		for j, v := range row {
			if v == want {
				fmt.Println("found", want)
				goto done
			}
			_ = j
		}
		continue
	done:
		return i, -1
	}
	return -1, -1
}

func collatz(n int) int {
	steps := 0
loop:
	if n == 1 {
		goto end
	}
	steps++
	if n%2 == 0 {
		n /= 2
	} else {
		n = 3*n + 1
	}
	goto loop
end:
	return steps
}

func main() {
	fmt.Println(collatz(27))
	fmt.Println(find([][]int{{1, 2}, {3, 4}}, 4))
	var fs []func() int
	i := 0
again:
	x := i * 10
	fs = append(fs, func() int { return x })
	i++
	if i < 3 {
		goto again
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	func() {
		k := 0
	L:
		k++
		if k < 5 {
			goto L
		}
		fmt.Println("closure k", k)
	}()
outer:
	for a := 0; a < 3; a++ {
		for b := 0; b < 3; b++ {
			if b == 2 {
				continue outer
			}
			if a == 2 {
				goto out
			}
			fmt.Println(a, b)
		}
	}
out:
	fmt.Println("out")
}
