// Package runtime contains operations that interact with minigo's runtime
// system, such as functions to control goroutines.
//
// It also declares the types of the values the VM panics with, so that a
// recovered run-time error satisfies runtime.Error and prints like Go's
// (%T of a recovered index error is runtime.boundsError, and so on).
package runtime

// The Error interface identifies a run time error.
type Error interface {
	error

	// RuntimeError is a no-op function but serves to distinguish types that are
	// run time errors from ordinary errors: a type is a run time error if it has
	// a RuntimeError method.
	RuntimeError()
}

// A TypeAssertionError explains a failed type assertion.
type TypeAssertionError struct {
	msg string // The whole text after "interface conversion: ".
}

// RuntimeError marks TypeAssertionError as a run time error.
func (*TypeAssertionError) RuntimeError() {}

// Error returns the explanation, e.g. "interface conversion: interface {} is
// string, not int".
func (e *TypeAssertionError) Error() string {
	return "interface conversion: " + e.msg
}

// errorString is the error the VM panics with for most run-time errors, e.g.
// "integer divide by zero" or "invalid memory address or nil pointer dereference".
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

// plainError is a run-time error whose text has no "runtime error: " prefix,
// e.g. "assignment to entry in nil map" or "close of closed channel".
type plainError string

func (e plainError) RuntimeError() {}

func (e plainError) Error() string {
	return string(e)
}

// boundsError is the error for an out-of-range index or slice expression; the
// VM formats the message, e.g. "index out of range [5] with length 3".
type boundsError struct {
	msg string
}

func (e boundsError) RuntimeError() {}

func (e boundsError) Error() string {
	return "runtime error: " + e.msg
}

// GOMAXPROCS sets the maximum number of worker threads that can be executing
// simultaneously and returns the previous setting. If n < 1, it does not change
// the current setting.
func GOMAXPROCS(n int) int

// NumCPU returns the number of logical CPUs usable by the current process.
func NumCPU() int

// NumGoroutine returns the number of goroutines that currently exist.
func NumGoroutine() int

// Gosched yields the processor, allowing other goroutines to run. It does not
// suspend the current goroutine, so execution resumes automatically.
func Gosched()

// Goexit terminates the goroutine that calls it. No other goroutine is affected.
// Goexit runs all deferred calls before terminating the goroutine. Calling
// Goexit from the main goroutine terminates that goroutine without func main
// returning; the program crashes if all other goroutines exit.
func Goexit()

// GC runs a garbage collection and blocks the caller until the garbage
// collection is complete.
func GC()

// Version returns the Go tree's version string, e.g. "go1.24.0"; minigo reports
// the Go release whose semantics it follows.
func Version() string

// KeepAlive marks its argument as currently reachable.
func KeepAlive(x any) {}
