// Package atomic provides low-level atomic memory primitives useful for
// implementing synchronization algorithms.
//
// The functions on addresses (AddInt32, LoadInt64, CompareAndSwapUint32, ...) are
// native: each is one sequentially consistent atomic instruction on the heap
// slot. The types Int32, Int64, Uint32, Uint64, Uintptr and Bool are mini-Go
// wrappers over natives of the same operations that take the typed value's
// address (its object's one word is the value); Pointer wraps untyped
// interface-slot natives, since natives are never generic. Value is native,
// since its type checks need dynamic type descriptors. The types carry no
// noCopy marker: it would cost every atomic an object of its own.
package atomic

// SwapInt32 atomically stores new into *addr and returns the previous *addr value.
func SwapInt32(addr *int32, new int32) (old int32)

// CompareAndSwapInt32 executes the compare-and-swap operation for a int32 value.
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)

// AddInt32 atomically adds delta to *addr and returns the new value.
func AddInt32(addr *int32, delta int32) (new int32)

// AndInt32 atomically performs a bitwise AND operation on *addr using the bitmask
// provided as mask and returns the old value.
func AndInt32(addr *int32, mask int32) (old int32)

// OrInt32 atomically performs a bitwise OR operation on *addr using the bitmask
// provided as mask and returns the old value.
func OrInt32(addr *int32, mask int32) (old int32)

// LoadInt32 atomically loads *addr.
func LoadInt32(addr *int32) (val int32)

// StoreInt32 atomically stores val into *addr.
func StoreInt32(addr *int32, val int32)

// SwapInt64 atomically stores new into *addr and returns the previous *addr value.
func SwapInt64(addr *int64, new int64) (old int64)

// CompareAndSwapInt64 executes the compare-and-swap operation for a int64 value.
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)

// AddInt64 atomically adds delta to *addr and returns the new value.
func AddInt64(addr *int64, delta int64) (new int64)

// AndInt64 atomically performs a bitwise AND operation on *addr using the bitmask
// provided as mask and returns the old value.
func AndInt64(addr *int64, mask int64) (old int64)

// OrInt64 atomically performs a bitwise OR operation on *addr using the bitmask
// provided as mask and returns the old value.
func OrInt64(addr *int64, mask int64) (old int64)

// LoadInt64 atomically loads *addr.
func LoadInt64(addr *int64) (val int64)

// StoreInt64 atomically stores val into *addr.
func StoreInt64(addr *int64, val int64)

// SwapUint32 atomically stores new into *addr and returns the previous *addr value.
func SwapUint32(addr *uint32, new uint32) (old uint32)

// CompareAndSwapUint32 executes the compare-and-swap operation for a uint32 value.
func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)

// AddUint32 atomically adds delta to *addr and returns the new value.
func AddUint32(addr *uint32, delta uint32) (new uint32)

// AndUint32 atomically performs a bitwise AND operation on *addr using the bitmask
// provided as mask and returns the old value.
func AndUint32(addr *uint32, mask uint32) (old uint32)

// OrUint32 atomically performs a bitwise OR operation on *addr using the bitmask
// provided as mask and returns the old value.
func OrUint32(addr *uint32, mask uint32) (old uint32)

// LoadUint32 atomically loads *addr.
func LoadUint32(addr *uint32) (val uint32)

// StoreUint32 atomically stores val into *addr.
func StoreUint32(addr *uint32, val uint32)

// SwapUint64 atomically stores new into *addr and returns the previous *addr value.
func SwapUint64(addr *uint64, new uint64) (old uint64)

// CompareAndSwapUint64 executes the compare-and-swap operation for a uint64 value.
func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)

// AddUint64 atomically adds delta to *addr and returns the new value.
func AddUint64(addr *uint64, delta uint64) (new uint64)

// AndUint64 atomically performs a bitwise AND operation on *addr using the bitmask
// provided as mask and returns the old value.
func AndUint64(addr *uint64, mask uint64) (old uint64)

// OrUint64 atomically performs a bitwise OR operation on *addr using the bitmask
// provided as mask and returns the old value.
func OrUint64(addr *uint64, mask uint64) (old uint64)

// LoadUint64 atomically loads *addr.
func LoadUint64(addr *uint64) (val uint64)

