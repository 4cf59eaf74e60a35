// Compile error: methods cannot be declared on types from other packages, including int.
package main

func (n int) Double() int { return n * 2 }

func main() {}
