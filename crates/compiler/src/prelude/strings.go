// Goroscope prelude: package strings.
package strings

import (
	"errors"
	"io"
	"unicode/utf8"
)

type Builder struct {
	buf []byte
}

func (b *Builder) WriteString(s string) (int, error)
func (b *Builder) WriteByte(c byte) error
func (b *Builder) WriteRune(r rune) (int, error)
func (b *Builder) Write(p []byte) (int, error)
func (b *Builder) String() string
func (b *Builder) Len() int
func (b *Builder) Reset()
func (b *Builder) Grow(n int)

func Contains(s, substr string) bool
func ContainsRune(s string, r rune) bool
func ContainsAny(s, chars string) bool
func HasPrefix(s, prefix string) bool
func HasSuffix(s, suffix string) bool
func Index(s, substr string) int
func IndexByte(s string, c byte) int
func IndexRune(s string, r rune) int
func LastIndex(s, substr string) int
func Join(elems []string, sep string) string
func Split(s, sep string) []string
func SplitN(s, sep string, n int) []string
func Fields(s string) []string
func Repeat(s string, count int) string
func Replace(s, old, new string, n int) string
func ReplaceAll(s, old, new string) string
func ToUpper(s string) string
func ToLower(s string) string
func Title(s string) string
func TrimSpace(s string) string
func Trim(s, cutset string) string
func TrimLeft(s, cutset string) string
func TrimRight(s, cutset string) string
func TrimPrefix(s, prefix string) string
func TrimSuffix(s, suffix string) string
func Count(s, substr string) int
func EqualFold(s, t string) bool
func Compare(a, b string) int
func Cut(s, sep string) (before, after string, found bool)
func Map(mapping func(rune) rune, s string) string

// A Reader reads from a string (io.Reader, io.ByteReader, io.RuneReader).
type Reader struct {
	s        string
	i        int
	prevRune int
}

func NewReader(s string) *Reader { return &Reader{s: s, prevRune: -1} }

// Len is the number of unread bytes.
func (r *Reader) Len() int { return len(r.s) - r.i }

// Size is the length of the underlying string.
func (r *Reader) Size() int64 { return int64(len(r.s)) }

func (r *Reader) Reset(s string) { *r = Reader{s: s, prevRune: -1} }

func (r *Reader) Read(b []byte) (n int, err error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	r.prevRune = -1
	n = copy(b, r.s[r.i:])
	r.i += n
	return n, nil
}

func (r *Reader) ReadByte() (byte, error) {
	r.prevRune = -1
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	b := r.s[r.i]
	r.i++
	return b, nil
}

func (r *Reader) UnreadByte() error {
	if r.i <= 0 {
		return errors.New("strings.Reader.UnreadByte: at beginning of string")
	}
	r.prevRune = -1
	r.i--
	return nil
}

func (r *Reader) ReadRune() (ch rune, size int, err error) {
	if r.i >= len(r.s) {
		r.prevRune = -1
		return 0, 0, io.EOF
	}
	r.prevRune = r.i
	ch, size = utf8.DecodeRuneInString(r.s[r.i:])
	r.i += size
	return ch, size, nil
}

func (r *Reader) UnreadRune() error {
	if r.i <= 0 {
		return errors.New("strings.Reader.UnreadRune: at beginning of string")
	}
	if r.prevRune < 0 {
		return errors.New("strings.Reader.UnreadRune: previous operation was not ReadRune")
	}
	r.i = r.prevRune
	r.prevRune = -1
	return nil
}

// WriteTo writes the unread rest of the string to w.
func (r *Reader) WriteTo(w io.Writer) (n int64, err error) {
	r.prevRune = -1
	if r.i >= len(r.s) {
		return 0, nil
	}
	m, err := io.WriteString(w, r.s[r.i:])
	r.i += m
	return int64(m), err
}
