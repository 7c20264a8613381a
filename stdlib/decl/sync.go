// Package sync provides basic synchronization primitives such as mutual
// exclusion locks.
//
// The blocking primitives are native, because they park goroutines in the
// runtime: the Mutex and RWMutex operations, WaitGroup's Add and Wait, and the
// notify list under Cond. Everything built from them is mini-Go, as in Go
// itself: Once and OnceFunc, Cond.Wait's unlock/park/relock sequence, Pool, and
// Map (a map guarded by a Mutex). Natives are plain functions taking a pointer
// to the primitive; the fields of each struct are the native's private state
// and the zero value of each is the ready-to-use state.
package sync

import "sync/atomic"

// A Locker represents an object that can be locked and unlocked.
type Locker interface {
	Lock()
	Unlock()
}

// A Mutex is a mutual exclusion lock. The zero value for a Mutex is an unlocked
// mutex. A Mutex must not be copied after first use.
type Mutex struct {
	state int32
	sema  uint32
}

// Lock locks m. If the lock is already in use, the calling goroutine blocks
// until the mutex is available.
func (m *Mutex) Lock() { mutexLock(m) }

// TryLock tries to lock m and reports whether it succeeded.
func (m *Mutex) TryLock() bool { return mutexTryLock(m) }

// Unlock unlocks m. It is a run-time error if m is not locked on entry to
// Unlock. A locked Mutex is not associated with a particular goroutine.
func (m *Mutex) Unlock() { mutexUnlock(m) }

func mutexLock(m *Mutex)
func mutexTryLock(m *Mutex) bool

// mutexUnlock throws the unrecoverable "fatal error: sync: unlock of unlocked
// mutex" when m is not locked.
func mutexUnlock(m *Mutex)

// A RWMutex is a reader/writer mutual exclusion lock. The lock can be held by
// an arbitrary number of readers or a single writer. The zero value for a
// RWMutex is an unlocked mutex. A blocked Lock call excludes new readers from
// acquiring the lock.
type RWMutex struct {
	w           Mutex
	readerCount int32
	readerWait  int32
}

// Lock locks rw for writing. If the lock is already locked for reading or
// writing, Lock blocks until the lock is available.
func (rw *RWMutex) Lock() { rwLock(rw) }

// TryLock tries to lock rw for writing and reports whether it succeeded.
func (rw *RWMutex) TryLock() bool { return rwTryLock(rw) }

// Unlock unlocks rw for writing. It is a run-time error if rw is not locked for
// writing on entry to Unlock.
func (rw *RWMutex) Unlock() { rwUnlock(rw) }

// RLock locks rw for reading. It should not be used for recursive read locking;
// a blocked Lock call excludes new readers from acquiring the lock.
func (rw *RWMutex) RLock() { rwRLock(rw) }

// TryRLock tries to lock rw for reading and reports whether it succeeded.
func (rw *RWMutex) TryRLock() bool { return rwTryRLock(rw) }

// RUnlock undoes a single RLock call; it does not affect other simultaneous
// readers. It is a run-time error if rw is not locked for reading on entry to
// RUnlock.
func (rw *RWMutex) RUnlock() { rwRUnlock(rw) }

// RLocker returns a Locker interface that implements the Lock and Unlock
// methods by calling rw.RLock and rw.RUnlock.
func (rw *RWMutex) RLocker() Locker {
	return (*rlocker)(rw)
}

func rwLock(rw *RWMutex)
func rwTryLock(rw *RWMutex) bool

// rwUnlock throws "fatal error: sync: Unlock of unlocked RWMutex".
func rwUnlock(rw *RWMutex)
func rwRLock(rw *RWMutex)
func rwTryRLock(rw *RWMutex) bool

// rwRUnlock throws "fatal error: sync: RUnlock of unlocked RWMutex".
func rwRUnlock(rw *RWMutex)

// rlocker is the Locker view of a RWMutex's read side.
type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }

// A WaitGroup waits for a collection of goroutines to finish. The main goroutine
// calls Add to set the number of goroutines to wait for (or uses Go); each
// goroutine calls Done when finished, and Wait blocks until all have finished.
// A WaitGroup must not be copied after first use.
type WaitGroup struct {
	state  uint64 // The counter (high 32 bits) and the number of waiters.
	noCopy noCopy
	sema   uint32
}

// Add adds delta, which may be negative, to the WaitGroup counter. If the
// counter becomes zero, all goroutines blocked on Wait are released. If the
// counter goes negative, Add panics with "sync: negative WaitGroup counter".
func (wg *WaitGroup) Add(delta int) { waitGroupAdd(wg, delta) }

// Done decrements the WaitGroup counter by one.
func (wg *WaitGroup) Done() { wg.Add(-1) }

