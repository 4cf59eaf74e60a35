// Goroscope prelude: package time on the runtime's virtual clock.
package time

type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

func (d Duration) String() string
func (d Duration) Seconds() float64
func (d Duration) Milliseconds() int64
func (d Duration) Microseconds() int64
func (d Duration) Nanoseconds() int64
func (d Duration) Minutes() float64
func (d Duration) Hours() float64
func (d Duration) Round(m Duration) Duration
func (d Duration) Truncate(m Duration) Duration
func (d Duration) Abs() Duration

type Month int

type Weekday int

type Location struct {
	name string
}

var UTC *Location = &Location{name: "UTC"}
var Local *Location = &Location{name: "Local"}

type Time struct {
	wall uint64
	ext  int64
}

func Now() Time
func Since(t Time) Duration
func Until(t Time) Duration
func Unix(sec int64, nsec int64) Time
func (t Time) Sub(u Time) Duration
func (t Time) Add(d Duration) Time
func (t Time) After(u Time) bool
func (t Time) Before(u Time) bool
func (t Time) Equal(u Time) bool
func (t Time) IsZero() bool
func (t Time) Unix() int64
func (t Time) UnixNano() int64
func (t Time) UnixMilli() int64
func (t Time) Format(layout string) string
func (t Time) String() string
func (t Time) Round(d Duration) Time
func (t Time) Truncate(d Duration) Time
func (t Time) Year() int
func (t Time) Month() Month
func (t Time) Day() int
func (t Time) Hour() int
func (t Time) Minute() int
func (t Time) Second() int
func (t Time) Nanosecond() int
func (t Time) Weekday() Weekday
func (t Time) YearDay() int
func (t Time) Date() (year int, month Month, day int)
func (t Time) Clock() (hour, min, sec int)
func (t Time) UTC() Time
func (t Time) Local() Time
func (t Time) Compare(u Time) int
func (t Time) AddDate(years int, months int, days int) Time
func (t Time) In(loc *Location) Time
func (t Time) Location() *Location
func (t Time) Zone() (name string, offset int)
func (t Time) ISOWeek() (year, week int)
func (t Time) UnixMicro() int64
func (t Time) AppendFormat(b []byte, layout string) []byte
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time
func UnixMilli(msec int64) Time
func UnixMicro(usec int64) Time

// Goroscope models a Time as its Unix nanoseconds on the virtual clock (UTC only; 0 is the zero
// Time, 0001-01-01 00:00:00 UTC). The bodyless Time methods above whose name has a helper
// time<Method>(ns int64) below are lowered as calls to it; the others are not supported yet.

// unixToZero is the number of days from 0001-01-01 to 1970-01-01.
const unixToZero = 719162

func timeSplit(ns int64) (days, secOfDay, nsec int64) {
	if ns == 0 {
		return -unixToZero, 0, 0
	}
	sec := ns / 1000000000
	nsec = ns % 1000000000
	if nsec < 0 {
		nsec += 1000000000
		sec--
	}
	days = sec / 86400
	secOfDay = sec % 86400
	if secOfDay < 0 {
		secOfDay += 86400
		days--
	}
	return
}

// timeCivil converts days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
func timeCivil(days int64) (year int, month Month, day int) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return int(y), Month(m), int(d)
}

func timeDate(ns int64) (year int, month Month, day int) {
	days, _, _ := timeSplit(ns)
	return timeCivil(days)
}

func timeClock(ns int64) (hour, min, sec int) {
	_, s, _ := timeSplit(ns)
	return int(s / 3600), int(s / 60 % 60), int(s % 60)
}

func timeYear(ns int64) int {
	y, _, _ := timeDate(ns)
	return y
}

func timeMonth(ns int64) Month {
	_, m, _ := timeDate(ns)
	return m
}

func timeDay(ns int64) int {
	_, _, d := timeDate(ns)
	return d
}

func timeHour(ns int64) int {
	h, _, _ := timeClock(ns)
	return h
}

func timeMinute(ns int64) int {
	_, m, _ := timeClock(ns)
	return m
}

