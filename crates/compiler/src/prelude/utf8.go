// Goroscope prelude: package unicode/utf8.
package utf8

const (
	RuneError = '\uFFFD'
	RuneSelf  = 0x80
	MaxRune   = '\U0010FFFF'
	UTFMax    = 4
)

func RuneCountInString(s string) (n int)
func RuneCount(p []byte) int
func RuneLen(r rune) int
func DecodeRuneInString(s string) (rune, int)
func DecodeLastRuneInString(s string) (rune, int)
func EncodeRune(p []byte, r rune) int
func AppendRune(p []byte, r rune) []byte
func ValidString(s string) bool
func Valid(p []byte) bool

// FullRune reports whether p begins with a full UTF-8 encoding of a rune (an invalid encoding
// counts as full: it decodes as RuneError of width 1).
func FullRune(p []byte) bool {
	if len(p) == 0 {
		return false
	}
	c := p[0]
	need := 1
	switch {
	case c >= 0xF0 && c <= 0xF4:
		need = 4
	case c >= 0xE0 && c <= 0xEF:
		need = 3
	case c >= 0xC2 && c <= 0xDF:
		need = 2
	}
	for i := 1; i < need; i++ {
		if i >= len(p) {
			return false
		}
		if p[i] < 0x80 || p[i] > 0xBF {
			return true
		}
	}
	return true
}

func FullRuneInString(s string) bool { return FullRune([]byte(s)) }
