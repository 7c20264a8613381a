// Package context defines the Context type, which carries deadlines,
// cancellation signals, and other request-scoped values across API boundaries
// and between processes.
//
// Entirely mini-Go, over sync, time and channels. The design follows Go's:
// a cancelCtx owns a Done channel closed on cancellation and a set of children
// to cancel with it; a child registers with the nearest cancelCtx ancestor found
// through Value(cancelCtxKey), and only a foreign Context implementation costs
// a watcher goroutine. Lock order is parent before child.
package context

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// A Context carries a deadline, a cancellation signal, and other values across
// API boundaries. Context's methods may be called by multiple goroutines
// simultaneously.
type Context interface {
	// Deadline returns the time when work done on behalf of this context should
	// be canceled. Deadline returns ok==false when no deadline is set.
	Deadline() (deadline time.Time, ok bool)

	// Done returns a channel that's closed when work done on behalf of this
	// context should be canceled. Done may return nil if this context can never
	// be canceled.
	Done() <-chan struct{}

	// If Done is not yet closed, Err returns nil. If Done is closed, Err returns
	// a non-nil error explaining why: Canceled if the context was canceled or
	// DeadlineExceeded if the context's deadline passed.
	Err() error

	// Value returns the value associated with this context for key, or nil if
	// no value is associated with key.
	Value(key any) any
}

// Canceled is the error returned by Context.Err when the context is canceled
// for some reason other than its deadline passing.
var Canceled = errors.New("context canceled")

// DeadlineExceeded is the error returned by Context.Err when the context is
// canceled due to its deadline passing.
var DeadlineExceeded error = deadlineExceededError{}

type deadlineExceededError struct{}

func (deadlineExceededError) Error() string   { return "context deadline exceeded" }
func (deadlineExceededError) Timeout() bool   { return true }
func (deadlineExceededError) Temporary() bool { return true }

// emptyCtx is never canceled, has no values, and has no deadline.
type emptyCtx struct{}

func (emptyCtx) Deadline() (deadline time.Time, ok bool) { return }
func (emptyCtx) Done() <-chan struct{}                   { return nil }
func (emptyCtx) Err() error                              { return nil }
func (emptyCtx) Value(key any) any                       { return nil }

type backgroundCtx struct{ emptyCtx }

func (backgroundCtx) String() string { return "context.Background" }

type todoCtx struct{ emptyCtx }

func (todoCtx) String() string { return "context.TODO" }

// Background returns a non-nil, empty Context. It is never canceled, has no
// values, and has no deadline. It is typically used by the main function,
// initialization, and tests, and as the top-level Context for incoming requests.
func Background() Context {
	return backgroundCtx{}
}

// TODO returns a non-nil, empty Context. Code should use context.TODO when it's
// unclear which Context to use or it is not yet available.
func TODO() Context {
	return todoCtx{}
}

// A CancelFunc tells an operation to abandon its work. A CancelFunc does not
// wait for the work to stop. A CancelFunc may be called by multiple goroutines
// simultaneously. After the first call, subsequent calls to a CancelFunc do
// nothing.
type CancelFunc func()

// A CancelCauseFunc behaves like a CancelFunc but additionally sets the
// cancellation cause. This cause can be retrieved by calling Cause on the
// canceled Context or on any of its derived Contexts.
type CancelCauseFunc func(cause error)

// WithCancel returns a derived context that points to the parent context but
// has a new Done channel. The returned context's Done channel is closed when the
// returned cancel function is called or when the parent context's Done channel
// is closed, whichever happens first.
func WithCancel(parent Context) (ctx Context, cancel CancelFunc) {
	c := withCancel(parent)
	return c, func() { c.cancel(true, Canceled, nil) }
}

// WithCancelCause behaves like WithCancel but returns a CancelCauseFunc instead
// of a CancelFunc. Calling cancel with a non-nil error (the "cause") records
// that error in ctx; it can then be retrieved using Cause(ctx). Calling cancel
// with nil sets the cause to Canceled.
func WithCancelCause(parent Context) (ctx Context, cancel CancelCauseFunc) {
	c := withCancel(parent)
	return c, func(cause error) { c.cancel(true, Canceled, cause) }
}

func withCancel(parent Context) *cancelCtx {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	c := newCancelCtx(parent)
	c.propagateCancel(parent, c)
	return c
}

// Cause returns a non-nil error explaining why c was canceled. The first
// cancellation of c or one of its parents sets the cause. If that cancellation
// happened via a call to CancelCauseFunc(err), then Cause returns err.
// Otherwise Cause(c) returns the same value as c.Err(). Cause returns nil if c
// has not been canceled yet.
func Cause(c Context) error {
	if cc, ok := c.Value(cancelCtxKey).(*cancelCtx); ok {
		cc.mu.Lock()
		defer cc.mu.Unlock()
		return cc.cause
	}
	// No cancelCtx above c: either it cannot be canceled, or it is a foreign
	// implementation, whose Err is all there is to report.
	return c.Err()
}

