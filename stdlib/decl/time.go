// Package time provides functionality for measuring and displaying time.
//
// All of time reads one clock owned by the runtime (so a simulated clock can
// replace it), through the natives now, Sleep and the timer natives. There are
// no time zones: every Time is in UTC, and Local is UTC.
//
// Layout contract with the runtime: a Time is three int64 fields in the order
// sec, nsec, mono (see Time), so the runtime can build the values it sends on
// timer channels. A timer is a runtime handle (an int64) created by startTimer;
// the runtime keeps the timer's channel and implements Go 1.23 semantics: the
// channel is drained by stopTimer and resetTimer, so no stale value is received
// after Stop or Reset returns.
package time

import "errors"

// A Duration represents the elapsed time between two instants as an int64
// nanosecond count. The representation limits the largest representable
// duration to approximately 290 years.
type Duration int64

// Common durations. There is no definition for units of Day or larger to avoid
// confusion across daylight savings time zone transitions.
const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

const (
	minDuration Duration = -1 << 63
	maxDuration Duration = 1<<63 - 1
)

// String returns a string representing the duration in the form "72h3m0.5s".
// Leading zero units are omitted. As a special case, durations less than one
// second format use a smaller unit (milli-, micro-, or nanoseconds) to ensure
// that the leading digit is non-zero. The zero duration formats as 0s.
func (d Duration) String() string {
	return durationString(int64(d))
}

// durationString formats d exactly as Go's Duration.String does.
func durationString(d int64) string

// Nanoseconds returns the duration as an integer nanosecond count.
func (d Duration) Nanoseconds() int64 { return int64(d) }

// Microseconds returns the duration as an integer microsecond count.
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }

// Milliseconds returns the duration as an integer millisecond count.
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

// Seconds returns the duration as a floating point number of seconds.
func (d Duration) Seconds() float64 {
	// Whole and fractional parts are converted separately so that large
	// durations keep their nanosecond precision.
	sec := d / Second
	nsec := d % Second
	return float64(sec) + float64(nsec)/1e9
}

// Minutes returns the duration as a floating point number of minutes.
func (d Duration) Minutes() float64 {
	min := d / Minute
	nsec := d % Minute
	return float64(min) + float64(nsec)/(60*1e9)
}

// Hours returns the duration as a floating point number of hours.
func (d Duration) Hours() float64 {
	hour := d / Hour
	nsec := d % Hour
	return float64(hour) + float64(nsec)/(60*60*1e9)
}

// Truncate returns the result of rounding d toward zero to a multiple of m.
// If m <= 0, Truncate returns d unchanged.
func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Round returns the result of rounding d to the nearest multiple of m. The
// rounding behavior for halfway values is to round away from zero. If the result
// exceeds the maximum (or minimum) value that can be stored in a Duration, Round
// returns the maximum (or minimum) duration. If m <= 0, Round returns d unchanged.
func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d < 0 {
		r = -r
		if halfOrMore(r, m) {
			if d1 := d - m + r; d1 < d {
				return d1
			}
			return minDuration
		}
		return d + r
	}
	if halfOrMore(r, m) {
		if d1 := d + m - r; d1 > d {
			return d1
		}
		return maxDuration
	}
	return d - r
}

// halfOrMore reports whether the remainder r is at least half of m; the sum is
// taken in uint64 so that it cannot overflow.
func halfOrMore(r, m Duration) bool {
	return uint64(r)+uint64(r) >= uint64(m)
}

// Abs returns the absolute value of d. As a special case, math.MinInt64 is
// converted to math.MaxInt64.
func (d Duration) Abs() Duration {
	switch {
	case d >= 0:
		return d
	case d == minDuration:
		return maxDuration
	}
	return -d
}

// ParseDuration parses a duration string. A duration string is a possibly
// signed sequence of decimal numbers, each with optional fraction and a unit
// suffix, such as "300ms", "-1.5h" or "2h45m". Valid time units are "ns", "us"
// (or "µs"), "ms", "s", "m", "h".
func ParseDuration(s string) (Duration, error) {
	d, msg := parseDuration(s)
	if msg != "" {
		return 0, errors.New(msg)
	}
	return Duration(d), nil
}

// parseDuration parses as Go does; msg is Go's error text (e.g. `time: invalid
// duration "x"`), or "" on success.
func parseDuration(s string) (d int64, msg string)

