//! `sync.WaitGroup` as Go's (`sync/waitgroup.go`): the counter and the number of waiters
//! share the first word of the Go struct (`WaitGroup.state`: counter in the high 32 bits,
//! waiters in the low 32), so an `Add` or `Done` that wakes nobody is one compare-and-swap
//! and never touches the primitive table. Copying a `WaitGroup` copies its counter, as in Go.
//!
//! Owns: the state word's encoding. Does not own: the table and park/re-run glue
//! (`rt::sync`), or the semaphore the waiters park on.
//!
//! Invariants:
//! - The waiters field counts goroutines parked (or about to park) on the primitive's
//!   semaphore; it only grows under the primitive's lock, just before the park, and only
//!   the `Add` that brings the counter to 0 clears it, under the same lock, then releases
//!   every parked waiter. So a waiter that saw a non-zero counter is always released.
//! - The fast path never brings the counter to 0 while waiters are recorded: that case
//!   takes the lock.

use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::SeqCst;

use super::{Prim, RunState, first_word, park_on};
use crate::native::NativeOutcome;
use crate::panic::PanicKind;

/// The low half of the state word: the number of waiters.
const WAITERS: u64 = 0xFFFF_FFFF;

/// The counter of a state word.
fn counter(state: u64) -> i64 {
    i64::from((state >> 32) as u32 as i32)
}

/// A state word with counter `c` and the waiters of `state`.
fn with_counter(state: u64, c: i64) -> u64 {
    (u64::from(c as i32 as u32) << 32) | (state & WAITERS)
}

fn word_and_delta(args: &[u64]) -> Option<(&AtomicU64, i64)> {
    let word = first_word(args.first().copied().unwrap_or(0))?;
    Some((word, args.get(1).copied().unwrap_or(0).cast_signed()))
}

/// `Add` when it wakes nobody and does not go negative: true when done.
pub(super) fn fast_add(args: &[u64]) -> bool {
    let Some((word, delta)) = word_and_delta(args) else {
        return false;
    };
    word.fetch_update(SeqCst, SeqCst, |s| {
        let c = counter(s) + delta;
        let wakes = c == 0 && s & WAITERS != 0;
        (c >= 0 && !wakes).then(|| with_counter(s, c))
    })
    .is_ok()
}

/// `Add` under the primitive's lock: panics on a negative counter, or releases every waiter
/// when the counter reaches 0.
pub(super) fn add(prim: &Prim, args: &mut [u64]) -> NativeOutcome {
    let Some((word, delta)) = word_and_delta(args) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let mut st = prim.state.lock();
    loop {
        let s = word.load(SeqCst);
        let c = counter(s) + delta;
        if c < 0 {
            return NativeOutcome::Panic(PanicKind::Runtime(
                "sync: negative WaitGroup counter".into(),
            ));
        }
        let next = if c == 0 { 0 } else { with_counter(s, c) };
        if word.compare_exchange(s, next, SeqCst, SeqCst).is_err() {
            continue;
        }
        if c == 0 {
            let n = st.waiters().waiting();
            (0..n).for_each(|_| st.waiters().release());
        }
        return NativeOutcome::Return;
    }
}

/// `Wait`'s first call: return at a zero counter, or count itself as a waiter and park.
pub(super) fn wait(prim: &Prim, args: &mut [u64], run: &mut RunState<'_>) -> NativeOutcome {
    let Some((word, _)) = word_and_delta(args) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let mut st = prim.state.lock();
    let registered = word.fetch_update(SeqCst, SeqCst, |s| (counter(s) != 0).then_some(s + 1));
    if registered.is_err() {
        return NativeOutcome::Return;
    }
    park_on(st.waiters(), run, "sync.WaitGroup.Wait")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_and_the_waiters_share_one_word() {
        let s = with_counter(3, -1);
        assert_eq!(counter(s), -1);
        assert_eq!(s & WAITERS, 3);
        assert_eq!(counter(with_counter(s, 7)), 7);
    }

    #[test]
    fn the_fast_path_declines_a_wake_up_and_a_negative_counter() {
        let heap = crate::heap::Heap::new(None);
        let wg = heap.alloc_words(crate::heap::object::TY_SCALARS, 3) as u64;
        let minus = |n: i64| (-n).cast_unsigned();
        assert!(fast_add(&[wg, 2]));
        assert!(
            !fast_add(&[wg, minus(3)]),
            "a negative counter panics in the slow path"
        );
        let Some(word) = first_word(wg) else {
            unreachable!("a fresh object has a first word")
        };
        word.fetch_add(1, SeqCst); // A waiter.
        assert!(fast_add(&[wg, minus(1)]));
        assert!(!fast_add(&[wg, minus(1)]), "the last Done wakes the waiter");
        assert_eq!(counter(word.load(SeqCst)), 1);
    }
}