// AfterFunc arranges to call f in its own goroutine after ctx is canceled. If
// ctx is already canceled, AfterFunc calls f immediately in its own goroutine.
// Calling the returned stop function stops the association of ctx with f. It
// returns true if the call stopped f from being run. If stop returns false,
// either the context is canceled and f has been started in its own goroutine;
// or f was already stopped.
func AfterFunc(ctx Context, f func()) (stop func() bool) {
	a := &afterFuncCtx{f: f}
	a.cancelCtx.done = make(chan struct{})
	a.propagateCancel(ctx, a)
	return func() bool {
		stopped := false
		a.once.Do(func() { stopped = true })
		if stopped {
			a.cancel(true, Canceled, nil)
		}
		return stopped
	}
}

// afterFuncCtx is a cancelCtx whose cancellation starts f, at most once.
type afterFuncCtx struct {
	cancelCtx
	once sync.Once // Either starts f or stops f from running.
	f    func()
}

func (a *afterFuncCtx) cancel(removeFromParent bool, err, cause error) {
	a.cancelCtx.cancel(false, err, cause)
	if removeFromParent {
		removeChild(a.Context, a)
	}
	a.once.Do(func() {
		go a.f()
	})
}

// WithoutCancel returns a derived context that points to the parent context and
// is not canceled when parent is canceled. The returned context returns no
// Deadline or Err, and its Done channel is nil. Calling Cause on the returned
// context returns nil.
func WithoutCancel(parent Context) Context {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	return withoutCancelCtx{parent}
}

type withoutCancelCtx struct {
	c Context
}

func (withoutCancelCtx) Deadline() (deadline time.Time, ok bool) { return }
func (withoutCancelCtx) Done() <-chan struct{}                   { return nil }
func (withoutCancelCtx) Err() error                              { return nil }

func (c withoutCancelCtx) Value(key any) any {
	if key == cancelCtxKey {
		return nil // Cancellation stops here, so Cause must not find a parent.
	}
	return c.c.Value(key)
}

func (c withoutCancelCtx) String() string {
	return contextName(c.c) + ".WithoutCancel"
}

// WithDeadline returns a derived context that points to the parent context but
// has the deadline adjusted to be no later than d. If the parent's deadline is
// already earlier than d, WithDeadline(parent, d) is semantically equivalent to
// parent. The returned context's Done channel is closed when the deadline
// expires, when the returned cancel function is called, or when the parent
// context's Done channel is closed, whichever happens first.
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) {
	return WithDeadlineCause(parent, d, nil)
}

// WithDeadlineCause behaves like WithDeadline but also sets the cause of the
// returned Context when the deadline is exceeded. The returned CancelFunc does
// not set the cause.
func WithDeadlineCause(parent Context, d time.Time, cause error) (Context, CancelFunc) {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if cur, ok := parent.Deadline(); ok && cur.Before(d) {
		// The parent's deadline is sooner and will cancel this context anyway.
		return WithCancel(parent)
	}
	c := &timerCtx{deadline: d}
	c.cancelCtx.Context = parent
	c.cancelCtx.done = make(chan struct{})
	c.propagateCancel(parent, c)
	dur := time.Until(d)
	if dur <= 0 {
		c.cancel(true, DeadlineExceeded, cause) // The deadline has already passed.
		return c, func() { c.cancel(false, Canceled, nil) }
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.timer = time.AfterFunc(dur, func() {
			c.cancel(true, DeadlineExceeded, cause)
		})
	}
	return c, func() { c.cancel(true, Canceled, nil) }
}

// WithTimeout returns WithDeadline(parent, time.Now().Add(timeout)).
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc) {
	return WithDeadline(parent, time.Now().Add(timeout))
}

// WithTimeoutCause behaves like WithTimeout but also sets the cause of the
// returned Context when the timeout expires. The returned CancelFunc does not
// set the cause.
func WithTimeoutCause(parent Context, timeout time.Duration, cause error) (Context, CancelFunc) {
	return WithDeadlineCause(parent, time.Now().Add(timeout), cause)
}

// A timerCtx is a cancelCtx with a deadline, enforced by a timer.
type timerCtx struct {
	cancelCtx
	timer    *time.Timer // Guarded by cancelCtx.mu.
	deadline time.Time
}

func (c *timerCtx) Deadline() (deadline time.Time, ok bool) {
	return c.deadline, true
}

func (c *timerCtx) String() string {
	return contextName(c.cancelCtx.Context) + ".WithDeadline(" +
		c.deadline.String() + " [" + time.Until(c.deadline).String() + "])"
}

func (c *timerCtx) cancel(removeFromParent bool, err, cause error) {
	c.cancelCtx.cancel(false, err, cause)
	if removeFromParent {
		removeChild(c.cancelCtx.Context, c)
	}
	c.mu.Lock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.mu.Unlock()
}

// WithValue returns a derived context that points to the parent Context. In the
// derived context, the value associated with key is val. The provided key must
// be comparable and should not be of type string or any other built-in type to
// avoid collisions between packages using context.
func WithValue(parent Context, key, val any) Context {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if key == nil {
		panic("nil key")
	}
	if !isComparable(key) {
		panic("key is not comparable")
	}
	return &valueCtx{parent, key, val}
}