func timeSecond(ns int64) int {
	_, _, s := timeClock(ns)
	return s
}

func timeNanosecond(ns int64) int {
	_, _, n := timeSplit(ns)
	return int(n)
}

func timeWeekday(ns int64) Weekday {
	days, _, _ := timeSplit(ns)
	w := (days + 4) % 7 // 1970-01-01 was a Thursday
	if w < 0 {
		w += 7
	}
	return Weekday(w)
}

func timeYearDay(ns int64) int {
	y, m, d := timeDate(ns)
	n := d
	for i := January; i < m; i++ {
		n += daysIn(i, y)
	}
	return n
}

func daysIn(m Month, year int) int {
	switch m {
	case February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case April, June, September, November:
		return 30
	}
	return 31
}

func timeUTC(ns int64) int64   { return ns }
func timeLocal(ns int64) int64 { return ns }

func timeCompare(ns, u int64) int {
	if ns < u {
		return -1
	}
	if ns > u {
		return 1
	}
	return 0
}

// timeUnixMicro rounds down like Go (whose nanoseconds within a second are never negative).
func timeUnixMicro(ns int64) int64 {
	if ns == 0 {
		return -62135596800000000 // the zero Time, 0001-01-01
	}
	if ns < 0 && ns%1000 != 0 {
		return ns/1000 - 1
	}
	return ns / 1000
}

func timeIsZero(ns int64) bool { return ns == 0 }

// timePad appends n in decimal, zero-padded to width digits.
func timePad(b []byte, n int, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var buf [20]byte
	i := len(buf)
	for n >= 10 || width > 1 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	i--
	buf[i] = byte('0' + n)
	return append(b, buf[i:]...)
}

// timeString is Go's Time.String() for a UTC time without a monotonic clock reading
// ("2006-01-02 15:04:05.999999999 -0700 MST").
func timeString(ns int64) string {
	y, mo, d := timeDate(ns)
	h, mi, s := timeClock(ns)
	_, _, frac := timeSplit(ns)
	b := make([]byte, 0, 40)
	b = timePad(b, y, 4)
	b = append(b, '-')
	b = timePad(b, int(mo), 2)
	b = append(b, '-')
	b = timePad(b, d, 2)
	b = append(b, ' ')
	b = timePad(b, h, 2)
	b = append(b, ':')
	b = timePad(b, mi, 2)
	b = append(b, ':')
	b = timePad(b, s, 2)
	if frac != 0 {
		digits := timePad(nil, int(frac), 9)
		n := len(digits)
		for digits[n-1] == '0' {
			n--
		}
		b = append(b, '.')
		b = append(b, digits[:n]...)
	}
	b = append(b, " +0000 UTC"...)
	return string(b)
}

const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

var longMonthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func (m Month) String() string {
	if January <= m && m <= December {
		return longMonthNames[m-1]
	}
	return "%!Month(" + string(timePad(nil, int(m), 1)) + ")"
}

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var longDayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

func (d Weekday) String() string {
	if Sunday <= d && d <= Saturday {
		return longDayNames[d]
	}
	return "%!Weekday(" + string(timePad(nil, int(d), 1)) + ")"
}

const (
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	DateTime    = "2006-01-02 15:04:05"
	TimeOnly    = "15:04:05"
)

func Sleep(d Duration)
func After(d Duration) <-chan Time
func Tick(d Duration) <-chan Time

type Timer struct {
	C <-chan Time
	r int
}

func NewTimer(d Duration) *Timer
func AfterFunc(d Duration, f func()) *Timer
func (t *Timer) Stop() bool
func (t *Timer) Reset(d Duration) bool

type Ticker struct {
	C <-chan Time
	r int
}

func NewTicker(d Duration) *Ticker
func (t *Ticker) Stop()
func (t *Ticker) Reset(d Duration)

func ParseDuration(s string) (Duration, error)

// Bodies of the bodyless constructors above (time.<Name> is lowered as a call to new<Name>).