// StoreUint64 atomically stores val into *addr.
func StoreUint64(addr *uint64, val uint64)

// SwapUintptr atomically stores new into *addr and returns the previous *addr value.
func SwapUintptr(addr *uintptr, new uintptr) (old uintptr)

// CompareAndSwapUintptr executes the compare-and-swap operation for a uintptr value.
func CompareAndSwapUintptr(addr *uintptr, old, new uintptr) (swapped bool)

// AddUintptr atomically adds delta to *addr and returns the new value.
func AddUintptr(addr *uintptr, delta uintptr) (new uintptr)

// AndUintptr atomically performs a bitwise AND operation on *addr using the bitmask
// provided as mask and returns the old value.
func AndUintptr(addr *uintptr, mask uintptr) (old uintptr)

// OrUintptr atomically performs a bitwise OR operation on *addr using the bitmask
// provided as mask and returns the old value.
func OrUintptr(addr *uintptr, mask uintptr) (old uintptr)

// LoadUintptr atomically loads *addr.
func LoadUintptr(addr *uintptr) (val uintptr)

// StoreUintptr atomically stores val into *addr.
func StoreUintptr(addr *uintptr, val uintptr)

// An Int32 is an atomic int32. The zero value is zero.
type Int32 struct {
	v int32
}

// Load atomically loads and returns the value stored in x.
func (x *Int32) Load() int32 { return int32Load(x) }

// Store atomically stores val into x.
func (x *Int32) Store(val int32) { int32Store(x, val) }

// Swap atomically stores new into x and returns the previous value.
func (x *Int32) Swap(new int32) (old int32) { return int32Swap(x, new) }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Int32) CompareAndSwap(old, new int32) (swapped bool) {
	return int32CompareAndSwap(x, old, new)
}

// Add atomically adds delta to x and returns the new value.
func (x *Int32) Add(delta int32) (new int32) { return int32Add(x, delta) }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Int32) And(mask int32) (old int32) { return int32And(x, mask) }

// Or atomically performs a bitwise OR operation on x using the bitmask provided
// as mask and returns the old value.
func (x *Int32) Or(mask int32) (old int32) { return int32Or(x, mask) }

// An Int64 is an atomic int64. The zero value is zero.
type Int64 struct {
	v int64
}

// Load atomically loads and returns the value stored in x.
func (x *Int64) Load() int64 { return int64Load(x) }

// Store atomically stores val into x.
func (x *Int64) Store(val int64) { int64Store(x, val) }

// Swap atomically stores new into x and returns the previous value.
func (x *Int64) Swap(new int64) (old int64) { return int64Swap(x, new) }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Int64) CompareAndSwap(old, new int64) (swapped bool) {
	return int64CompareAndSwap(x, old, new)
}

// Add atomically adds delta to x and returns the new value.
func (x *Int64) Add(delta int64) (new int64) { return int64Add(x, delta) }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Int64) And(mask int64) (old int64) { return int64And(x, mask) }

// Or atomically performs a bitwise OR operation on x using the bitmask provided
// as mask and returns the old value.
func (x *Int64) Or(mask int64) (old int64) { return int64Or(x, mask) }

// An Uint32 is an atomic uint32. The zero value is zero.
type Uint32 struct {
	v uint32
}

// Load atomically loads and returns the value stored in x.
func (x *Uint32) Load() uint32 { return uint32Load(x) }

// Store atomically stores val into x.
func (x *Uint32) Store(val uint32) { uint32Store(x, val) }

// Swap atomically stores new into x and returns the previous value.
func (x *Uint32) Swap(new uint32) (old uint32) { return uint32Swap(x, new) }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool) {
	return uint32CompareAndSwap(x, old, new)
}

// Add atomically adds delta to x and returns the new value.
func (x *Uint32) Add(delta uint32) (new uint32) { return uint32Add(x, delta) }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uint32) And(mask uint32) (old uint32) { return uint32And(x, mask) }

// Or atomically performs a bitwise OR operation on x using the bitmask provided
// as mask and returns the old value.
func (x *Uint32) Or(mask uint32) (old uint32) { return uint32Or(x, mask) }

// An Uint64 is an atomic uint64. The zero value is zero.
type Uint64 struct {
	v uint64
}

// Load atomically loads and returns the value stored in x.
func (x *Uint64) Load() uint64 { return uint64Load(x) }

