// Goroscope prelude: package os.
package os

type File struct {
	fd   int
	name string
}

var Stdin *File
var Stdout *File
var Stderr *File
var Args []string

func Exit(code int)
func Getenv(key string) string
func (f *File) Write(b []byte) (n int, err error)
func (f *File) WriteString(s string) (n int, err error)
func (f *File) Read(b []byte) (n int, err error)
func (f *File) Close() error
func (f *File) Name() string
