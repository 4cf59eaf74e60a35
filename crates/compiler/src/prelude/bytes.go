// Goroscope prelude: package bytes.
package bytes

import "io"

type Buffer struct {
	buf []byte
	off int
}

func NewBufferString(s string) *Buffer
func NewBuffer(buf []byte) *Buffer
func (b *Buffer) Write(p []byte) (n int, err error)
func (b *Buffer) WriteString(s string) (n int, err error)
func (b *Buffer) WriteByte(c byte) error
func (b *Buffer) WriteRune(r rune) (n int, err error)
func (b *Buffer) String() string
func (b *Buffer) Bytes() []byte
func (b *Buffer) Len() int
func (b *Buffer) Reset()

// Read reads the next len(p) bytes from the buffer or until it is drained; with no data
// left it empties the buffer and returns io.EOF (unless len(p) is zero).
func (b *Buffer) Read(p []byte) (n int, err error) {
	if b.off >= len(b.buf) {
		b.Reset()
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n = copy(p, b.buf[b.off:])
	b.off += n
	return n, nil
}

func Contains(b, subslice []byte) bool
func Equal(a, b []byte) bool
func Compare(a, b []byte) int

// IndexByte returns the index of the first c in b, or -1.
func IndexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