// A Time represents an instant in time with nanosecond precision, in UTC.
//
// A Time read from Now also carries a monotonic clock reading, used by Sub,
// Since, Until, Before, After and Equal when both operands have one; Add keeps
// it. The zero value is January 1, year 1, 00:00:00.000000000 UTC.
type Time struct {
	sec  int64 // Seconds since January 1, year 1 00:00:00 UTC.
	nsec int64 // Nanoseconds within the second, in [0, 999999999].
	mono int64 // Monotonic clock reading in nanoseconds, or 0 if absent.
}

// unixToInternal is the number of seconds from January 1, year 1 to the Unix
// epoch, January 1, 1970: 719162 days.
const unixToInternal int64 = 719162 * 86400

// now returns the wall clock as Unix seconds and nanoseconds, and the monotonic
// clock in nanoseconds since the VM started plus one (so it is never 0).
func now() (sec int64, nsec int64, mono int64)

// Now returns the current local time.
func Now() Time {
	sec, nsec, mono := now()
	return Time{sec: sec + unixToInternal, nsec: nsec, mono: mono}
}

// Unix returns the local Time corresponding to the given Unix time, sec seconds
// and nsec nanoseconds since January 1, 1970 UTC. It is valid to pass nsec
// outside the range [0, 999999999].
func Unix(sec int64, nsec int64) Time {
	if nsec < 0 || nsec >= 1e9 {
		n := nsec / 1e9
		sec += n
		nsec -= n * 1e9
		if nsec < 0 {
			nsec += 1e9
			sec--
		}
	}
	return Time{sec: sec + unixToInternal, nsec: nsec}
}

// UnixMilli returns the local Time corresponding to the given Unix time, msec
// milliseconds since January 1, 1970 UTC.
func UnixMilli(msec int64) Time {
	return Unix(msec/1e3, (msec%1e3)*1e6)
}

// Since returns the time elapsed since t. It is shorthand for time.Now().Sub(t).
func Since(t Time) Duration {
	return Now().Sub(t)
}

// Until returns the duration until t. It is shorthand for t.Sub(time.Now()).
func Until(t Time) Duration {
	return t.Sub(Now())
}

// IsZero reports whether t represents the zero time instant, January 1, year 1,
// 00:00:00 UTC.
func (t Time) IsZero() bool {
	return t.sec == 0 && t.nsec == 0
}

// Unix returns t as a Unix time, the number of seconds elapsed since January 1,
// 1970 UTC.
func (t Time) Unix() int64 {
	return t.sec - unixToInternal
}

// UnixMilli returns t as a Unix time, the number of milliseconds elapsed since
// January 1, 1970 UTC.
func (t Time) UnixMilli() int64 {
	return t.Unix()*1e3 + t.nsec/1e6
}

// UnixNano returns t as a Unix time, the number of nanoseconds elapsed since
// January 1, 1970 UTC.
func (t Time) UnixNano() int64 {
	return t.Unix()*1e9 + t.nsec
}

// Nanosecond returns the nanosecond offset within the second specified by t,
// in the range [0, 999999999].
func (t Time) Nanosecond() int {
	return int(t.nsec)
}

// Add returns the time t+d.
func (t Time) Add(d Duration) Time {
	dsec := int64(d / 1e9)
	nsec := t.nsec + int64(d%1e9)
	if nsec >= 1e9 {
		dsec++
		nsec -= 1e9
	} else if nsec < 0 {
		dsec--
		nsec += 1e9
	}
	t.sec += dsec
	t.nsec = nsec
	if t.mono != 0 {
		t.mono += int64(d)
	}
	return t
}

// Sub returns the duration t-u. If the result exceeds the maximum (or minimum)
// value that can be stored in a Duration, the maximum (or minimum) duration
// will be returned. To compute t-d for a duration d, use t.Add(-d).
func (t Time) Sub(u Time) Duration {
	if t.mono != 0 && u.mono != 0 {
		return subMono(t.mono, u.mono)
	}
	d := Duration(t.sec-u.sec)*Second + Duration(t.nsec-u.nsec)
	switch {
	case u.Add(d).Equal(t):
		return d // The subtraction did not overflow.
	case t.Before(u):
		return minDuration
	}
	return maxDuration
}

