// Time: Unix times before, near and after the epoch, the zero Time, Truncate/Round and UnixMicro.
package main

import (
	"fmt"
	"time"
)

func main() {
	var z time.Time
	fmt.Println(z, z.IsZero(), z == time.Time{}, z.Year(), z.UnixMicro())
	fmt.Println(z.Truncate(time.Hour).IsZero(), z.Round(24*time.Hour).IsZero())
	t := time.Unix(1, 0).UTC()
	fmt.Println(t, t.IsZero(), t.Unix(), t.UnixNano(), t.Weekday())
	u := time.Unix(-1, 500000000).UTC()
	fmt.Println(u, u.UnixMicro(), u.Nanosecond(), time.UnixMicro(-1500).Nanosecond())
	fmt.Println(time.UnixMilli(-1500).UTC(), time.UnixMilli(86400001).UTC())
	d := time.Date(2024, time.February, 30, 25, 61, 0, 5, time.UTC)
	fmt.Println(d, d.YearDay(), d.Truncate(time.Hour), d.Round(time.Minute))
	fmt.Println(time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC).AddDate(0, 0, -1))
	now := time.Now()
	fmt.Println(now.IsZero(), now.After(z), time.Since(now) >= 0)
}
