package main

type List[T any] struct{ items []T }

func (l *List[T]) Map[U any](f func(T) U) []U { return nil }

func main() {}
