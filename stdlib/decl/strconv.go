// Package strconv implements conversions to and from string representations of
// basic data types.
//
// The digit loops are native and traffic in basic values only: a parse native
// returns its value and a status code, and the mini-Go wrapper turns the code
// into the *NumError Go returns, so natives never build values of declared types.
package strconv

import "errors"

// IntSize is the size in bits of an int or uint value.
const IntSize = 64

// ErrRange indicates that a value is out of range for the target type.
var ErrRange = errors.New("value out of range")

// ErrSyntax indicates that a value does not have the right syntax for the
// target type.
var ErrSyntax = errors.New("invalid syntax")

// A NumError records a failed conversion.
type NumError struct {
	Func string // the failing function (ParseBool, ParseInt, ParseUint, ParseFloat, ParseComplex)
	Num  string // the input
	Err  error  // the reason the conversion failed (e.g. ErrRange, ErrSyntax, etc.)
}

// Error returns "strconv." + e.Func + ": parsing " + Quote(e.Num) + ": " + e.Err.Error().
func (e *NumError) Error() string {
	return "strconv." + e.Func + ": " + "parsing " + Quote(e.Num) + ": " + e.Err.Error()
}

// Unwrap returns the underlying reason, so errors.Is(err, strconv.ErrRange) works.
func (e *NumError) Unwrap() error {
	return e.Err
}

// Status codes returned by the parse natives.
const (
	parseOK         = 0
	parseSyntax     = 1 // ErrSyntax
	parseRange      = 2 // ErrRange; the value is clamped as Go clamps it
	parseBadBase    = 3 // base outside 0, 2..36
	parseBadBitSize = 4 // bitSize outside 0..64
)

// numError turns a native status code into the error Go reports for it.
func numError(fn, s string, code int, base, bitSize int) error {
	switch code {
	case parseOK:
		return nil
	case parseSyntax:
		return &NumError{fn, s, ErrSyntax}
	case parseRange:
		return &NumError{fn, s, ErrRange}
	case parseBadBase:
		return &NumError{fn, s, errors.New("invalid base " + Itoa(base))}
	}
	return &NumError{fn, s, errors.New("invalid bit size " + Itoa(bitSize))}
}

// parseInt and parseUint implement ParseInt and ParseUint (base prefixes,
// underscores with base 0, clamping on overflow) and return a status code.
func parseInt(s string, base int, bitSize int) (int64, int)
func parseUint(s string, base int, bitSize int) (uint64, int)

// parseFloat implements ParseFloat (decimal and hex forms, "inf", "nan",
// underscores) with correct rounding, and returns a status code.
func parseFloat(s string, bitSize int) (float64, int)

// ParseBool returns the boolean value represented by the string.
// It accepts 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.
// Any other value returns an error.
func ParseBool(str string) (bool, error) {
	switch str {
	case "1", "t", "T", "true", "TRUE", "True":
		return true, nil
	case "0", "f", "F", "false", "FALSE", "False":
		return false, nil
	}
	return false, &NumError{"ParseBool", str, ErrSyntax}
}

// FormatBool returns "true" or "false" according to the value of b.
func FormatBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// ParseInt interprets a string s in the given base (0, 2 to 36) and bit size
// (0 to 64) and returns the corresponding value i. If the base argument is 0,
// the true base is implied by the string's prefix following the sign (if
// present): 2 for "0b", 8 for "0" or "0o", 16 for "0x", and 10 otherwise.
// The errors that ParseInt returns have concrete type *NumError and include
// err.Num = s. On a range error the value is the maximum magnitude integer of
// the appropriate bitSize and sign.
func ParseInt(s string, base int, bitSize int) (i int64, err error) {
	v, code := parseInt(s, base, bitSize)
	return v, numError("ParseInt", s, code, base, bitSize)
}

// ParseUint is like ParseInt but for unsigned numbers. A sign prefix is not
// permitted.
func ParseUint(s string, base int, bitSize int) (uint64, error) {
	v, code := parseUint(s, base, bitSize)
	return v, numError("ParseUint", s, code, base, bitSize)
}

