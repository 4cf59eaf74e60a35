// Goroscope prelude: package bufio (Scanner, Reader, Writer), our own implementation of the
// documented behaviour: the Scanner grows its buffer from 4 KiB up to MaxScanTokenSize, the
// Reader and Writer use 4 KiB buffers, so reads and writes reach the underlying file (and its
// system calls) in the same pieces as in Go.
package bufio

import (
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

const (
	MaxScanTokenSize = 64 * 1024
	defaultBufSize   = 4096
	maxEmptyReads    = 100
)

var (
	ErrTooLong         = errors.New("bufio.Scanner: token too long")
	ErrNegativeAdvance = errors.New("bufio.Scanner: SplitFunc returns negative advance count")
	ErrAdvanceTooFar   = errors.New("bufio.Scanner: SplitFunc returns advance count beyond input")
	ErrBadReadCount    = errors.New("bufio.Scanner: Read returned impossible count")
	ErrFinalToken      = errors.New("final token")
	ErrBufferFull      = errors.New("bufio: buffer full")
	ErrNegativeCount   = errors.New("bufio: negative count")
	ErrInvalidUnreadByte = errors.New("bufio: invalid use of UnreadByte")
)

// SplitFunc finds the next token in data: how far to advance, the token (nil: none yet), an error.
type SplitFunc func(data []byte, atEOF bool) (advance int, token []byte, err error)

// Scanner reads input as a sequence of tokens (lines by default).
type Scanner struct {
	r        io.Reader
	split    SplitFunc
	maxToken int
	token    []byte
	buf      []byte
	start    int // first unconsumed byte of buf
	end      int // end of the data in buf
	err      error
	empties  int
	started  bool
	finished bool
}

func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: r, split: ScanLines, maxToken: MaxScanTokenSize}
}

