// Package slices defines various functions useful with slices of any type.
//
// Everything is generic mini-Go except Sort, whose work is native: for ordered
// element types an unstable sort is unobservable, and interpreted comparisons
// would be the slowest way to do it. The callback sorts use internal/sorting.
// Iterator functions (All, Values, Collect, Sorted) use plain function values,
// so they work without range-over-func.
package slices

import (
	"cmp"
	"internal/sorting"
	"iter"
)

// Equal reports whether two slices are equal: the same length and all elements
// equal. Empty and nil slices are considered equal. Floating point NaNs are not
// considered equal.
func Equal[S ~[]E, E comparable](s1, s2 S) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc reports whether two slices are equal using an equality function on
// each pair of elements.
func EqualFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i, v1 := range s1 {
		if !eq(v1, s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares the elements of s1 and s2, using cmp.Compare on each pair of
// elements. The elements are compared sequentially, starting at index 0, until
// one element is not equal to the other. The result of comparing the first
// non-matching elements is returned. If both slices are equal until one of them
// ends, the shorter slice is considered less than the longer one.
func Compare[S ~[]E, E cmp.Ordered](s1, s2 S) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp.Compare(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// CompareFunc is like Compare but uses a custom comparison function on each pair
// of elements.
func CompareFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, cmp func(E1, E2) int) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// Index returns the index of the first occurrence of v in s, or -1 if not present.
func Index[S ~[]E, E comparable](s S, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

// IndexFunc returns the first index i satisfying f(s[i]), or -1 if none do.
func IndexFunc[S ~[]E, E any](s S, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is present in s.
func Contains[S ~[]E, E comparable](s S, v E) bool {
	return Index(s, v) >= 0
}

// ContainsFunc reports whether at least one element e of s satisfies f(e).
func ContainsFunc[S ~[]E, E any](s S, f func(E) bool) bool {
	return IndexFunc(s, f) >= 0
}

// Insert inserts the values v... into s at index i, returning the modified
// slice. The elements at s[i:] are shifted up to make room. Insert panics if i
// is out of range.
func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	tail := s[i:] // Panics if i is out of range, as Go's does.
	res := make(S, 0, len(s)+len(v))
	res = append(res, s[:i]...)
	res = append(res, v...)
	return append(res, tail...)
}

// Delete removes the elements s[i:j] from s, returning the modified slice.
// Delete panics if j > len(s) or s[i:j] is not a valid slice of s. Delete zeroes
// the elements s[len(s)-(j-i):len(s)].
func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)] // Bounds check.
	if i == j {
		return s
	}
	oldLen := len(s)
	s = append(s[:i], s[j:]...)
	zeroTail[E](s[len(s):oldLen])
	return s
}

// DeleteFunc removes any elements from s for which del returns true, returning
// the modified slice. DeleteFunc zeroes the elements between the new length and
// the original length.
func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	n := 0
	for _, v := range s {
		if !del(v) {
			s[n] = v
			n++
		}
	}
	zeroTail[E](s[n:])
	return s[:n]
}

// zeroTail sets every element of s to its zero value, so removed elements do
// not keep objects alive.
func zeroTail[E any](s []E) {
	var zero E
	for i := range s {
		s[i] = zero
	}
}

// Replace replaces the elements s[i:j] by the given v, and returns the modified
// slice. Replace panics if j > len(s) or s[i:j] is not a valid slice of s.
func Replace[S ~[]E, E any](s S, i, j int, v ...E) S {
	_ = s[i:j] // Bounds check.
	res := make(S, 0, len(s)-(j-i)+len(v))
	res = append(res, s[:i]...)
	res = append(res, v...)
	return append(res, s[j:]...)
}

// Clone returns a copy of the slice. The elements are copied using assignment,
// so this is a shallow clone. The result may have additional unused capacity.
// The result preserves the nilness of s.
func Clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(S{}, s...)
}

// Compact replaces consecutive runs of equal elements with a single copy. This
// is like the uniq command found on Unix. Compact modifies the contents of the
// slice s and returns the modified slice, which may have a smaller length.
func Compact[S ~[]E, E comparable](s S) S {
	return CompactFunc(s, func(a, b E) bool { return a == b })
}

// CompactFunc is like Compact but uses an equality function to compare
// elements. For runs of elements that compare equal, CompactFunc keeps the first
// one.
func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S {
	if len(s) < 2 {
		return s
	}
	n := 1
	for k := 1; k < len(s); k++ {
		if !eq(s[k], s[n-1]) {
			s[n] = s[k]
			n++
		}
	}
	zeroTail[E](s[n:])
	return s[:n]
}

// Grow increases the slice's capacity, if necessary, to guarantee space for
// another n elements. If n is negative or too large to allocate the memory,
// Grow panics.
func Grow[S ~[]E, E any](s S, n int) S {
	if n < 0 {
		panic("cannot be negative")
	}
	if n -= cap(s) - len(s); n > 0 {
		grown := make(S, len(s), cap(s)+n)
		copy(grown, s)
		s = grown
	}
	return s
}

// Clip removes unused capacity from the slice, returning s[:len(s):len(s)].
func Clip[S ~[]E, E any](s S) S {
	return s[:len(s):len(s)]
}

