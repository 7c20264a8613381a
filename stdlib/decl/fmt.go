// Package fmt implements formatted I/O with functions analogous to C's printf
// and scanf.
//
// The formatting engine is native: Sprint, Sprintln, Sprintf and the Print
// family writing straight to standard output (the hot path of most programs).
// The Fprint family, Errorf and Append are mini-Go on top of it, so that any
// user type implementing io.Writer works without the native code calling back
// into script for the write.
package fmt

import (
	"errors"
	"io"
)

// Stringer is implemented by any value that has a String method, which defines
// the "native" format for that value. The String method is used to print values
// passed as an operand to any format that accepts a string or to an unformatted
// printer such as Print.
type Stringer interface {
	String() string
}

// Print formats using the default formats for its operands and writes to
// standard output. Spaces are added between operands when neither is a string.
// It returns the number of bytes written and any write error encountered.
func Print(a ...any) (n int, err error)

// Println formats using the default formats for its operands and writes to
// standard output. Spaces are always added between operands and a newline is
// appended. It returns the number of bytes written and any write error encountered.
func Println(a ...any) (n int, err error)

// Printf formats according to a format specifier and writes to standard output.
// It returns the number of bytes written and any write error encountered.
func Printf(format string, a ...any) (n int, err error)

// Sprint formats using the default formats for its operands and returns the
// resulting string. Spaces are added between operands when neither is a string.
func Sprint(a ...any) string

// Sprintln formats using the default formats for its operands and returns the
// resulting string. Spaces are always added between operands and a newline is
// appended.
func Sprintln(a ...any) string

// Sprintf formats according to a format specifier and returns the resulting string.
func Sprintf(format string, a ...any) string

// Fprint formats using the default formats for its operands and writes to w.
// Spaces are added between operands when neither is a string.
// It returns the number of bytes written and any write error encountered.
func Fprint(w io.Writer, a ...any) (n int, err error) {
	return w.Write([]byte(Sprint(a...)))
}

// Fprintln formats using the default formats for its operands and writes to w.
// Spaces are always added between operands and a newline is appended.
// It returns the number of bytes written and any write error encountered.
func Fprintln(w io.Writer, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintln(a...)))
}

// Fprintf formats according to a format specifier and writes to w.
// It returns the number of bytes written and any write error encountered.
func Fprintf(w io.Writer, format string, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintf(format, a...)))
}

// Append formats using the default formats for its operands, appends the result
// to the byte slice, and returns the updated slice.
func Append(b []byte, a ...any) []byte {
	return append(b, Sprint(a...)...)
}

// Appendln formats using the default formats for its operands, appends the
// result to the byte slice, and returns the updated slice. Spaces are always
// added between operands and a newline is appended.
func Appendln(b []byte, a ...any) []byte {
	return append(b, Sprintln(a...)...)
}

// Appendf formats according to a format specifier, appends the result to the
// byte slice, and returns the updated slice.
func Appendf(b []byte, format string, a ...any) []byte {
	return append(b, Sprintf(format, a...)...)
}

// Errorf formats according to a format specifier and returns the string as a
// value that satisfies error.
//
// If the format specifier includes a %w verb with an error operand, the returned
// error will implement an Unwrap method returning the operand. If there is more
// than one %w verb, the returned error will implement an Unwrap method returning
// a []error containing all the %w operands in the order they appear in the
// arguments. It is invalid to supply the %w verb with an operand that does not
// implement the error interface. The %w verb is otherwise a synonym for %v.
func Errorf(format string, a ...any) error {
	msg, wrapped := sprintfWrapping(format, a)
	switch len(wrapped) {
	case 0:
		return errors.New(msg)
	case 1:
		w := &wrapError{msg: msg}
		w.err, _ = a[wrapped[0]].(error)
		return w
	}
	var errs []error
	for _, argNum := range wrapped {
		if e, ok := a[argNum].(error); ok {
			errs = append(errs, e)
		}
	}
	return &wrapErrors{msg, errs}
}

// sprintfWrapping is Sprintf with %w accepted as %v for error operands (Sprintf
// itself prints %!w(...)); it also returns the argument indices that %w verbs
// consumed, sorted ascending and without duplicates, so Errorf can build its
// error value in mini-Go.
func sprintfWrapping(format string, a []any) (msg string, wrapped []int)

// wrapError is what Errorf returns for exactly one %w verb.
type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string {
	return e.msg
}

func (e *wrapError) Unwrap() error {
	return e.err
}

// wrapErrors is what Errorf returns for two or more %w verbs.
type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string {
	return e.msg
}

func (e *wrapErrors) Unwrap() []error {
	return e.errs
}
