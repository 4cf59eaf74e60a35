// Goroscope prelude: package errors. New and Join make runtime error values (intrinsics); Is,
// As and Unwrap are Go, per the package documentation, over two reflection intrinsics.
package errors

func New(text string) error
func Join(errs ...error) error

// asOne assigns err to *target and reports true if err's dynamic type matches target's
// element type (or implements it, for an interface); it panics like Go's As for an invalid
// target (an intrinsic: it needs reflection).
func asOne(err error, target any) bool

func As(err error, target any) bool {
	if err == nil {
		return false
	}
	if target == nil {
		panic("errors: target cannot be nil")
	}
	return as(err, target)
}

func as(err error, target any) bool {
	for {
		if asOne(err, target) {
			return true
		}
		if x, ok := err.(interface{ As(any) bool }); ok && x.As(target) {
			return true
		}
		switch x := err.(type) {
		case interface{ Unwrap() error }:
			err = x.Unwrap()
			if err == nil {
				return false
			}
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				if e == nil {
					continue
				}
				if as(e, target) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
}

// isComparable reports whether v's dynamic type supports == (an intrinsic: Go's errors.Is
// asks reflection the same question to avoid a run-time panic).
func isComparable(v any) bool

func Unwrap(err error) error {
	u, ok := err.(interface {
		Unwrap() error
	})
	if !ok {
		return nil
	}
	return u.Unwrap()
}

func Is(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	return is(err, target, isComparable(target))
}

func is(err, target error, targetComparable bool) bool {
	for {
		if targetComparable && err == target {
			return true
		}
		if x, ok := err.(interface{ Is(error) bool }); ok && x.Is(target) {
			return true
		}
		switch x := err.(type) {
		case interface{ Unwrap() error }:
			err = x.Unwrap()
			if err == nil {
				return false
			}
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				if e != nil && is(e, target, targetComparable) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
}

var ErrUnsupported = New("unsupported operation")
