// Compile error: constant indices are converted to int first: negative, truncated, overflowing and non-numeric constants, as types2 reports them.
package main

func main() {
	sl := []int{1, 2, 3}
	arr := [8]int{}
	_ = "abc"[5]
	const c = 10
	_ = sl[c-11]
	_ = sl[1.5]
	_ = sl[1<<70]
	var u uint = 1
	_ = sl[u]
	_ = arr[2.0]
	_ = sl["a"]
	_ = arr[true]
	_ = sl[1:"b"]
	_ = sl[2.5:]
}