func (s *Scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

func (s *Scanner) Bytes() []byte { return s.token }

func (s *Scanner) Text() string { return string(s.token) }

// Buffer sets the initial buffer and the largest token size; it must be called before Scan.
func (s *Scanner) Buffer(buf []byte, max int) {
	if s.started {
		panic("Buffer called after Scan")
	}
	s.buf = buf[0:cap(buf)]
	s.maxToken = max
}

// Split sets the split function; it must be called before Scan.
func (s *Scanner) Split(split SplitFunc) {
	if s.started {
		panic("Split called after Scan")
	}
	s.split = split
}

func (s *Scanner) fail(err error) {
	if s.err == nil || s.err == io.EOF {
		s.err = err
	}
}

// Scan advances to the next token, reading more input as needed; false at the end or on error.
func (s *Scanner) Scan() bool {
	if s.finished {
		return false
	}
	s.started = true
	for {
		// A token from the data already buffered (at the end, also from the final bytes).
		if s.end > s.start || s.err != nil {
			advance, token, err := s.split(s.buf[s.start:s.end], s.err != nil)
			if err != nil {
				if err == ErrFinalToken {
					s.token = token
					s.finished = true
					return token != nil
				}
				s.fail(err)
				return false
			}
			if advance < 0 {
				s.fail(ErrNegativeAdvance)
				return false
			}
			if advance > s.end-s.start {
				s.fail(ErrAdvanceTooFar)
				return false
			}
			s.start += advance
			s.token = token
			if token != nil {
				if s.err == nil || advance > 0 {
					s.empties = 0
				} else {
					s.empties++
					if s.empties > maxEmptyReads {
						panic("bufio.Scan: too many empty tokens without progressing")
					}
				}
				return true
			}
		}
		if s.err != nil {
			s.start, s.end = 0, 0
			return false
		}
		// Make room: slide the unconsumed bytes down, or grow the buffer when it is full.
		if s.start > 0 && (s.end == len(s.buf) || s.start > len(s.buf)/2) {
			copy(s.buf, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
		}
		if s.end == len(s.buf) {
			if len(s.buf) >= s.maxToken {
				s.fail(ErrTooLong)
				return false
			}
			size := len(s.buf) * 2
			if size == 0 {
				size = defaultBufSize
			}
			if size > s.maxToken {
				size = s.maxToken
			}
			grown := make([]byte, size)
			copy(grown, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
			s.buf = grown
		}
		// Read until some bytes arrive (or an error).
		for tries := 0; ; {
			n, err := s.r.Read(s.buf[s.end:len(s.buf)])
			if n < 0 || n > len(s.buf)-s.end {
				s.fail(ErrBadReadCount)
				break
			}
			s.end += n
			if err != nil {
				s.fail(err)
				break
			}
			if n > 0 {
				s.empties = 0
				break
			}
			tries++
			if tries > maxEmptyReads {
				s.fail(io.ErrNoProgress)
				break
			}
		}
	}
}

// ScanBytes returns each byte as a token.
func ScanBytes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	return 1, data[0:1], nil
}

var errorRune = []byte(string(utf8.RuneError))

// ScanRunes returns each UTF-8 rune as a token (an invalid byte becomes U+FFFD).
func ScanRunes(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if data[0] < utf8.RuneSelf {
		return 1, data[0:1], nil
	}
	end := 4
	if end > len(data) {
		end = len(data)
	}
	_, width := utf8.DecodeRuneInString(string(data[:end]))
	if width > 1 {
		return width, data[0:width], nil
	}
	if !atEOF && !utf8.FullRune(data) {
		return 0, nil, nil
	}
	return 1, errorRune, nil
}

func dropCR(data []byte) []byte {
	if len(data) > 0 && data[len(data)-1] == '\r' {
		return data[0 : len(data)-1]
	}
	return data
}

// ScanLines returns each line without its end-of-line marker (\n or \r\n); the last line
// may lack one.
func ScanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	for i := 0; i < len(data); i++ {
		if data[i] == '\n' {
			return i + 1, dropCR(data[0:i]), nil
		}
	}
	if atEOF {
		return len(data), dropCR(data), nil
	}
	return 0, nil, nil
}

func decodeRune(data []byte) (rune, int) {
	if data[0] < utf8.RuneSelf {
		return rune(data[0]), 1
	}
	end := 4
	if end > len(data) {
		end = len(data)
	}
	return utf8.DecodeRuneInString(string(data[:end]))
}

// ScanWords returns each space-separated word (unicode.IsSpace).
func ScanWords(data []byte, atEOF bool) (advance int, token []byte, err error) {
	start := 0
	for start < len(data) {
		r, width := decodeRune(data[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += width
	}
	for i := start; i < len(data); {
		r, width := decodeRune(data[i:])
		if unicode.IsSpace(r) {
			return i + width, data[start:i], nil
		}
		i += width
	}
	if atEOF && len(data) > start {
		return len(data), data[start:], nil
	}
	return start, nil, nil
}

// Reader buffers an io.Reader.
type Reader struct {
	rd   io.Reader
	buf  []byte
	r, w int // read and write positions in buf
	err  error
	last int // last byte read, for UnreadByte; -1 if none
}

func NewReaderSize(rd io.Reader, size int) *Reader {
	if b, ok := rd.(*Reader); ok && len(b.buf) >= size {
		return b
	}
	if size < 16 {
		size = 16
	}
	return &Reader{rd: rd, buf: make([]byte, size), last: -1}
}

func NewReader(rd io.Reader) *Reader { return NewReaderSize(rd, defaultBufSize) }

func (b *Reader) Size() int { return len(b.buf) }

func (b *Reader) Buffered() int { return b.w - b.r }

func (b *Reader) takeErr() error {
	err := b.err
	b.err = nil
	return err
}

// fill reads once more into the buffer (after sliding the unread bytes down).
func (b *Reader) fill() {
	if b.r > 0 {
		copy(b.buf, b.buf[b.r:b.w])
		b.w -= b.r
		b.r = 0
	}
	for tries := maxEmptyReads; tries > 0; tries-- {
		n, err := b.rd.Read(b.buf[b.w:])
		if n < 0 {
			panic(errors.New("bufio: reader returned negative count from Read"))
		}
		b.w += n
		if err != nil {
			b.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	b.err = io.ErrNoProgress
}

// Read reads into p: from the buffer, or (when it is empty and p is large) straight from the reader.
func (b *Reader) Read(p []byte) (n int, err error) {
	if len(p) == 0 {
		if b.Buffered() > 0 {
			return 0, nil
		}
		return 0, b.takeErr()
	}
	if b.r == b.w {
		if b.err != nil {
			return 0, b.takeErr()
		}
		if len(p) >= len(b.buf) {
			n, b.err = b.rd.Read(p)
			if n > 0 {
				b.last = int(p[n-1])
			}
			return n, b.takeErr()
		}
		b.r, b.w = 0, 0
		n, b.err = b.rd.Read(b.buf)
		if n == 0 {
			return 0, b.takeErr()
		}
		b.w += n
	}
	n = copy(p, b.buf[b.r:b.w])
	b.r += n
	b.last = int(b.buf[b.r-1])
	return n, nil
}

func (b *Reader) ReadByte() (byte, error) {
	for b.r == b.w {
		if b.err != nil {
			return 0, b.takeErr()
		}
		b.fill()
	}
	c := b.buf[b.r]
	b.r++
	b.last = int(c)
	return c, nil
}

func (b *Reader) UnreadByte() error {
	if b.last < 0 || b.r == 0 && b.w > 0 {
		return ErrInvalidUnreadByte
	}
	if b.r > 0 {
		b.r--
	} else {
		b.w = 1
	}
	b.buf[b.r] = byte(b.last)
	b.last = -1
	return nil
}

func (b *Reader) ReadRune() (r rune, size int, err error) {
	for b.r+utf8.UTFMax > b.w && !utf8.FullRune(b.buf[b.r:b.w]) && b.err == nil && b.w-b.r < len(b.buf) {
		b.fill()
	}
	b.last = -1
	if b.r == b.w {
		return 0, 0, b.takeErr()
	}
	r, size = decodeRune(b.buf[b.r:b.w])
	b.r += size
	b.last = int(b.buf[b.r-1])
	return r, size, nil
}

// ReadBytes reads up to and including delim; without delim before an error, it returns the data
// read and that error (often io.EOF).
func (b *Reader) ReadBytes(delim byte) ([]byte, error) {
	var out []byte
	for {
		for i := b.r; i < b.w; i++ {
			if b.buf[i] == delim {
				out = append(out, b.buf[b.r:i+1]...)
				b.r = i + 1
				b.last = int(delim)
				return out, nil
			}
		}
		out = append(out, b.buf[b.r:b.w]...)
		b.r = b.w
		if b.err != nil {
			if len(out) > 0 {
				b.last = int(out[len(out)-1])
			}
			return out, b.takeErr()
		}
		b.fill()
	}
}

func (b *Reader) ReadString(delim byte) (string, error) {
	bytes, err := b.ReadBytes(delim)
	return string(bytes), err
}

// Writer buffers an io.Writer; call Flush at the end.
type Writer struct {
	err error
	buf []byte
	n   int
	wr  io.Writer
}

func NewWriterSize(w io.Writer, size int) *Writer {
	if b, ok := w.(*Writer); ok && len(b.buf) >= size {
		return b
	}
	if size <= 0 {
		size = defaultBufSize
	}
	return &Writer{buf: make([]byte, size), wr: w}
}

func NewWriter(w io.Writer) *Writer { return NewWriterSize(w, defaultBufSize) }

func (b *Writer) Size() int { return len(b.buf) }

func (b *Writer) Buffered() int { return b.n }

func (b *Writer) Available() int { return len(b.buf) - b.n }

// Flush writes the buffered data to the underlying writer.
func (b *Writer) Flush() error {
	if b.err != nil {
		return b.err
	}
	if b.n == 0 {
		return nil
	}
	n, err := b.wr.Write(b.buf[0:b.n])
	if n < b.n && err == nil {
		err = io.ErrShortWrite
	}
	if err != nil {
		if n > 0 && n < b.n {
			copy(b.buf[0:b.n-n], b.buf[n:b.n])
		}
		b.n -= n
		b.err = err
		return err
	}
	b.n = 0
	return nil
}

// Write buffers p; what does not fit is flushed, and a large p meeting an empty buffer is
// written straight through.
func (b *Writer) Write(p []byte) (nn int, err error) {
	for len(p) > b.Available() && b.err == nil {
		var n int
		if b.Buffered() == 0 {
			n, b.err = b.wr.Write(p)
		} else {
			n = copy(b.buf[b.n:], p)
			b.n += n
			b.Flush()
		}
		nn += n
		p = p[n:]
	}
	if b.err != nil {
		return nn, b.err
	}
	n := copy(b.buf[b.n:], p)
	b.n += n
	nn += n
	return nn, nil
}

func (b *Writer) WriteString(s string) (int, error) {
	return b.Write([]byte(s))
}

func (b *Writer) WriteByte(c byte) error {
	if b.err != nil {
		return b.err
	}
	if b.Available() <= 0 && b.Flush() != nil {
		return b.err
	}
	b.buf[b.n] = c
	b.n++
	return nil
}

func (b *Writer) WriteRune(r rune) (size int, err error) {
	return b.WriteString(string(r))
}
