// Goroscope prelude: package math/rand (seeded by the runtime's RNG).
package rand

type Source interface {
	Int63() int64
	Seed(seed int64)
}

type Rand struct {
	src Source
}

func NewSource(seed int64) Source
func New(src Source) *Rand
func (r *Rand) Intn(n int) int
func (r *Rand) Int() int
func (r *Rand) Int63() int64
func (r *Rand) Int31n(n int32) int32
func (r *Rand) Int63n(n int64) int64
func (r *Rand) Float64() float64
func (r *Rand) Perm(n int) []int
func (r *Rand) Shuffle(n int, swap func(i, j int))

func Seed(seed int64)
func Intn(n int) int
func Int() int
func Int31() int32
func Int31n(n int32) int32
func Int63() int64
func Int63n(n int64) int64
func Float64() float64
func Float32() float32
func Perm(n int) []int
func Shuffle(n int, swap func(i, j int))