// Store atomically stores val into x.
func (x *Uint64) Store(val uint64) { uint64Store(x, val) }

// Swap atomically stores new into x and returns the previous value.
func (x *Uint64) Swap(new uint64) (old uint64) { return uint64Swap(x, new) }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool) {
	return uint64CompareAndSwap(x, old, new)
}

// Add atomically adds delta to x and returns the new value.
func (x *Uint64) Add(delta uint64) (new uint64) { return uint64Add(x, delta) }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uint64) And(mask uint64) (old uint64) { return uint64And(x, mask) }

// Or atomically performs a bitwise OR operation on x using the bitmask provided
// as mask and returns the old value.
func (x *Uint64) Or(mask uint64) (old uint64) { return uint64Or(x, mask) }

// An Uintptr is an atomic uintptr. The zero value is zero.
type Uintptr struct {
	v uintptr
}

// Load atomically loads and returns the value stored in x.
func (x *Uintptr) Load() uintptr { return uintptrLoad(x) }

// Store atomically stores val into x.
func (x *Uintptr) Store(val uintptr) { uintptrStore(x, val) }

// Swap atomically stores new into x and returns the previous value.
func (x *Uintptr) Swap(new uintptr) (old uintptr) { return uintptrSwap(x, new) }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Uintptr) CompareAndSwap(old, new uintptr) (swapped bool) {
	return uintptrCompareAndSwap(x, old, new)
}

// Add atomically adds delta to x and returns the new value.
func (x *Uintptr) Add(delta uintptr) (new uintptr) { return uintptrAdd(x, delta) }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uintptr) And(mask uintptr) (old uintptr) { return uintptrAnd(x, mask) }

// Or atomically performs a bitwise OR operation on x using the bitmask provided
// as mask and returns the old value.
func (x *Uintptr) Or(mask uintptr) (old uintptr) { return uintptrOr(x, mask) }

// A Bool is an atomic boolean value. The zero value is false.
type Bool struct {
	v uint32
}

// Load atomically loads and returns the value stored in x.
func (x *Bool) Load() bool { return boolLoad(x) }

// Store atomically stores val into x.
func (x *Bool) Store(val bool) { boolStore(x, val) }

// Swap atomically stores new into x and returns the previous value.
func (x *Bool) Swap(new bool) (old bool) { return boolSwap(x, new) }

// CompareAndSwap executes the compare-and-swap operation for the boolean value x.
func (x *Bool) CompareAndSwap(old, new bool) (swapped bool) {
	return boolCompareAndSwap(x, old, new)
}

// The natives behind the typed atomics. Each takes the typed value's address,
// whose object holds the value in its one word, and is the same sequentially
// consistent operation as the address function of its width (a bool word is 0
// or 1, so the Bool natives are the uint32 ones). Taking the struct itself
// rather than &x.v keeps the methods free of interior pointers.
func int32Load(x *Int32) int32
func int32Store(x *Int32, val int32)
func int32Swap(x *Int32, new int32) (old int32)
func int32CompareAndSwap(x *Int32, old, new int32) (swapped bool)
func int32Add(x *Int32, delta int32) (new int32)
func int32And(x *Int32, mask int32) (old int32)
func int32Or(x *Int32, mask int32) (old int32)
func int64Load(x *Int64) int64
func int64Store(x *Int64, val int64)
func int64Swap(x *Int64, new int64) (old int64)
func int64CompareAndSwap(x *Int64, old, new int64) (swapped bool)
func int64Add(x *Int64, delta int64) (new int64)
func int64And(x *Int64, mask int64) (old int64)
func int64Or(x *Int64, mask int64) (old int64)
func uint32Load(x *Uint32) uint32
func uint32Store(x *Uint32, val uint32)
func uint32Swap(x *Uint32, new uint32) (old uint32)
func uint32CompareAndSwap(x *Uint32, old, new uint32) (swapped bool)
func uint32Add(x *Uint32, delta uint32) (new uint32)
func uint32And(x *Uint32, mask uint32) (old uint32)
func uint32Or(x *Uint32, mask uint32) (old uint32)
func uint64Load(x *Uint64) uint64
func uint64Store(x *Uint64, val uint64)
func uint64Swap(x *Uint64, new uint64) (old uint64)
func uint64CompareAndSwap(x *Uint64, old, new uint64) (swapped bool)
func uint64Add(x *Uint64, delta uint64) (new uint64)
func uint64And(x *Uint64, mask uint64) (old uint64)
func uint64Or(x *Uint64, mask uint64) (old uint64)
func uintptrLoad(x *Uintptr) uintptr
func uintptrStore(x *Uintptr, val uintptr)
func uintptrSwap(x *Uintptr, new uintptr) (old uintptr)
func uintptrCompareAndSwap(x *Uintptr, old, new uintptr) (swapped bool)
func uintptrAdd(x *Uintptr, delta uintptr) (new uintptr)
func uintptrAnd(x *Uintptr, mask uintptr) (old uintptr)
func uintptrOr(x *Uintptr, mask uintptr) (old uintptr)
func boolLoad(x *Bool) bool
func boolStore(x *Bool, val bool)
func boolSwap(x *Bool, new bool) (old bool)
func boolCompareAndSwap(x *Bool, old, new bool) (swapped bool)

