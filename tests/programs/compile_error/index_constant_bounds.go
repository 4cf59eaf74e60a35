// Compile error: constant slice indices are bounded by the length of arrays, pointers to arrays and constant strings, and must be ordered; bounds name the index's value.
package main

func f() [3]int { return [3]int{} }

func main() {
	arr := [8]int{}
	_ = f()[1:2]
	_ = arr[9:]
	_ = "hello"[2:9]
	_ = "hello"[6:]
	_ = arr[3:2]
	_ = arr[:3:2]
	_ = arr[c+5]
	p := &arr
	_ = p[:10]
	x := 3
	_ = arr[x:2]
	_ = arr[5:x:4]
}

const c = 4