// Wait blocks until the WaitGroup counter is zero.
func (wg *WaitGroup) Wait() { waitGroupWait(wg) }

// Go calls f in a new goroutine and adds that task to the WaitGroup. When f
// returns, the task is removed from the WaitGroup.
func (wg *WaitGroup) Go(f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
}

// waitGroupAdd panics (an ordinary, recoverable panic) with "sync: negative
// WaitGroup counter" when the counter would go negative.
func waitGroupAdd(wg *WaitGroup, delta int)
func waitGroupWait(wg *WaitGroup)

// noCopy may be embedded into structs which must not be copied after first use.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

// Once is an object that will perform exactly one action. A Once must not be
// copied after first use.
type Once struct {
	done atomic.Uint32
	m    Mutex
}

// Do calls the function f if and only if Do is being called for the first time
// for this instance of Once. No call to Do returns until the one call to f
// returns. If f panics, Do considers it to have returned; future calls of Do
// return without calling f.
func (o *Once) Do(f func()) {
	// The fast path is one atomic load; only the first callers take the lock.
	if o.done.Load() == 0 {
		o.doSlow(f)
	}
}

func (o *Once) doSlow(f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.done.Load() == 0 {
		// Set done even if f panics, as documented.
		defer o.done.Store(1)
		f()
	}
}

// OnceFunc returns a function that invokes f only once. The returned function
// may be called concurrently. If f panics, the returned function will panic
// with the same value on every call.
func OnceFunc(f func()) func() {
	var once Once
	var panicked bool
	var reason any
	return func() {
		once.Do(func() {
			panicked = true
			defer func() {
				if panicked {
					reason = recover()
				}
			}()
			f()
			panicked = false
		})
		if panicked {
			panic(reason)
		}
	}
}

// OnceValue returns a function that invokes f only once and returns the value
// returned by f. The returned function may be called concurrently. If f panics,
// the returned function will panic with the same value on every call.
func OnceValue[T any](f func() T) func() T {
	var result T
	g := OnceFunc(func() { result = f() })
	return func() T {
		g()
		return result
	}
}

// OnceValues returns a function that invokes f only once and returns the values
// returned by f. The returned function may be called concurrently. If f panics,
// the returned function will panic with the same value on every call.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var r1 T1
	var r2 T2
	g := OnceFunc(func() { r1, r2 = f() })
	return func() (T1, T2) {
		g()
		return r1, r2
	}
}

// Cond implements a condition variable, a rendezvous point for goroutines
// waiting for or announcing the occurrence of an event. Each Cond has an
// associated Locker L (often a *Mutex or *RWMutex), which must be held when
// changing the condition and when calling the Wait method.
type Cond struct {
	noCopy noCopy

	// L is held while observing or changing the condition.
	L Locker

	notify notifyList
}

// notifyList is a ticket-based wait list: notifyListAdd hands out the next
// ticket before the caller unlocks L, so a Signal sent between the unlock and
// the park is not lost; the runtime parks each waiter until its ticket is
// notified.
type notifyList struct {
	wait   uint32 // Next ticket to hand out.
	notify uint32 // Next ticket to notify.
}

func notifyListAdd(l *notifyList) uint32
func notifyListWait(l *notifyList, ticket uint32)
func notifyListNotifyOne(l *notifyList)
func notifyListNotifyAll(l *notifyList)

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond {
	return &Cond{L: l}
}

// Wait atomically unlocks c.L and suspends execution of the calling goroutine.
// After later resuming execution, Wait locks c.L before returning. Wait cannot
// return unless awoken by Broadcast or Signal, so the caller typically waits
// in a loop that rechecks the condition.
func (c *Cond) Wait() {
	t := notifyListAdd(&c.notify)
	c.L.Unlock()
	notifyListWait(&c.notify, t)
	c.L.Lock()
}

// Signal wakes one goroutine waiting on c, if there is any.
func (c *Cond) Signal() { notifyListNotifyOne(&c.notify) }

// Broadcast wakes all goroutines waiting on c.
func (c *Cond) Broadcast() { notifyListNotifyAll(&c.notify) }

// A Pool is a set of temporary objects that may be individually saved and
// retrieved. Any item stored in the Pool may be removed automatically at any
// time without notification. A Pool is safe for use by multiple goroutines
// simultaneously.
//
// As in Go, the cache lives through one garbage collection in a victim cache
// and is dropped at the next, so a pool never keeps memory alive for long.
type Pool struct {
	noCopy noCopy

	mu     Mutex
	items  []any  // A LIFO stack: the most recently Put item is reused first.
	victim []any  // The items that have survived one collection.
	epoch  uint32 // The collection count when items and victim were last aged.

	// New optionally specifies a function to generate a value when Get would
	// otherwise return nil.
	New func() any
}