// isComparable reports whether the dynamic type of v supports ==.
func isComparable(v any) bool // native: needs the dynamic type's descriptor

// A valueCtx carries a key-value pair and delegates everything else to its parent.
type valueCtx struct {
	Context
	key, val any
}

func (c *valueCtx) String() string {
	return contextName(c.Context) + ".WithValue(" + stringify(c.key) + ", " + stringify(c.val) + ")"
}

func (c *valueCtx) Value(key any) any {
	if c.key == key {
		return c.val
	}
	return c.Context.Value(key)
}

// stringify renders a key or value for String without formatting its contents,
// which could be large or racy: Stringers and strings as they are, anything
// else by its type name.
func stringify(v any) string {
	switch s := v.(type) {
	case fmt.Stringer:
		return s.String()
	case string:
		return s
	case nil:
		return "<nil>"
	}
	return fmt.Sprintf("%T", v)
}

// contextName names a parent in String: its own String, or its type name.
func contextName(c Context) string {
	if s, ok := c.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%T", c)
}

// cancelCtxKey is the key that a cancelCtx returns itself for. Go uses the
// address of a package variable; a value of an unexported type is as private
// (no other package can make one) and compares as cheaply.
type cancelCtxKeyType int

const cancelCtxKey cancelCtxKeyType = 0

// A canceler is a context type that can be canceled directly: *cancelCtx,
// *timerCtx and *afterFuncCtx.
type canceler interface {
	cancel(removeFromParent bool, err, cause error)
	Done() <-chan struct{}
}

// A cancelCtx can be canceled. When canceled, it also cancels any children that
// implement canceler.
type cancelCtx struct {
	Context // The parent.

	done chan struct{} // Closed by the first cancel call.

	mu       sync.Mutex
	children map[canceler]struct{} // Set to nil by the first cancel call.
	err      error                 // Set to non-nil by the first cancel call.
	cause    error                 // Set to non-nil by the first cancel call.
}

func newCancelCtx(parent Context) *cancelCtx {
	return &cancelCtx{Context: parent, done: make(chan struct{})}
}

func (c *cancelCtx) Value(key any) any {
	if key == cancelCtxKey {
		return c
	}
	return c.Context.Value(key)
}

func (c *cancelCtx) Done() <-chan struct{} {
	return c.done
}

func (c *cancelCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *cancelCtx) String() string {
	return contextName(c.Context) + ".WithCancel"
}

// propagateCancel arranges for child to be canceled when parent is.
func (c *cancelCtx) propagateCancel(parent Context, child canceler) {
	c.Context = parent
	done := parent.Done()
	if done == nil {
		return // The parent is never canceled.
	}
	select {
	case <-done:
		child.cancel(false, parent.Err(), Cause(parent))
		return
	default:
	}
	if p, ok := parentCancelCtx(parent); ok {
		p.mu.Lock()
		if p.err != nil {
			p.mu.Unlock()
			child.cancel(false, p.err, p.cause)
			return
		}
		if p.children == nil {
			p.children = make(map[canceler]struct{})
		}
		p.children[child] = struct{}{}
		p.mu.Unlock()
		return
	}
	// A foreign Context implementation: watch it from a goroutine.
	go func() {
		select {
		case <-done:
			child.cancel(false, parent.Err(), Cause(parent))
		case <-child.Done():
		}
	}()
}

// cancel closes c.done, cancels each of c's children, and, if removeFromParent
// is true, removes c from its parent's children. cause defaults to err.
func (c *cancelCtx) cancel(removeFromParent bool, err, cause error) {
	if cause == nil {
		cause = err
	}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return // Already canceled.
	}
	c.err = err
	c.cause = cause
	close(c.done)
	for child := range c.children {
		child.cancel(false, err, cause) // Parent's lock held: parent before child.
	}
	c.children = nil
	c.mu.Unlock()
	if removeFromParent {
		// Only a plain cancelCtx gets here: the types embedding it cancel it with
		// removeFromParent false and remove themselves, as the parent knows them.
		removeChild(c.Context, c)
	}
}

// parentCancelCtx returns the nearest *cancelCtx above parent, provided its Done
// channel is parent's own (a wrapper with a custom Done must be watched instead).
func parentCancelCtx(parent Context) (*cancelCtx, bool) {
	done := parent.Done()
	if done == nil {
		return nil, false
	}
	p, ok := parent.Value(cancelCtxKey).(*cancelCtx)
	if !ok {
		return nil, false
	}
	if (<-chan struct{})(p.done) != done {
		return nil, false
	}
	return p, true
}

// removeChild removes a context from its parent's children.
func removeChild(parent Context, child canceler) {
	p, ok := parentCancelCtx(parent)
	if !ok {
		return
	}
	p.mu.Lock()
	if p.children != nil {
		delete(p.children, child)
	}
	p.mu.Unlock()
}
