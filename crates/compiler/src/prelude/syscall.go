// Goroscope prelude: package syscall, the Linux subset that the runtime's in-memory file system
// answers (runtime/src/fs.rs). The lower-case functions without bodies are the system calls
// themselves (runtime RtCode::Syscall*); read and write block their M while the P is handed off.
package syscall

import (
	"errors"
	"io/fs"
)

// An Errno is a Linux error number; its Error text is the kernel's.
type Errno uintptr

const (
	EPERM     Errno = 1
	ENOENT    Errno = 2
	EINTR     Errno = 4
	EIO       Errno = 5
	EBADF     Errno = 9
	EAGAIN    Errno = 11
	EACCES    Errno = 13
	EEXIST    Errno = 17
	ENOTDIR   Errno = 20
	EISDIR    Errno = 21
	EINVAL    Errno = 22
	EMFILE    Errno = 24
	ENOSPC    Errno = 28
	EPIPE     Errno = 32
	ENOSYS    Errno = 38
	ENOTEMPTY Errno = 39
	ENOTSUP   Errno = 95
)

func (e Errno) Error() string {
	switch e {
	case EPERM:
		return "operation not permitted"
	case ENOENT:
		return "no such file or directory"
	case EINTR:
		return "interrupted system call"
	case EIO:
		return "input/output error"
	case EBADF:
		return "bad file descriptor"
	case EAGAIN:
		return "resource temporarily unavailable"
	case EACCES:
		return "permission denied"
	case EEXIST:
		return "file exists"
	case ENOTDIR:
		return "not a directory"
	case EISDIR:
		return "is a directory"
	case EINVAL:
		return "invalid argument"
	case EMFILE:
		return "too many open files"
	case ENOSPC:
		return "no space left on device"
	case EPIPE:
		return "broken pipe"
	case ENOSYS:
		return "function not implemented"
	case ENOTEMPTY:
		return "directory not empty"
	case ENOTSUP:
		return "operation not supported"
	}
	return "errno " + itoa(int(e))
}

// Is makes errors.Is(err, fs.ErrNotExist) and friends hold for the matching numbers.
func (e Errno) Is(target error) bool {
	switch target {
	case fs.ErrPermission:
		return e == EACCES || e == EPERM
	case fs.ErrExist:
		return e == EEXIST || e == ENOTEMPTY
	case fs.ErrNotExist:
		return e == ENOENT
	case errors.ErrUnsupported:
		return e == ENOSYS || e == ENOTSUP
	}
	return false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

// open(2) flags.
const (
	O_RDONLY  = 0x0
	O_WRONLY  = 0x1
	O_RDWR    = 0x2
	O_CREAT   = 0x40
	O_EXCL    = 0x80
	O_TRUNC   = 0x200
	O_APPEND  = 0x400
	O_SYNC    = 0x101000
	O_CLOEXEC = 0x80000
)

func sysOpen(path string, flag int) (fd int, errno int)
func sysRead(fd int, b []byte) (n int, errno int)
func sysWrite(fd int, b []byte) (n int, errno int)
func sysClose(fd int) (errno int)
func sysUnlink(path string) (errno int)
func sysStat(path string) (size int, isDir bool, errno int)

func Open(path string, mode int, perm uint32) (fd int, err error) {
	fd, e := sysOpen(path, mode)
	if e != 0 {
		return -1, Errno(e)
	}
	return fd, nil
}

func Read(fd int, p []byte) (n int, err error) {
	n, e := sysRead(fd, p)
	if e != 0 {
		return -1, Errno(e)
	}
	return n, nil
}

func Write(fd int, p []byte) (n int, err error) {
	n, e := sysWrite(fd, p)
	if e != 0 {
		return -1, Errno(e)
	}
	return n, nil
}

func Close(fd int) (err error) {
	if e := sysClose(fd); e != 0 {
		return Errno(e)
	}
	return nil
}

// Unlink removes a file; on a directory it fails (Rmdir removes only empty ones, and the
// model's directories always hold files).
func Unlink(path string) error {
	if e := sysUnlink(path); e != 0 {
		return Errno(e)
	}
	return nil
}

// Stat_t carries the two fields the model knows: Size, and Mode's file type bits.
type Stat_t struct {
	Mode uint32
	Size int64
}

const (
	S_IFMT  = 0xf000
	S_IFDIR = 0x4000
	S_IFREG = 0x8000
)

func Stat(path string, st *Stat_t) error {
	size, dir, e := sysStat(path)
	if e != 0 {
		return Errno(e)
	}
	st.Size = int64(size)
	st.Mode = S_IFREG | 0644
	if dir {
		st.Mode = S_IFDIR | 0755
	}
	return nil
}
