// Goroscope prelude: package os. Files live in the runtime's in-memory file system (the program's
// working directory: the files of its txtar archive); reads and writes of files are blocking system
// calls (package syscall), during which the goroutine's M blocks while its P is handed off. The
// model's stdin is empty, as a program run with < /dev/null.
package os

import (
	"fmt"
	"io"
	"io/fs"
	"syscall"
	"time"
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

type PathError = fs.PathError

type FileMode = fs.FileMode

type FileInfo = fs.FileInfo

const (
	ModeDir  = fs.ModeDir
	ModePerm = fs.ModePerm
)

// Flags to OpenFile (the Linux values).
const (
	O_RDONLY int = syscall.O_RDONLY
	O_WRONLY int = syscall.O_WRONLY
	O_RDWR   int = syscall.O_RDWR
	O_APPEND int = syscall.O_APPEND
	O_CREATE int = syscall.O_CREAT
	O_EXCL   int = syscall.O_EXCL
	O_SYNC   int = syscall.O_SYNC
	O_TRUNC  int = syscall.O_TRUNC
)

func NewFile(fd uintptr, name string) *File {
	return &File{fd: int(fd), name: name}
}

func Exit(code int)
func Getenv(key string) string

// Open opens the named file for reading.
func Open(name string) (*File, error) {
	return OpenFile(name, O_RDONLY, 0)
}

// Create creates or truncates the named file, open for reading and writing.
func Create(name string) (*File, error) {
	return OpenFile(name, O_RDWR|O_CREATE|O_TRUNC, 0666)
}

// OpenFile opens the named file with the given flags; perm is accepted and not modelled.
func OpenFile(name string, flag int, perm FileMode) (*File, error) {
	fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, uint32(perm))
	if err != nil {
		return nil, &PathError{Op: "open", Path: name, Err: err}
	}
	return NewFile(uintptr(fd), name), nil
}

// ReadFile reads the whole named file: one read for a file that fits the first buffer (its size
// plus one byte, at least 512), then the read that finds the end.
func ReadFile(name string) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	var st syscall.Stat_t
	if syscall.Stat(name, &st) == nil {
		size = int(st.Size)
	}
	size++
	if size < 512 {
		size = 512
	}
	data := make([]byte, 0, size)
	for {
		if len(data) >= cap(data) {
			d := append(data[:cap(data)], 0)
			data = d[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return data, err
		}
	}
}

// WriteFile writes data to the named file, creating it if needed and truncating it otherwise.
func WriteFile(name string, data []byte, perm FileMode) error {
	f, err := OpenFile(name, O_WRONLY|O_CREATE|O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err1 != nil && err == nil {
		err = err1
	}
	return err
}

// Remove removes the named file (a directory only if it is empty, which the model's never are).
func Remove(name string) error {
	if err := syscall.Unlink(name); err != nil {
		return &PathError{Op: "remove", Path: name, Err: err}
	}
	return nil
}

type fileStat struct {
	name string
	size int64
	mode FileMode
}

func (fs *fileStat) Name() string       { return fs.name }
func (fs *fileStat) Size() int64        { return fs.size }
func (fs *fileStat) Mode() FileMode     { return fs.mode }
func (fs *fileStat) ModTime() time.Time { return time.Unix(1257894000, 0) }
func (fs *fileStat) IsDir() bool        { return fs.mode.IsDir() }
func (fs *fileStat) Sys() any           { return nil }

// Stat describes the named file. The model has no permissions or times: regular files are
// -rw-r--r--, directories drwxr-xr-x, and ModTime is the virtual clock's start.
func Stat(name string) (FileInfo, error) {
	var st syscall.Stat_t
	if err := syscall.Stat(name, &st); err != nil {
		return nil, &PathError{Op: "stat", Path: name, Err: err}
	}
	mode := FileMode(st.Mode & 0777)
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		mode |= ModeDir
	}
	base := name
	for len(base) > 1 && base[len(base)-1] == '/' {
		base = base[:len(base)-1]
	}
	for i := len(base) - 1; i >= 0; i-- {
		if base[i] == '/' && i < len(base)-1 {
			base = base[i+1:]
			break
		}
	}
	return &fileStat{name: base, size: st.Size, mode: mode}, nil
}

func underlyingError(err error) error {
	if pe, ok := err.(*PathError); ok {
		return pe.Err
	}
	return err
}

func underlyingErrorIs(err, target error) bool {
	err = underlyingError(err)
	if err == target {
		return true
	}
	e, ok := err.(syscall.Errno)
	return ok && e.Is(target)
}

// IsNotExist reports whether err says a file or directory does not exist.
func IsNotExist(err error) bool { return underlyingErrorIs(err, ErrNotExist) }

// IsExist reports whether err says a file or directory already exists.
func IsExist(err error) bool { return underlyingErrorIs(err, ErrExist) }

// IsPermission reports whether err says permission is denied.
func IsPermission(err error) bool { return underlyingErrorIs(err, ErrPermission) }

func (f *File) Write(b []byte) (n int, err error) {
	if f == nil {
		return 0, ErrInvalid
	}
	switch f.fd {
	case 1:
		fmt.Print(string(b))
		return len(b), nil
	case 2:
		print(string(b))
		return len(b), nil
	case -1:
		return 0, &PathError{Op: "write", Path: f.name, Err: ErrClosed}
	}
	n, e := syscall.Write(f.fd, b)
	if n < 0 {
		n = 0
	}
	if e != nil {
		return n, &PathError{Op: "write", Path: f.name, Err: e}
	}
	if n != len(b) {
		return n, io.ErrShortWrite
	}
	return n, nil
}

func (f *File) WriteString(s string) (n int, err error) {
	return f.Write([]byte(s))
}

// Read reads up to len(b) bytes; at end of file it returns 0, io.EOF.
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
	n, e := syscall.Read(f.fd, b)
	if n < 0 {
		n = 0
	}
	if e != nil {
		return n, &PathError{Op: "read", Path: f.name, Err: e}
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
	fd := f.fd
	f.fd = -1
	if fd > 2 {
		if err := syscall.Close(fd); err != nil {
			return &PathError{Op: "close", Path: f.name, Err: err}
		}
	}
	return nil
}

func (f *File) Name() string { return f.name }

// Fd returns the file descriptor number.
func (f *File) Fd() uintptr {
	if f == nil {
		return ^uintptr(0)
	}
	return uintptr(f.fd)
}

// Stat describes the open file.
func (f *File) Stat() (FileInfo, error) {
	if f == nil {
		return nil, ErrInvalid
	}
	return Stat(f.name)
}
