// Goroscope prelude: package sort.
package sort

type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

func Sort(data Interface)
func Stable(data Interface)
func Ints(x []int)
func Strings(x []string)
func Float64s(x []float64)
func Slice(x any, less func(i, j int) bool)
func SliceStable(x any, less func(i, j int) bool)
func Search(n int, f func(int) bool) int
func SearchInts(a []int, x int) int
func IntsAreSorted(x []int) bool
func IsSorted(data Interface) bool
func StringsAreSorted(x []string) bool
func Reverse(data Interface) Interface