// Reverse reverses the elements of the slice in place.
func Reverse[S ~[]E, E any](s S) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Concat returns a new slice concatenating the passed in slices.
func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
	}
	res := make(S, 0, size)
	for _, s := range slices {
		res = append(res, s...)
	}
	return res
}

// Repeat returns a new slice that repeats the provided slice the given number of
// times. Repeat panics if count is negative.
func Repeat[S ~[]E, E any](x S, count int) S {
	if count < 0 {
		panic("cannot be negative")
	}
	res := make(S, 0, len(x)*count)
	for i := 0; i < count; i++ {
		res = append(res, x...)
	}
	return res
}

// Sort sorts a slice of any ordered type in ascending order. When sorting
// floating-point numbers, NaNs are ordered before other values.
func Sort[S ~[]E, E cmp.Ordered](x S) {
	sortOrdered(x)
}

// sortOrdered sorts in place the slice held in x, whose elements are of an
// ordered basic kind (integers, floats with NaNs first, strings). Natives are
// never generic, so the slice arrives boxed; it shares x's backing array.
func sortOrdered(x any)

// SortFunc sorts the slice x in ascending order as determined by the cmp
// function. This sort is not guaranteed to be stable. cmp(a, b) should return a
// negative number when a < b, a positive number when a > b and zero when a == b.
func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	sorting.Sort(len(x), func(i, j int) bool { return cmp(x[i], x[j]) < 0 },
		func(i, j int) { x[i], x[j] = x[j], x[i] })
}

// SortStableFunc sorts the slice x while keeping the original order of equal
// elements, using cmp to compare elements in the same way as SortFunc.
func SortStableFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	sorting.Stable(len(x), func(i, j int) bool { return cmp(x[i], x[j]) < 0 },
		func(i, j int) { x[i], x[j] = x[j], x[i] })
}

// IsSorted reports whether x is sorted in ascending order.
func IsSorted[S ~[]E, E cmp.Ordered](x S) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp.Less(x[i], x[i-1]) {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether x is sorted in ascending order, with cmp as the
// comparison function as defined by SortFunc.
func IsSortedFunc[S ~[]E, E any](x S, cmp func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// Min returns the minimal value in x. It panics if x is empty. For
// floating-point numbers, Min propagates NaNs (any NaN value in x forces the
// output to be NaN).
func Min[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v != v {
			return v
		}
		if v < m {
			m = v
		}
	}
	return m
}

// MinFunc returns the minimal value in x, using cmp to compare elements. It
// panics if x is empty. If there is more than one minimal element according to
// the cmp function, MinFunc returns the first one.
func MinFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) < 0 {
			m = v
		}
	}
	return m
}

// Max returns the maximal value in x. It panics if x is empty. For
// floating-point E, Max propagates NaNs (any NaN value in x forces the output to
// be NaN).
func Max[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v != v {
			return v
		}
		if v > m {
			m = v
		}
	}
	return m
}

// MaxFunc returns the maximal value in x, using cmp to compare elements. It
// panics if x is empty. If there is more than one maximal element according to
// the cmp function, MaxFunc returns the first one.
func MaxFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) > 0 {
			m = v
		}
	}
	return m
}

// BinarySearch searches for target in a sorted slice and returns the earliest
// position where target is found, or the position where target would appear in
// the sort order; it also returns a bool saying whether the target is really
// found in the slice. The slice must be sorted in increasing order.
func BinarySearch[S ~[]E, E cmp.Ordered](x S, target E) (int, bool) {
	i := sorting.Search(len(x), func(k int) bool { return cmp.Compare(x[k], target) >= 0 })
	return i, i < len(x) && cmp.Compare(x[i], target) == 0
}

// BinarySearchFunc works like BinarySearch, but uses a custom comparison
// function. cmp should return 0 if the slice element matches the target, a
// negative number if the slice element precedes the target, or a positive number
// if the slice element follows the target.
func BinarySearchFunc[S ~[]E, E, T any](x S, target T, cmp func(E, T) int) (int, bool) {
	i := sorting.Search(len(x), func(k int) bool { return cmp(x[k], target) >= 0 })
	return i, i < len(x) && cmp(x[i], target) == 0
}

// All returns an iterator over index-value pairs in the slice in the usual order.
func All[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Values returns an iterator that yields the slice elements in order.
func Values[Slice ~[]E, E any](s Slice) iter.Seq[E] {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// AppendSeq appends the values from seq to the slice and returns the extended
// slice.
func AppendSeq[Slice ~[]E, E any](s Slice, seq iter.Seq[E]) Slice {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect collects values from seq into a new slice and returns it. If seq is
// empty, the result is nil.
func Collect[E any](seq iter.Seq[E]) []E {
	return AppendSeq([]E(nil), seq)
}

// Sorted collects values from seq into a new slice, sorts the slice, and
// returns it. If seq is empty, the result is nil.
func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E {
	s := Collect(seq)
	Sort(s)
	return s
}

// SortedFunc collects values from seq into a new slice, sorts the slice using
// the comparison function, and returns it. If seq is empty, the result is nil.
func SortedFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	s := Collect(seq)
	SortFunc(s, cmp)
	return s
}
