// Goroscope prelude: package errors. New and Join make runtime error values (intrinsics);
// As needs reflection (intrinsic). Is and Unwrap are Go, per the package documentation.
package errors

func New(text string) error
func Join(errs ...error) error
func As(err error, target any) bool

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