// subMono returns t-u, saturating instead of overflowing.
func subMono(t, u int64) Duration {
	d := Duration(t - u)
	if d < 0 && t > u {
		return maxDuration
	}
	if d > 0 && t < u {
		return minDuration
	}
	return d
}

// After reports whether the time instant t is after u.
func (t Time) After(u Time) bool {
	return t.Compare(u) > 0
}

// Before reports whether the time instant t is before u.
func (t Time) Before(u Time) bool {
	return t.Compare(u) < 0
}

// Equal reports whether t and u represent the same time instant.
func (t Time) Equal(u Time) bool {
	return t.Compare(u) == 0
}

// Compare compares the time instant t with u. If t is before u, it returns -1;
// if t is after u, it returns +1; if they're the same, it returns 0.
func (t Time) Compare(u Time) int {
	var tc, uc int64
	if t.mono != 0 && u.mono != 0 {
		tc, uc = t.mono, u.mono
	} else if t.sec != u.sec {
		tc, uc = t.sec, u.sec
	} else {
		tc, uc = t.nsec, u.nsec
	}
	switch {
	case tc < uc:
		return -1
	case tc > uc:
		return +1
	}
	return 0
}

// Round returns the result of rounding t to the nearest multiple of d (since
// the zero time), halfway values rounding up. The result has no monotonic clock
// reading: t.Round(0) is the canonical way to strip it.
func (t Time) Round(d Duration) Time {
	t.mono = 0
	if d <= 0 || t.sec < 0 {
		return t
	}
	r := t.rem(d)
	if halfOrMore(r, d) {
		return t.Add(d - r)
	}
	return t.Add(-r)
}

// Truncate returns the result of rounding t down to a multiple of d (since the
// zero time), stripped of any monotonic clock reading.
func (t Time) Truncate(d Duration) Time {
	t.mono = 0
	if d <= 0 || t.sec < 0 {
		return t
	}
	return t.Add(-t.rem(d))
}

// rem returns (t - zero time) mod d for d > 0 and t not before the zero time.
// The elapsed nanoseconds do not fit in 64 bits, so it works modulo d:
// (sec*1e9 + nsec) mod d = ((sec mod d)*(1e9 mod d) + nsec) mod d.
func (t Time) rem(d Duration) Duration {
	m := uint64(d)
	r := mulMod(uint64(t.sec)%m, 1e9%m, m)
	return Duration(addMod(r, uint64(t.nsec)%m, m))
}

// mulMod returns a*b mod m for a, b < m by doubling, so nothing overflows.
func mulMod(a, b, m uint64) uint64 {
	var res uint64
	for b > 0 {
		if b&1 == 1 {
			res = addMod(res, a, m)
		}
		a = addMod(a, a, m)
		b >>= 1
	}
	return res
}

// addMod returns a+b mod m for a, b < m without overflowing.
func addMod(a, b, m uint64) uint64 {
	if a >= m-b {
		return a - (m - b)
	}
	return a + b
}

// String returns the time formatted using the format string
// "2006-01-02 15:04:05.999999999 -0700 MST", followed by " m=±ddd.nnnnnnnnn"
// when t has a monotonic clock reading.
func (t Time) String() string {
	return timeString(t.sec-unixToInternal, t.nsec, t.mono)
}

// timeString formats a Unix time and monotonic reading as Go's Time.String does
// for the UTC location (the m= suffix shows mono in seconds since VM start).
func timeString(unixSec int64, nsec int64, mono int64) string

// Format returns a textual representation of the time value formatted according
// to the layout defined by the argument. See the layout constants such as
// RFC3339 for the reference time "Mon Jan 2 15:04:05 MST 2006".
func (t Time) Format(layout string) string {
	return formatTime(t.sec-unixToInternal, t.nsec, layout)
}

// formatTime formats a Unix time in UTC according to a Go layout string.
func formatTime(unixSec int64, nsec int64, layout string) string

// Layouts for Format, in the reference time "Mon Jan 2 15:04:05 MST 2006".
const (
	Layout      = "01/02 03:04:05PM '06 -0700" // The reference time, in numerical order.
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	UnixDate    = "Mon Jan _2 15:04:05 MST 2006"
	RFC822      = "02 Jan 06 15:04 MST"
	RFC1123     = "Mon, 02 Jan 2006 15:04:05 MST"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	Stamp       = "Jan _2 15:04:05"
	StampMilli  = "Jan _2 15:04:05.000"
	DateTime    = "2006-01-02 15:04:05"
	DateOnly    = "2006-01-02"
	TimeOnly    = "15:04:05"
)

