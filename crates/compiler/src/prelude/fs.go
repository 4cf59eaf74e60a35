// Goroscope prelude: package io/fs: its error values (with Go's texts from internal/oserror),
// PathError, FileMode and FileInfo.
package fs

import (
	"errors"
	"time"
)

var (
	ErrInvalid    = errors.New("invalid argument")
	ErrPermission = errors.New("permission denied")
	ErrExist      = errors.New("file already exists")
	ErrNotExist   = errors.New("file does not exist")
	ErrClosed     = errors.New("file already closed")
)

// PathError records an error and the operation and file path that caused it.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

// A FileMode holds a file's type bits and permission bits.
type FileMode uint32

const (
	ModeDir        FileMode = 1 << (32 - 1 - 0)
	ModeAppend     FileMode = 1 << (32 - 1 - 1)
	ModeExclusive  FileMode = 1 << (32 - 1 - 2)
	ModeTemporary  FileMode = 1 << (32 - 1 - 3)
	ModeSymlink    FileMode = 1 << (32 - 1 - 4)
	ModeDevice     FileMode = 1 << (32 - 1 - 5)
	ModeNamedPipe  FileMode = 1 << (32 - 1 - 6)
	ModeSocket     FileMode = 1 << (32 - 1 - 7)
	ModeSetuid     FileMode = 1 << (32 - 1 - 8)
	ModeSetgid     FileMode = 1 << (32 - 1 - 9)
	ModeCharDevice FileMode = 1 << (32 - 1 - 10)
	ModeSticky     FileMode = 1 << (32 - 1 - 11)
	ModeIrregular  FileMode = 1 << (32 - 1 - 12)

	ModeType FileMode = ModeDir | ModeSymlink | ModeNamedPipe | ModeSocket | ModeDevice | ModeCharDevice | ModeIrregular
	ModePerm FileMode = 0777
)

// String shows the type letters set (in the order of the Mode constants) then rwx for the
// permission bits, as ls does: "drwxr-xr-x", "-rw-r--r--".
func (m FileMode) String() string {
	const letters = "dalTLDpSugct?"
	var b []byte
	for i := 0; i < len(letters); i++ {
		if m&(1<<uint(32-1-i)) != 0 {
			b = append(b, letters[i])
		}
	}
	if len(b) == 0 {
		b = append(b, '-')
	}
	const rwx = "rwxrwxrwx"
	for i := 0; i < 9; i++ {
		if m&(1<<uint(8-i)) != 0 {
			b = append(b, rwx[i])
		} else {
			b = append(b, '-')
		}
	}
	return string(b)
}

func (m FileMode) IsDir() bool { return m&ModeDir != 0 }

func (m FileMode) IsRegular() bool { return m&ModeType == 0 }

func (m FileMode) Perm() FileMode { return m & ModePerm }

func (m FileMode) Type() FileMode { return m & ModeType }

// A FileInfo describes a file, as Stat returns it.
type FileInfo interface {
	Name() string
	Size() int64
	Mode() FileMode
	ModTime() time.Time
	IsDir() bool
	Sys() any
}