// A Pointer is an atomic pointer of type *T. The zero value is a nil *T.
type Pointer[T any] struct {
	// v holds a *T once stored, and the nil interface before. Keeping the
	// pointer in an interface slot lets the four untyped slot natives below
	// serve every T, since natives are never generic; the slot is a struct of
	// its own so that &x.v is the address of an object, not an interior pointer.
	v anySlot
}

// anySlot is one interface word that the slot natives operate on atomically.
type anySlot struct {
	v any
}

// Load atomically loads and returns the value stored in x.
func (x *Pointer[T]) Load() *T {
	p, _ := loadAny(&x.v).(*T) // The nil interface yields a nil *T.
	return p
}

// Store atomically stores val into x.
func (x *Pointer[T]) Store(val *T) { storeAny(&x.v, val) }

// Swap atomically stores new into x and returns the previous value.
func (x *Pointer[T]) Swap(new *T) (old *T) {
	old, _ = swapAny(&x.v, new).(*T)
	return old
}

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	// A Pointer never stored to holds the nil interface rather than a nil *T,
	// so comparing against a nil old must try both representations.
	if old == nil && compareAndSwapAny(&x.v, nil, new) {
		return true
	}
	return compareAndSwapAny(&x.v, old, new)
}

// The interface-slot natives: each is atomic on the slot as a whole (dynamic
// type and value together). compareAndSwapAny compares with ==, and is only
// used with pointer values, which are always comparable.
func loadAny(addr *anySlot) any
func storeAny(addr *anySlot, val any)
func swapAny(addr *anySlot, new any) (old any)
func compareAndSwapAny(addr *anySlot, old, new any) (swapped bool)

// A Value provides an atomic load and store of a consistently typed value.
// The zero value for a Value returns nil from Load. Once Store has been called,
// a Value must not be copied.
type Value struct {
	v any
}

// Load returns the value set by the most recent Store. It returns nil if there
// has been no call to Store for this Value.
func (v *Value) Load() (val any) { return valueLoad(v) }

// Store sets the value of the Value v to val. All calls to Store for a given
// Value must use values of the same concrete type. Store of an inconsistent type
// panics, as does Store(nil).
func (v *Value) Store(val any) { valueStore(v, val) }

// Swap stores new into Value and returns the previous value. It returns nil if
// the Value is empty. All calls to Swap for a given Value must use values of the
// same concrete type. Swap of an inconsistent type panics, as does Swap(nil).
func (v *Value) Swap(new any) (old any) { return valueSwap(v, new) }

// CompareAndSwap executes the compare-and-swap operation for the Value. All
// calls to CompareAndSwap for a given Value must use values of the same concrete
// type. CompareAndSwap of an inconsistent type panics, as does
// CompareAndSwap(old, nil).
func (v *Value) CompareAndSwap(old, new any) (swapped bool) {
	return valueCompareAndSwap(v, old, new)
}

// The Value natives check the dynamic types and panic with Go's texts (see the
// README of the declaration files), then operate atomically on v.v.
func valueLoad(v *Value) any
func valueStore(v *Value, val any)
func valueSwap(v *Value, new any) (old any)
func valueCompareAndSwap(v *Value, old, new any) (swapped bool)
