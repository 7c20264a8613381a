// Package iter provides the function types of iterators over sequences.
//
// Internal: slices and maps use these types (maps.Keys returns an iter.Seq);
// user programs cannot import it. A Seq is an ordinary function value, so
// `slices.Sorted(maps.Keys(m))` works whether or not the program ranges over
// functions itself.
package iter

// Seq is an iterator over sequences of individual values. When called as
// seq(yield), seq calls yield(v) for each value v in the sequence, stopping
// early if yield returns false.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over sequences of pairs of values, most commonly key-value
// pairs. When called as seq(yield), seq calls yield(k, v) for each pair (k, v)
// in the sequence, stopping early if yield returns false.
type Seq2[K, V any] func(yield func(K, V) bool)
