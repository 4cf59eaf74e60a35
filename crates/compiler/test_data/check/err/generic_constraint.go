package main

type Num interface{ ~int | ~float64 }

func Sum[T Num](s []T) T {
	var t T
	for _, v := range s {
		t += v
	}
	return t
}

func main() {
	_ = Sum([]string{"a"})
}
