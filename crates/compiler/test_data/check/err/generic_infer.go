package main

func Map[T, U any](s []T, f func(T) U) []U { return nil }

func main() {
	_ = Map([]int{1}, 5)
}
