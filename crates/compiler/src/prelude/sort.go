// Goroscope prelude: package sort, in Go. Stable sorts use insertion-sorted blocks merged with
// SymMerge (any stable sort gives Go's result). Unstable sorts use insertion sort up to 12
// elements (as Go's pdqsort does) and the stable algorithm above that: the result equals Go's
// unless elements compare equal (then their order may differ from Go's pdqsort).
package sort

type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

// lenOf and swapAt are intrinsics over any slice value (sort.Slice takes `any`).
func lenOf(x any) int
func swapAt(x any, i, j int)

func Sort(data Interface) {
	unstable(data.Less, data.Swap, data.Len())
}

func Stable(data Interface) {
	stable(data.Less, data.Swap, data.Len())
}

func Slice(x any, less func(i, j int) bool) {
	unstable(less, func(i, j int) { swapAt(x, i, j) }, lenOf(x))
}

func SliceStable(x any, less func(i, j int) bool) {
	stable(less, func(i, j int) { swapAt(x, i, j) }, lenOf(x))
}

func SliceIsSorted(x any, less func(i, j int) bool) bool {
	for i := lenOf(x) - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

func IsSorted(data Interface) bool {
	for i := data.Len() - 1; i > 0; i-- {
		if data.Less(i, i-1) {
			return false
		}
	}
	return true
}

func Ints(x []int)           { Sort(IntSlice(x)) }
func Strings(x []string)     { Sort(StringSlice(x)) }
func Float64s(x []float64)   { Sort(Float64Slice(x)) }
func IntsAreSorted(x []int) bool         { return IsSorted(IntSlice(x)) }
func StringsAreSorted(x []string) bool   { return IsSorted(StringSlice(x)) }
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }

type IntSlice []int

func (x IntSlice) Len() int           { return len(x) }
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x IntSlice) Sort()              { Sort(x) }

type StringSlice []string

func (x StringSlice) Len() int           { return len(x) }
func (x StringSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x StringSlice) Sort()              { Sort(x) }

type Float64Slice []float64

func (x Float64Slice) Len() int           { return len(x) }
func (x Float64Slice) Less(i, j int) bool { return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j]) }
func (x Float64Slice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x Float64Slice) Sort()              { Sort(x) }

type reverse struct {
	Interface
}

func (r reverse) Less(i, j int) bool { return r.Interface.Less(j, i) }

func Reverse(data Interface) Interface { return &reverse{data} }

func Search(n int, f func(int) bool) int {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

func SearchInts(a []int, x int) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

func SearchStrings(a []string, x string) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

func unstable(less func(i, j int) bool, swap func(i, j int), n int) {
	if n <= 12 {
		insertionSort(less, swap, 0, n)
		return
	}
	stable(less, swap, n)
}

func insertionSort(less func(i, j int) bool, swap func(i, j int), a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && less(j, j-1); j-- {
			swap(j, j-1)
		}
	}
}

// stable sorts blocks of 20 by insertion, then merges neighbouring runs of doubling size.
func stable(less func(i, j int) bool, swap func(i, j int), n int) {
	blockSize := 20
	a, b := 0, blockSize
	for b <= n {
		insertionSort(less, swap, a, b)
		a = b
		b += blockSize
	}
	insertionSort(less, swap, a, n)
	for blockSize < n {
		a, b = 0, 2*blockSize
		for b <= n {
			symMerge(less, swap, a, a+blockSize, b)
			a = b
			b += 2 * blockSize
		}
		if m := a + blockSize; m < n {
			symMerge(less, swap, a, m, n)
		}
		blockSize *= 2
	}
}

// symMerge merges the sorted runs [a, m) and [m, b) in place (Kim & Kutzner's SymMerge).
func symMerge(less func(i, j int) bool, swap func(i, j int), a, m, b int) {
	if m-a == 1 {
		i, j := m, b
		for i < j {
			h := int(uint(i+j) >> 1)
			if less(h, a) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := a; k < i-1; k++ {
			swap(k, k+1)
		}
		return
	}
	if b-m == 1 {
		i, j := a, m
		for i < j {
			h := int(uint(i+j) >> 1)
			if !less(m, h) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := m; k > i; k-- {
			swap(k, k-1)
		}
		return
	}
	mid := int(uint(a+b) >> 1)
	n := mid + m
	var start, r int
	if m > mid {
		start = n - b
		r = mid
	} else {
		start = a
		r = m
	}
	p := n - 1
	for start < r {
		c := int(uint(start+r) >> 1)
		if !less(p-c, c) {
			start = c + 1
		} else {
			r = c
		}
	}
	end := n - start
	if start < m && m < end {
		rotate(swap, start, m, end)
	}
	if a < start && start < mid {
		symMerge(less, swap, a, start, mid)
	}
	if mid < end && end < b {
		symMerge(less, swap, mid, end, b)
	}
}

func swapRange(swap func(i, j int), a, b, n int) {
	for i := 0; i < n; i++ {
		swap(a+i, b+i)
	}
}

// rotate exchanges the runs [a, m) and [m, b).
func rotate(swap func(i, j int), a, m, b int) {
	i := m - a
	j := b - m
	for i != j {
		if i > j {
			swapRange(swap, m-i, m, j)
			i -= j
		} else {
			swapRange(swap, m-i, m+j-i, i)
			j -= i
		}
	}
	swapRange(swap, m-i, m, i)
}
