// Goroscope prelude: package io/fs (its error values).
package fs

var (
	ErrInvalid    error
	ErrPermission error
	ErrExist      error
	ErrNotExist   error
	ErrClosed     error
)