// ParseFloat converts the string s to a floating-point number with the precision
// specified by bitSize: 32 for float32, or 64 for float64. When bitSize=32, the
// result still has type float64, but it will be convertible to float32 without
// changing its value. The errors that ParseFloat returns have concrete type
// *NumError and include err.Num = s.
func ParseFloat(s string, bitSize int) (float64, error) {
	v, code := parseFloat(s, bitSize)
	return v, numError("ParseFloat", s, code, 10, bitSize)
}

// Atoi is equivalent to ParseInt(s, 10, 0), converted to type int.
func Atoi(s string) (int, error) {
	v, code := parseInt(s, 10, 0)
	return int(v), numError("Atoi", s, code, 10, 0)
}

// Itoa is equivalent to FormatInt(int64(i), 10).
func Itoa(i int) string {
	return FormatInt(int64(i), 10)
}

// FormatInt returns the string representation of i in the given base, for
// 2 <= base <= 36. The result uses the lower-case letters 'a' to 'z' for digit
// values >= 10.
func FormatInt(i int64, base int) string

// FormatUint returns the string representation of i in the given base, for
// 2 <= base <= 36. The result uses the lower-case letters 'a' to 'z' for digit
// values >= 10.
func FormatUint(i uint64, base int) string

// FormatFloat converts the floating-point number f to a string, according to
// the format fmt ('b', 'e', 'E', 'f', 'g', 'G', 'x', 'X') and precision prec
// (-1 for the smallest number of digits necessary to represent the value
// uniquely). It rounds the result assuming that the original was obtained from
// a floating-point value of bitSize bits (32 for float32, 64 for float64).
func FormatFloat(f float64, fmt byte, prec, bitSize int) string

// AppendInt appends the string form of the integer i, as generated by
// FormatInt, to dst and returns the extended buffer.
func AppendInt(dst []byte, i int64, base int) []byte {
	return append(dst, FormatInt(i, base)...)
}

// AppendQuote appends a double-quoted Go string literal representing s, as
// generated by Quote, to dst and returns the extended buffer.
func AppendQuote(dst []byte, s string) []byte {
	return append(dst, Quote(s)...)
}

// Quote returns a double-quoted Go string literal representing s. The returned
// string uses Go escape sequences (\t, \n, \xFF, \u0100) for control characters
// and non-printable characters as defined by IsPrint.
func Quote(s string) string

// QuoteToASCII returns a double-quoted Go string literal representing s. The
// returned string uses Go escape sequences (\t, \n, \xFF, \u0100) for non-ASCII
// characters and non-printable characters as defined by IsPrint.
func QuoteToASCII(s string) string

// QuoteRune returns a single-quoted Go character literal representing the rune.
// The returned string uses Go escape sequences (\t, \n, \xFF, \u0100) for
// control characters and non-printable characters as defined by IsPrint. If r
// is not a valid Unicode code point, it is interpreted as the Unicode
// replacement character U+FFFD.
func QuoteRune(r rune) string

// QuoteRuneToASCII returns a single-quoted Go character literal representing the
// rune, escaping non-ASCII characters as QuoteToASCII does.
func QuoteRuneToASCII(r rune) string

// Unquote interprets s as a single-quoted, double-quoted, or backquoted Go
// string literal, returning the string value that s quotes. (If s is
// single-quoted, it would be a Go character literal; Unquote returns the
// corresponding one-character string.) Its error is always ErrSyntax.
func Unquote(s string) (string, error) {
	v, ok := unquote(s)
	if !ok {
		return "", ErrSyntax
	}
	return v, nil
}

// unquote decodes a Go string, rune or raw-string literal; ok is false on any
// syntax error.
func unquote(s string) (v string, ok bool)

// IsPrint reports whether the rune is defined as printable by Go, with the same
// definition as unicode.IsPrint: letters, numbers, punctuation, symbols and
// ASCII space.
func IsPrint(r rune) bool
