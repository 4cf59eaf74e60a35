// Goroscope prelude: package bytes.
package bytes

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
func (b *Buffer) Read(p []byte) (n int, err error)

func Contains(b, subslice []byte) bool
func Equal(a, b []byte) bool
func Compare(a, b []byte) int
