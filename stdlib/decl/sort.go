// Package sort provides primitives for sorting slices and user-defined collections.
//
// Ints, Strings and Float64s are native: for these element types an unstable
// sort is indistinguishable from a stable one, and a loop of interpreted
// comparisons would be the slowest way to do it. Everything that calls back into
// script (Sort, Stable, Slice, Search, ...) is mini-Go over the shared algorithms
// in internal/sorting.
package sort

import "internal/sorting"

// An implementation of Interface can be sorted by the routines in this package.
// The methods refer to elements of the underlying collection by integer index.
type Interface interface {
	// Len is the number of elements in the collection.
	Len() int
	// Less reports whether the element with index i must sort before the
	// element with index j.
	Less(i, j int) bool
	// Swap swaps the elements with indexes i and j.
	Swap(i, j int)
}

// Sort sorts data in ascending order as determined by the Less method.
// The sort is not guaranteed to be stable.
func Sort(data Interface) {
	sorting.Sort(data.Len(), data.Less, data.Swap)
}

// Stable sorts data in ascending order as determined by the Less method,
// while keeping the original order of equal elements.
func Stable(data Interface) {
	sorting.Stable(data.Len(), data.Less, data.Swap)
}

// IsSorted reports whether data is sorted.
func IsSorted(data Interface) bool {
	return sorting.IsSorted(data.Len(), data.Less)
}

// reverse embeds an Interface and inverts its Less method.
type reverse struct {
	Interface
}

// Less returns the opposite of the embedded implementation's Less method.
func (r reverse) Less(i, j int) bool {
	return r.Interface.Less(j, i)
}

// Reverse returns the reverse order for data.
func Reverse(data Interface) Interface {
	return &reverse{data}
}

// Slice sorts the slice x given the provided less function.
// It panics if x is not a slice.
// The sort is not guaranteed to be stable.
func Slice(x any, less func(i, j int) bool) {
	n := sliceLen(x)
	sorting.Sort(n, less, func(i, j int) { sliceSwap(x, i, j) })
}

// SliceStable sorts the slice x using the provided less function, keeping equal
// elements in their original order. It panics if x is not a slice.
func SliceStable(x any, less func(i, j int) bool) {
	n := sliceLen(x)
	sorting.Stable(n, less, func(i, j int) { sliceSwap(x, i, j) })
}

// SliceIsSorted reports whether the slice x is sorted according to the provided
// less function. It panics if x is not a slice.
func SliceIsSorted(x any, less func(i, j int) bool) bool {
	return sorting.IsSorted(sliceLen(x), less)
}

// sliceLen returns the length of the slice held in x, and panics with Go's
// "reflect: call of Swapper on T Value" text if x does not hold a slice.
func sliceLen(x any) int

// sliceSwap exchanges elements i and j of the slice held in x, whatever its
// element type.
func sliceSwap(x any, i, j int)

// Search uses binary search to find and return the smallest index i in [0, n)
// at which f(i) is true, assuming that on the range [0, n), f(i) == true implies
// f(i+1) == true. If there is no such index, Search returns n.
func Search(n int, f func(int) bool) int {
	return sorting.Search(n, f)
}

// Find uses binary search to find and return the smallest index i in [0, n) at
// which cmp(i) <= 0. If there is no such index i, Find returns i = n. The found
// result is true if i < n and cmp(i) == 0.
func Find(n int, cmp func(int) int) (i int, found bool) {
	i = sorting.Search(n, func(k int) bool { return cmp(k) <= 0 })
	return i, i < n && cmp(i) == 0
}

// SearchInts searches for x in a sorted slice of ints and returns the index as
// specified by Search. The return value is the index to insert x if x is not
// present (it could be len(a)). The slice must be sorted in ascending order.
func SearchInts(a []int, x int) int {
	return sorting.Search(len(a), func(i int) bool { return a[i] >= x })
}

// SearchFloat64s searches for x in a sorted slice of float64s and returns the
// index as specified by Search.
func SearchFloat64s(a []float64, x float64) int {
	return sorting.Search(len(a), func(i int) bool { return a[i] >= x })
}

// SearchStrings searches for x in a sorted slice of strings and returns the
// index as specified by Search.
func SearchStrings(a []string, x string) int {
	return sorting.Search(len(a), func(i int) bool { return a[i] >= x })
}

// Ints sorts a slice of ints in increasing order.
func Ints(x []int)

// Float64s sorts a slice of float64 values in increasing order.
// Not-a-number (NaN) values are ordered before other values.
func Float64s(x []float64)

// Strings sorts a slice of strings in increasing order.
func Strings(x []string)

// IntsAreSorted reports whether the slice x is sorted in increasing order.
func IntsAreSorted(x []int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if x[i] < x[i-1] {
			return false
		}
	}
	return true
}

// Float64sAreSorted reports whether the slice x is sorted in increasing order,
// with not-a-number (NaN) values before any other values.
func Float64sAreSorted(x []float64) bool {
	for i := len(x) - 1; i > 0; i-- {
		if x[i] < x[i-1] || (x[i] != x[i] && x[i-1] == x[i-1]) {
			return false
		}
	}
	return true
}

// StringsAreSorted reports whether the slice x is sorted in increasing order.
func StringsAreSorted(x []string) bool {
	for i := len(x) - 1; i > 0; i-- {
		if x[i] < x[i-1] {
			return false
		}
	}
	return true
}

// IntSlice attaches the methods of Interface to []int, sorting in increasing order.
type IntSlice []int

// Len is the number of elements in x.
func (x IntSlice) Len() int { return len(x) }

// Less reports whether x[i] orders before x[j].
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }

// Swap exchanges elements i and j.
func (x IntSlice) Swap(i, j int) { x[i], x[j] = x[j], x[i] }

// Sort is a convenience method: x.Sort() calls Ints(x).
func (x IntSlice) Sort() { Ints(x) }

// Search returns the result of applying SearchInts to the receiver and x.
func (x IntSlice) Search(v int) int { return SearchInts(x, v) }

// Float64Slice implements Interface for a []float64, sorting in increasing order,
// with not-a-number (NaN) values ordered before other values.
type Float64Slice []float64

// Len is the number of elements in x.
func (x Float64Slice) Len() int { return len(x) }

// Less reports whether x[i] should be ordered before x[j], as required by the
// sort Interface. NaN values are ordered before other values.
func (x Float64Slice) Less(i, j int) bool { return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j]) }

// Swap exchanges elements i and j.
func (x Float64Slice) Swap(i, j int) { x[i], x[j] = x[j], x[i] }

// Sort is a convenience method: x.Sort() calls Float64s(x).
func (x Float64Slice) Sort() { Float64s(x) }

// Search returns the result of applying SearchFloat64s to the receiver and x.
func (x Float64Slice) Search(v float64) int { return SearchFloat64s(x, v) }

// StringSlice attaches the methods of Interface to []string, sorting in
// increasing order.
type StringSlice []string

// Len is the number of elements in x.
func (x StringSlice) Len() int { return len(x) }

// Less reports whether x[i] orders before x[j].
func (x StringSlice) Less(i, j int) bool { return x[i] < x[j] }

// Swap exchanges elements i and j.
func (x StringSlice) Swap(i, j int) { x[i], x[j] = x[j], x[i] }

// Sort is a convenience method: x.Sort() calls Strings(x).
func (x StringSlice) Sort() { Strings(x) }

// Search returns the result of applying SearchStrings to the receiver and x.
func (x StringSlice) Search(v string) int { return SearchStrings(x, v) }