// A Month specifies a month of the year (January = 1, ...).
type Month int

// The months of the year.
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

var monthNames = []string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// String returns the English name of the month ("January", "February", ...).
func (m Month) String() string {
	if January <= m && m <= December {
		return monthNames[m-1]
	}
	return "%!Month(" + utoa(uint64(m)) + ")"
}

// A Weekday specifies a day of the week (Sunday = 0, ...).
type Weekday int

// The days of the week.
const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var dayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// String returns the English name of the day ("Sunday", "Monday", ...).
func (d Weekday) String() string {
	if Sunday <= d && d <= Saturday {
		return dayNames[d]
	}
	return "%!Weekday(" + utoa(uint64(d)) + ")"
}

// utoa formats a decimal integer without importing strconv. Out-of-range
// Month and Weekday values print as uint64, as Go's do.
func utoa(v uint64) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			return string(buf[i:])
		}
	}
}

// A Location maps time instants to the zone in use at that time. minigo has no
// zone database: every Location behaves as UTC, and only the name differs.
type Location struct {
	name string
}

// UTC represents Universal Coordinated Time (UTC).
var UTC *Location = &Location{name: "UTC"}

// Local represents the system's local time zone; in minigo it is UTC.
var Local *Location = &Location{name: "Local"}

// String returns a descriptive name for the time zone information.
func (l *Location) String() string {
	return l.name
}

// Date returns the Time corresponding to yyyy-mm-dd hh:mm:ss + nsec nanoseconds
// in the appropriate zone for that time in the given location. The month, day,
// hour, min, sec, and nsec values may be outside their usual ranges and will be
// normalized during the conversion; for example, October 32 converts to
// November 1. Date panics if loc is nil.
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Date")
	}
	// Normalize the month into 1..12 first: the day count below needs it.
	m := int64(month) - 1
	y := int64(year) + floorDiv(m, 12)
	m = m - floorDiv(m, 12)*12 + 1
	days := daysFromCivil(y, m, 1) + int64(day) - 1
	unix := days*86400 + int64(hour)*3600 + int64(min)*60 + int64(sec)
	return Unix(unix, int64(nsec))
}

// floorDiv is a / b rounded toward negative infinity, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// daysFromCivil returns the number of days from 1970-01-01 to the given date of
// the proleptic Gregorian calendar, counting in 400-year eras of 146097 days
// with years starting in March so that the leap day ends the year (the
// algorithm of Howard Hinnant's "chrono-compatible low-level date algorithms").
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(days int64) (y, m, d int64) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = (mp+2)%12 + 1
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// unixDays returns the days since 1970-01-01 and the seconds into that day.
func (t Time) unixDays() (days, secOfDay int64) {
	unix := t.sec - unixToInternal
	days = floorDiv(unix, 86400)
	return days, unix - days*86400
}

// Date returns the year, month, and day in which t occurs.
func (t Time) Date() (year int, month Month, day int) {
	days, _ := t.unixDays()
	y, m, d := civilFromDays(days)
	return int(y), Month(m), int(d)
}

// Year returns the year in which t occurs.
func (t Time) Year() int {
	year, _, _ := t.Date()
	return year
}

// Month returns the month of the year specified by t.
func (t Time) Month() Month {
	_, month, _ := t.Date()
	return month
}

// Day returns the day of the month specified by t.
func (t Time) Day() int {
	_, _, day := t.Date()
	return day
}

// Weekday returns the day of the week specified by t.
func (t Time) Weekday() Weekday {
	days, _ := t.unixDays()
	return Weekday((days%7 + 11) % 7) // 1970-01-01 was a Thursday.
}

// YearDay returns the day of the year specified by t, in the range [1,365] for
// non-leap years, and [1,366] in leap years.
func (t Time) YearDay() int {
	days, _ := t.unixDays()
	y, _, _ := civilFromDays(days)
	return int(days-daysFromCivil(y, 1, 1)) + 1
}

// Clock returns the hour, minute, and second within the day specified by t.
func (t Time) Clock() (hour, min, sec int) {
	_, s := t.unixDays()
	return int(s / 3600), int(s % 3600 / 60), int(s % 60)
}

// Hour returns the hour within the day specified by t, in the range [0, 23].
func (t Time) Hour() int {
	hour, _, _ := t.Clock()
	return hour
}