// Put adds x to the pool.
func (p *Pool) Put(x any) {
	if x == nil {
		return
	}
	p.mu.Lock()
	p.age()
	p.items = append(p.items, x)
	p.mu.Unlock()
}

// Get selects an arbitrary item from the Pool, removes it from the Pool, and
// returns it to the caller. If Get would otherwise return nil and p.New is
// non-nil, Get returns the result of calling p.New.
func (p *Pool) Get() any {
	p.mu.Lock()
	p.age()
	var x any
	// The collector may reclaim a taken item once the caller drops it, so its
	// slot is cleared.
	if n := len(p.items); n > 0 {
		x = p.items[n-1]
		p.items[n-1] = nil
		p.items = p.items[:n-1]
	} else if n := len(p.victim); n > 0 {
		x = p.victim[n-1]
		p.victim[n-1] = nil
		p.victim = p.victim[:n-1]
	}
	p.mu.Unlock()
	if x == nil && p.New != nil {
		return p.New()
	}
	return x
}

// age applies the collections since the last call, as Go's poolCleanup does at
// each one: the items move to the victim cache, and the victims are dropped.
// The caller holds p.mu.
func (p *Pool) age() {
	n := gcCount()
	if n == p.epoch {
		return
	}
	if n == p.epoch+1 {
		p.victim = p.items
	} else {
		p.victim = nil
	}
	p.items = nil
	p.epoch = n
}

// gcCount returns the number of garbage collections completed so far.
func gcCount() uint32

// Map is like a Go map[any]any but is safe for concurrent use by multiple
// goroutines without additional locking or coordination. The zero Map is empty
// and ready for use. A Map must not be copied after first use.
type Map struct {
	mu Mutex
	m  map[any]any
}

// Load returns the value stored in the map for a key, or nil if no value is
// present. The ok result indicates whether value was found in the map.
func (m *Map) Load(key any) (value any, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, ok = m.m[key]
	return value, ok
}

// Store sets the value for a key.
func (m *Map) Store(key, value any) {
	m.Swap(key, value)
}

// Clear deletes all the entries, resulting in an empty Map.
func (m *Map) Clear() {
	m.mu.Lock()
	m.m = nil
	m.mu.Unlock()
}

// LoadOrStore returns the existing value for the key if present. Otherwise, it
// stores and returns the given value. The loaded result is true if the value was
// loaded, false if stored.
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok {
		return v, true
	}
	m.init()
	m.m[key] = value
	return value, false
}

// LoadAndDelete deletes the value for a key, returning the previous value if
// any. The loaded result reports whether the key was present.
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	value, loaded = m.m[key]
	delete(m.m, key)
	return value, loaded
}

// Delete deletes the value for a key.
func (m *Map) Delete(key any) {
	m.LoadAndDelete(key)
}

// Swap swaps the value for a key and returns the previous value if any. The
// loaded result reports whether the key was present.
func (m *Map) Swap(key, value any) (previous any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	previous, loaded = m.m[key]
	m.init()
	m.m[key] = value
	return previous, loaded
}

// CompareAndSwap swaps the old and new values for key if the value stored in
// the map is equal to old. The old value must be of a comparable type.
func (m *Map) CompareAndSwap(key, old, new any) (swapped bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; !ok || v != old {
		return false
	}
	m.m[key] = new
	return true
}

// CompareAndDelete deletes the entry for key if its value is equal to old. The
// old value must be of a comparable type. If there is no current value for key
// in the map, CompareAndDelete returns false (even if the old value is the nil
// interface value).
func (m *Map) CompareAndDelete(key, old any) (deleted bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; !ok || v != old {
		return false
	}
	delete(m.m, key)
	return true
}

// Range calls f sequentially for each key and value present in the map. If f
// returns false, range stops the iteration. Range does not block other methods
// on the receiver; even f itself may call any method on m.
func (m *Map) Range(f func(key, value any) bool) {
	// Iterate over a snapshot taken under the lock, and call f without it, so f
	// may use m. Go allows Range to reflect any mapping a key had during the call.
	m.mu.Lock()
	keys := make([]any, 0, len(m.m))
	values := make([]any, 0, len(m.m))
	for k, v := range m.m {
		keys = append(keys, k)
		values = append(values, v)
	}
	m.mu.Unlock()
	for i, k := range keys {
		if !f(k, values[i]) {
			return
		}
	}
}

// init allocates the underlying map on first store; the caller holds m.mu.
func (m *Map) init() {
	if m.m == nil {
		m.m = make(map[any]any)
	}
}
