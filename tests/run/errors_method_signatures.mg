// errors.Is, As and Unwrap call an error's Unwrap and As methods only when their
// signatures are Go's. The native once called any method named Unwrap and read its
// result as an error or a slice, so `Unwrap() int` crashed the host.
package main

import (
	"errors"
	"fmt"
)

var errBase = errors.New("base")

// odd has methods named like the protocol's, with other signatures.
type odd struct{}

func (odd) Error() string    { return "odd" }
func (odd) Unwrap() int      { return 12345 }
func (odd) As(n int) bool    { return true }
func (odd) Is(s string) bool { return true }

type wrap struct{ err error }

func (w wrap) Error() string { return "wrap: " + w.err.Error() }
func (w wrap) Unwrap() error { return w.err }

type multi struct{ errs []error }

func (m multi) Error() string   { return "multi" }
func (m multi) Unwrap() []error { return m.errs }

func main() {
	var o error = odd{}
	var target *wrap
	fmt.Println(errors.Is(o, errBase), errors.Unwrap(o) == nil, errors.As(o, &target))
	w := wrap{multi{[]error{o, fmt.Errorf("ctx: %w", errBase)}}}
	var got odd
	fmt.Println(errors.Is(w, errBase), errors.As(w, &got), errors.Unwrap(w))
	var asWrap wrap
	fmt.Println(errors.As(fmt.Errorf("outer: %w", w), &asWrap), asWrap.err)
}
