// Package rand implements pseudo-random number generators unsuitable for
// security-sensitive work.
//
// Only the top-level functions on the shared, randomly seeded source are
// provided. The source is native (one generator per VM, seedable by the
// deterministic-run mode); the derived functions are mini-Go over Uint64 and
// Int63n. The exact sequence differs from Go's, which no program may rely on
// since Go 1.20 seeds the global source randomly.
package rand

// Uint64 returns a pseudo-random 64-bit value as a uint64.
func Uint64() uint64

// Int63 returns a non-negative pseudo-random 63-bit integer as an int64.
func Int63() int64 {
	return int64(Uint64() >> 1)
}

// Uint32 returns a pseudo-random 32-bit value as a uint32.
func Uint32() uint32 {
	return uint32(Uint64() >> 32)
}

// Int31 returns a non-negative pseudo-random 31-bit integer as an int32.
func Int31() int32 {
	return int32(Uint64() >> 33)
}

// Int returns a non-negative pseudo-random int.
func Int() int {
	return int(Uint64() >> 1)
}

// Int63n returns, as an int64, a non-negative pseudo-random number in the
// half-open interval [0,n). It panics if n <= 0.
func Int63n(n int64) int64 {
	if n <= 0 {
		panic("invalid argument to Int63n")
	}
	return int64(uint64n(uint64(n)))
}

// Int31n returns, as an int32, a non-negative pseudo-random number in the
// half-open interval [0,n). It panics if n <= 0.
func Int31n(n int32) int32 {
	if n <= 0 {
		panic("invalid argument to Int31n")
	}
	return int32(uint64n(uint64(n)))
}

// Intn returns, as an int, a non-negative pseudo-random number in the half-open
// interval [0,n). It panics if n <= 0.
func Intn(n int) int {
	if n <= 0 {
		panic("invalid argument to Intn")
	}
	return int(uint64n(uint64(n)))
}

// uint64n returns a uniform value in [0, n) for n > 0 by rejection sampling:
// draws from the top partial block of 2⁶⁴ mod n values would bias the result.
func uint64n(n uint64) uint64 {
	if n&(n-1) == 0 {
		return Uint64() & (n - 1)
	}
	limit := -n % n // 2⁶⁴ mod n, computed in uint64 arithmetic.
	for {
		v := Uint64()
		if v >= limit {
			return v % n
		}
	}
}

// Float64 returns, as a float64, a pseudo-random number in the half-open
// interval [0.0,1.0).
func Float64() float64 {
	return float64(Uint64()>>11) / (1 << 53)
}

// Float32 returns, as a float32, a pseudo-random number in the half-open
// interval [0.0,1.0).
func Float32() float32 {
	return float32(Uint64()>>40) / (1 << 24)
}

// Perm returns, as a slice of n ints, a pseudo-random permutation of the
// integers in the half-open interval [0,n).
func Perm(n int) []int {
	m := make([]int, n)
	for i := 1; i < n; i++ {
		j := Intn(i + 1)
		m[i] = m[j]
		m[j] = i
	}
	return m
}

// Shuffle pseudo-randomizes the order of elements. n is the number of elements.
// Shuffle panics if n < 0. swap swaps the elements with indexes i and j.
func Shuffle(n int, swap func(i, j int)) {
	if n < 0 {
		panic("invalid argument to Shuffle")
	}
	for i := n - 1; i > 0; i-- {
		swap(i, Intn(i+1))
	}
}

// Seed uses the provided seed value to initialize the default Source to a
// deterministic state.
//
// Deprecated: As of Go 1.20 there is no reason to call Seed with a random value.
func Seed(seed int64)
