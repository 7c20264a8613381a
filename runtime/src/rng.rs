//! The runtime's one source of randomness: a small seeded generator (wyrand) used for victim
//! choice when stealing and for select's uniform choice among ready cases.
//!
//! Owns: the generator and how a seed is split into independent streams. Does not own: where
//! seeds come from (the embedder passes one in [`crate::Config`]).
//!
//! Invariant: nothing in the runtime calls an OS or thread-local random source, so a run's
//! random decisions are a function of the configured seed and the interleaving alone (the
//! basis for deterministic, seed-replayable runs later).

/// A fast, seedable, non-cryptographic generator (Wang Yi's wyrand).
///
/// # Examples
///
/// ```
/// let mut a = minigo_runtime::Rng::new(7);
/// let mut b = minigo_runtime::Rng::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(10) < 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// Creates a generator whose whole output is determined by `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// Derives the generator of stream `index` from `seed`, so that each worker draws from its
    /// own sequence and no two workers repeat each other.
    pub fn stream(seed: u64, index: u64) -> Self {
        let mut base = Self::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Self::new(base.next_u64())
    }

    /// Returns the next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0xA076_1D64_78BD_642F);
        let mixed = u128::from(self.state) * u128::from(self.state ^ 0xE703_7ED1_A0B4_28DB);
        // Folding the high half into the low half is wyrand's output step.
        ((mixed >> 64) as u64) ^ (mixed as u64)
    }

    /// Returns a value uniformly distributed in `0..n` (0 when `n` is 0), using Lemire's
    /// multiply-shift reduction, whose bias is below 2^-32 for the small `n` used here.
    pub fn below(&mut self, n: usize) -> usize {
        let wide = u128::from(self.next_u64()) * (n as u128);
        (wide >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn same_seed_same_sequence_and_streams_differ() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::stream(42, 0).next_u64(), Rng::stream(42, 1).next_u64());
    }

    #[test]
    fn below_is_roughly_uniform() {
        let mut rng = Rng::new(1);
        let mut counts = [0usize; 4];
        for _ in 0..40_000 {
            counts[rng.below(4)] += 1;
        }
        for c in counts {
            assert!((9_000..11_000).contains(&c), "skewed counts {counts:?}");
        }
        assert_eq!(rng.below(0), 0);
    }
}