// Minute returns the minute offset within the hour specified by t, in the
// range [0, 59].
func (t Time) Minute() int {
	_, min, _ := t.Clock()
	return min
}

// Second returns the second offset within the minute specified by t, in the
// range [0, 59].
func (t Time) Second() int {
	_, _, sec := t.Clock()
	return sec
}

// Location returns the time zone information associated with t: always UTC.
func (t Time) Location() *Location {
	return UTC
}

// UTC returns t with the location set to UTC.
func (t Time) UTC() Time {
	return t
}

// Local returns t with the location set to local time (UTC in minigo).
func (t Time) Local() Time {
	return t
}

// In returns a copy of t representing the same time instant, but with the
// copy's location information set to loc. In panics if loc is nil.
func (t Time) In(loc *Location) Time {
	if loc == nil {
		panic("time: missing Location in call to Time.In")
	}
	return t
}

// Sleep pauses the current goroutine for at least the duration d. A negative or
// zero duration causes Sleep to return immediately.
func Sleep(d Duration)

// startTimer registers a timer that fires after delay nanoseconds and then every
// period nanoseconds if period > 0. On firing it sends the current Time on c
// without blocking (when c is not nil) and starts f in a new goroutine (when f
// is not nil). It returns the timer's handle.
func startTimer(c chan Time, f func(), delay int64, period int64) int64

// stopTimer prevents the timer from firing and drains its channel; it reports
// whether the call stopped an active timer.
func stopTimer(id int64) bool

// resetTimer re-arms the timer with a new delay and period and drains its
// channel; it reports whether the timer had been active.
func resetTimer(id int64, delay int64, period int64) bool

// The Timer type represents a single event. When the Timer expires, the current
// time will be sent on C, unless the Timer was created by AfterFunc.
type Timer struct {
	C  <-chan Time
	id int64
}

// NewTimer creates a new Timer that will send the current time on its channel
// after at least duration d.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	return &Timer{C: c, id: startTimer(c, nil, int64(d), 0)}
}

// AfterFunc waits for the duration to elapse and then calls f in its own
// goroutine. It returns a Timer that can be used to cancel the call using its
// Stop method. The returned Timer's C field is not used and will be nil.
func AfterFunc(d Duration, f func()) *Timer {
	return &Timer{id: startTimer(nil, f, int64(d), 0)}
}

// After waits for the duration to elapse and then sends the current time on the
// returned channel. It is equivalent to NewTimer(d).C.
func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

// Stop prevents the Timer from firing. It returns true if the call stops the
// timer, false if the timer has already expired or been stopped. For a channel
// timer, no stale value is received from t.C after Stop returns.
func (t *Timer) Stop() bool {
	return stopTimer(t.id)
}

// Reset changes the timer to expire after duration d. It returns true if the
// timer had been active, false if the timer had expired or been stopped. For a
// channel timer, no stale value is received from t.C after Reset returns.
func (t *Timer) Reset(d Duration) bool {
	return resetTimer(t.id, int64(d), 0)
}

// A Ticker holds a channel that delivers “ticks” of a clock at intervals.
type Ticker struct {
	C  <-chan Time // The channel on which the ticks are delivered.
	id int64
}

// NewTicker returns a new Ticker containing a channel that will send the current
// time on the channel after each tick. The period of the ticks is specified by
// the duration argument. The ticker will adjust the time interval or drop ticks
// to make up for slow receivers. The duration d must be greater than zero; if
// not, NewTicker will panic.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic(errors.New("non-positive interval for NewTicker"))
	}
	c := make(chan Time, 1)
	return &Ticker{C: c, id: startTimer(c, nil, int64(d), int64(d))}
}

// Tick is a convenience wrapper for NewTicker providing access to the ticking
// channel only. Unlike NewTicker, Tick will return nil if d <= 0.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}

// Stop turns off a ticker. After Stop, no more ticks will be sent. Stop does not
// close the channel, to prevent a concurrent goroutine reading from the channel
// from seeing an erroneous "tick".
func (t *Ticker) Stop() {
	stopTimer(t.id)
}

// Reset stops a ticker and resets its period to the specified duration. The next
// tick will arrive after the new period elapses. The duration d must be greater
// than zero; if not, Reset will panic.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	resetTimer(t.id, int64(d), int64(d))
}
