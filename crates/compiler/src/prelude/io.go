// Goroscope prelude: package io interfaces.
package io

type Writer interface {
	Write(p []byte) (n int, err error)
}

type Reader interface {
	Read(p []byte) (n int, err error)
}

type Closer interface {
	Close() error
}

type ReadWriter interface {
	Reader
	Writer
}

var EOF error

func ReadAll(r Reader) ([]byte, error)
func WriteString(w Writer, s string) (n int, err error)

var Discard Writer
