// Package sorting holds the sorting algorithms shared by sort and slices, written
// once over index callbacks: less(i, j) reports whether element i orders before
// element j, and swap(i, j) exchanges them.
//
// Internal: user programs cannot import it. The algorithms are the textbook ones
// and are mini-Go so that comparison callbacks into script need no native
// re-entry:
//   - Sort: introsort (median-of-three quicksort that recurses into the smaller
//     side, heapsort once the depth budget of 2*ceil(lg n) is spent, insertion
//     sort below 13 elements). Not stable.
//   - Stable: insertion sort on blocks of 20, then bottom-up in-place merging by
//     rotation (the buffer-free merge of Dudziński and Dydek), O(n log² n) swaps.
//
// Sort is deterministic: the same input always gives the same output.
package sorting

// Sort sorts the n elements reachable through less and swap. It is not stable.
func Sort(n int, less func(i, j int) bool, swap func(i, j int)) {
	depth := 0
	for i := n; i > 0; i >>= 1 {
		depth++
	}
	quickSort(less, swap, 0, n, 2*depth)
}

// Stable sorts the n elements reachable through less and swap, keeping equal
// elements in their original order.
func Stable(n int, less func(i, j int) bool, swap func(i, j int)) {
	const blockSize = 20
	for lo := 0; lo < n; lo += blockSize {
		insertionSort(less, swap, lo, imin(lo+blockSize, n))
	}
	for width := blockSize; width < n; width *= 2 {
		for lo := 0; lo+width < n; lo += 2 * width {
			merge(less, swap, lo, lo+width, imin(lo+2*width, n))
		}
	}
}

// IsSorted reports whether the n elements are in order under less.
func IsSorted(n int, less func(i, j int) bool) bool {
	for i := n - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

// Search returns the smallest index i in [0, n) at which f(i) is true, assuming
// that f(i) == true implies f(i+1) == true; it returns n if there is no such index.
func Search(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		mid := int(uint(lo+hi) >> 1) // Unsigned shift: lo+hi may overflow int.
		if !f(mid) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

func imin(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// quickSort sorts [lo, hi); depth is the number of partitions left before it
// falls back to heapsort, which bounds the worst case at O(n log n).
func quickSort(less func(i, j int) bool, swap func(i, j int), lo, hi, depth int) {
	for hi-lo > 12 {
		if depth == 0 {
			heapSort(less, swap, lo, hi)
			return
		}
		depth--
		p := partition(less, swap, lo, hi)
		// Recurse into the smaller side and loop on the larger one, so the
		// recursion depth stays logarithmic.
		if p-lo < hi-p-1 {
			quickSort(less, swap, lo, p, depth)
			lo = p + 1
		} else {
			quickSort(less, swap, p+1, hi, depth)
			hi = p
		}
	}
	insertionSort(less, swap, lo, hi)
}

// partition moves the median of the first, middle and last elements to lo, uses
// it as the pivot, and returns the pivot's final index p: afterwards no element
// of [lo, p) orders after it and no element of (p, hi) orders before it. Both
// scans stop on elements equal to the pivot, so runs of duplicates split evenly.
func partition(less func(i, j int) bool, swap func(i, j int), lo, hi int) int {
	medianToFirst(less, swap, lo, lo+(hi-lo)/2, hi-1)
	i, j := lo+1, hi-1
	for {
		for i <= j && less(i, lo) {
			i++
		}
		for i <= j && less(lo, j) {
			j--
		}
		if i >= j {
			break
		}
		swap(i, j)
		i++
		j--
	}
	swap(lo, j)
	return j
}

// medianToFirst orders the elements at a, b and c, then moves the median to a.
func medianToFirst(less func(i, j int) bool, swap func(i, j int), a, b, c int) {
	if less(b, a) {
		swap(a, b)
	}
	if less(c, b) {
		swap(b, c)
		if less(b, a) {
			swap(a, b)
		}
	}
	swap(a, b)
}

func insertionSort(less func(i, j int) bool, swap func(i, j int), lo, hi int) {
	for i := lo + 1; i < hi; i++ {
		for j := i; j > lo && less(j, j-1); j-- {
			swap(j, j-1)
		}
	}
}

func heapSort(less func(i, j int) bool, swap func(i, j int), lo, hi int) {
	n := hi - lo
	for root := (n - 1) / 2; root >= 0; root-- {
		siftDown(less, swap, lo, root, n)
	}
	for end := n - 1; end > 0; end-- {
		swap(lo, lo+end)
		siftDown(less, swap, lo, 0, end)
	}
}

// siftDown restores the max-heap property of the heap of n elements stored at
// offset off, starting at root.
func siftDown(less func(i, j int) bool, swap func(i, j int), off, root, n int) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && less(off+child, off+child+1) {
			child++
		}
		if !less(off+root, off+child) {
			return
		}
		swap(off+root, off+child)
		root = child
	}
}

// merge merges the sorted runs [lo, mid) and [mid, hi) in place and stably: it
// splits the longer run in half, finds where that middle element belongs in the
// other run by binary search, rotates the two inner pieces past each other, and
// merges the two smaller problems that remain.
func merge(less func(i, j int) bool, swap func(i, j int), lo, mid, hi int) {
	if lo >= mid || mid >= hi {
		return
	}
	if hi-lo == 2 {
		if less(mid, lo) {
			swap(lo, mid)
		}
		return
	}
	var cut1, cut2 int
	if mid-lo > hi-mid {
		cut1 = lo + (mid-lo)/2
		// First element of the right run not ordering before the left cut: equal
		// elements stay behind it, which keeps the merge stable.
		cut2 = Search(hi-mid, func(k int) bool { return !less(mid+k, cut1) }) + mid
	} else {
		cut2 = mid + (hi-mid)/2
		// First element of the left run ordering after the right cut.
		cut1 = Search(mid-lo, func(k int) bool { return less(cut2, lo+k) }) + lo
	}
	rotate(swap, cut1, mid, cut2)
	newMid := cut1 + (cut2 - mid)
	merge(less, swap, lo, cut1, newMid)
	merge(less, swap, newMid, cut2, hi)
}

// rotate exchanges the adjacent blocks [a, m) and [m, b) by three reversals.
func rotate(swap func(i, j int), a, m, b int) {
	reverse(swap, a, m)
	reverse(swap, m, b)
	reverse(swap, a, b)
}

func reverse(swap func(i, j int), i, j int) {
	j--
	for i < j {
		swap(i, j)
		i++
		j--
	}
}
