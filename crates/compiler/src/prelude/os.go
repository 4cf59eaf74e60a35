// Goroscope prelude: package os. Reads go through the runtime's blocking read system call
// (the goroutine's M blocks while its P is handed off); the model's stdin is empty.
package os

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

type File struct {
	fd   int
	name string
}

var (
	Stdin  = NewFile(0, "/dev/stdin")
	Stdout = NewFile(1, "/dev/stdout")
	Stderr = NewFile(2, "/dev/stderr")
)

// Args holds one element, a program path (Go: the path of the compiled program).
var Args []string = []string{"/tmp/prog"}

var (
	ErrInvalid    = fs.ErrInvalid
	ErrPermission = fs.ErrPermission
	ErrExist      = fs.ErrExist
	ErrNotExist   = fs.ErrNotExist
	ErrClosed     = fs.ErrClosed
)

// PathError records an error and the operation and file path that caused it.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

func NewFile(fd uintptr, name string) *File {
	return &File{fd: int(fd), name: name}
}

func Exit(code int)
func Getenv(key string) string

var errBadFd = errors.New("bad file descriptor")

func (f *File) Write(b []byte) (n int, err error) {
	return f.WriteString(string(b))
}

// WriteString writes to the program's stdout or stderr (the model has no other open files).
func (f *File) WriteString(s string) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	switch f.fd {
	case 1:
		fmt.Print(s)
	case 2:
		print(s)
	case -1:
		return 0, &PathError{Op: "write", Path: f.name, Err: ErrClosed}
	default:
		return 0, &PathError{Op: "write", Path: f.name, Err: errBadFd}
	}
	return len(s), nil
}

// read is the blocking read system call (runtime.RtCode::SyscallRead): it fills b and
// returns the byte count.
func read(fd int, b []byte) (n int, err error)

// Read reads up to len(b) bytes; at end of file it returns 0, io.EOF (a zero-byte read of a
// non-empty buffer is end of file, as in Go's internal/poll).
func (f *File) Read(b []byte) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	if f.fd == -1 {
		return 0, &PathError{Op: "read", Path: f.name, Err: ErrClosed}
	}
	if len(b) == 0 {
		return 0, nil
	}
	n, err = read(f.fd, b)
	if n < 0 {
		n = 0
	}
	if err != nil {
		return n, &PathError{Op: "read", Path: f.name, Err: err}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (f *File) Close() error {
	if f == nil {
		return ErrInvalid
	}
	if f.fd == -1 {
		return &PathError{Op: "close", Path: f.name, Err: ErrClosed}
	}
	f.fd = -1
	return nil
}

func (f *File) Name() string { return f.name }
