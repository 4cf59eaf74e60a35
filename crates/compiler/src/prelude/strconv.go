// Goroscope prelude: package strconv.
package strconv

func Itoa(i int) string
func Atoi(s string) (int, error)
func FormatInt(i int64, base int) string
func FormatUint(i uint64, base int) string
func FormatFloat(f float64, fmt byte, prec, bitSize int) string
func FormatBool(b bool) string
func ParseInt(s string, base int, bitSize int) (int64, error)
func ParseUint(s string, base int, bitSize int) (uint64, error)
func ParseFloat(s string, bitSize int) (float64, error)
func ParseBool(str string) (bool, error)
func Quote(s string) string
func QuoteRune(r rune) string
func Unquote(s string) (string, error)

type NumError struct {
	Func string
	Num  string
	Err  error
}

func (e *NumError) Error() string
func (e *NumError) Unwrap() error

var ErrRange error = errRange()
var ErrSyntax error = errSyntax()

// errRange and errSyntax give the runtime's sentinel errors (natives "strconv.ErrRange" and
// "strconv.ErrSyntax"), the values inside the *NumError that Atoi, ParseInt... return.
func errRange() error
func errSyntax() error