// The model's Time is one int64 (see above), so it cannot tell the zero Time from the Unix epoch
// and holds only the years 1678-2261: such Times are refused rather than given a wrong value.
// (Go: time.Unix(0, 0) prints 1970-01-01 00:00:00 +0000 UTC and is not IsZero.)
const timeEpochUnsupported = "not supported by Goroscope yet: a time.Time at the Unix epoch (1970-01-01 00:00:00 UTC), which Goroscope cannot tell from the zero Time"
const timeRangeUnsupported = "not supported by Goroscope yet: a time.Time before 1678 or after 2261"

// maxUnixSec bounds the seconds whose nanoseconds fit in an int64 (with room for a fraction).
const maxUnixSec = 9223372035

// timeOf is the model's Time for sec seconds plus nsec nanoseconds since the Unix epoch.
func timeOf(sec int64, nsec int64) int64 {
	sec += nsec / 1000000000
	nsec %= 1000000000
	if sec < -maxUnixSec || sec > maxUnixSec {
		panic(timeRangeUnsupported)
	}
	ns := sec*1000000000 + nsec
	if ns == 0 {
		panic(timeEpochUnsupported)
	}
	return ns
}

func newUnix(sec int64, nsec int64) int64 { return timeOf(sec, nsec) }

func newUnixMilli(msec int64) int64 { return timeOf(msec/1000, msec%1000*1000000) }

func newUnixMicro(usec int64) int64 { return timeOf(usec/1000000, usec%1000000*1000) }

// newDate normalises out-of-range fields as Go does (October 32 is November 1); loc is ignored (UTC).
func newDate(year int, month Month, day, hour, min, sec, nsec int, loc *Location) int64 {
	if loc == nil {
		panic("time: missing Location in call to Date")
	}
	m := int(month) - 1
	year += m / 12
	m %= 12
	if m < 0 {
		m += 12
		year--
	}
	// days from 1970-01-01 to year-(m+1)-01 (H. Hinnant's days_from_civil)
	y := int64(year)
	mm := int64(m + 1)
	if mm <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (mm + 9) % 12
	doy := (153*mp+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := era*146097 + doe - 719468
	if days < -maxUnixSec/86400 || days > maxUnixSec/86400 {
		panic(timeRangeUnsupported)
	}
	return timeOf(((days*24+int64(hour))*60+int64(min))*60+int64(sec), int64(nsec))
}

func timeAddDate(ns int64, years int, months int, days int) int64 {
	y, m, d := timeDate(ns)
	h, mi, s := timeClock(ns)
	_, _, n := timeSplit(ns)
	return newDate(y+years, m+Month(months), d+days, h, mi, s, int(n), UTC)
}

func timeIn(ns int64, loc *Location) int64 {
	if loc == nil {
		panic("time: missing Location in call to Time.In")
	}
	return ns
}

func timeZone(ns int64) (name string, offset int) { return "UTC", 0 }

// timeMod is ns modulo d counted from Go's zero Time (0001-01-01), as Time.Round/Truncate use.
func timeMod(ns int64, d int64) int64 {
	// nanoseconds from 0001-01-01 to 1970-01-01 (62135596800 s) modulo d, without overflowing
	a := uint64(62135596800 % d)
	b := uint64(1000000000)
	m := uint64(d)
	var z uint64
	for b > 0 {
		if b&1 == 1 {
			z = (z + a) % m
		}
		a = (a + a) % m
		b >>= 1
	}
	r := ns % d
	if r < 0 {
		r += d
	}
	return int64((uint64(r) + z) % m)
}

// The zero Time is a multiple of every d (Go counts from it): rounding leaves it unchanged.
func timeTruncate(ns int64, d Duration) int64 {
	if d <= 0 || ns == 0 {
		return ns
	}
	return timeOf(0, ns-timeMod(ns, int64(d)))
}

func timeRound(ns int64, d Duration) int64 {
	if d <= 0 || ns == 0 {
		return ns
	}
	r := timeMod(ns, int64(d))
	if uint64(r)+uint64(r) < uint64(d) {
		return timeOf(0, ns-r)
	}
	return timeOf(0, ns+(int64(d)-r))
}
