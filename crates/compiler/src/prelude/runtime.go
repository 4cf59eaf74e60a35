// Goroscope prelude: package runtime (answers come from the modelled scheduler).
package runtime

func NumGoroutine() int
func Gosched()
func GOMAXPROCS(n int) int
func Goexit()
func NumCPU() int
func Stack(buf []byte, all bool) int
func GC()
func KeepAlive(x any)

const GOOS = "linux"
const GOARCH = "amd64"
const Compiler = "gc"

type Error interface {
	error
	RuntimeError()
}
