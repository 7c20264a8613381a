//! `sync.Mutex` with Go's two modes (`sync/mutex.go`): normal mode, where an unlock only
//! wakes the first waiter and a running goroutine may take the lock before it (throughput:
//! a goroutine that relocks in a loop keeps running instead of convoying), and starvation
//! mode, entered once a woken waiter has waited over 1 ms and still finds the lock taken,
//! where every unlock hands the lock straight to the first waiter.
//!
//! The lock itself is the first word of the Go struct (`Mutex.state`): `LOCKED`, plus
//! `CONTENDED` while any goroutine waits or is woken. The uncontended `Lock` and `Unlock`
//! are one compare-and-swap on that word (`0 -> LOCKED`, `LOCKED -> 0`), as Go's fast paths;
//! everything else runs under the primitive's lock.
//!
//! Owns: the state word, the mode flags and each waiter's start time. Does not own: the
//! primitive table and the park/re-run glue (`rt::sync`), or the FIFO of parked waiters
//! (`minigo_runtime::Sema`).
//!
//! Invariants:
//! - The state word is `CONTENDED` or more while a goroutine is parked on the mutex or woken
//!   and not yet run, so neither fast path can succeed then: a fast `Unlock` cannot miss a
//!   waiter, and a woken goroutine's re-run never takes the lock by the fast path while its
//!   wake-up is still to be collected. Only an unlock under the primitive's lock clears it.
//!
//! Under the primitive's lock:
//! - `handoff` is set only by an unlock in starvation mode, which leaves `locked` set: the
//!   woken waiter owns the lock when it re-runs, and nobody can take it in between.
//! - At most one waiter is woken in normal mode at a time (`woken`), as in Go; the others
//!   stay parked until it has run.
//! - A re-parked waiter keeps its first start time, so its wait is measured from its first
//!   `Lock`, as Go's `waitStartTime`.
//!
//! Rejected alternative: Go re-queues a woken waiter that lost the race at the head of the
//! queue; the runtime's semaphore queues only at the tail. Starvation mode still bounds the
//! wait, since it hands the lock to the queue's head, which has waited the longest.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::SeqCst;
use std::time::{Duration, Instant};

use super::{Prim, PrimState, RunState, fatal, first_word, park_on, ret_bool};
use crate::native::NativeOutcome;
use crate::panic::PanicKind;

/// The state word's bit: the mutex is held.
const LOCKED: u64 = 1;
/// The state word's bit: a goroutine waits or is woken, so unlocking needs the slow path.
const CONTENDED: u64 = 2;

/// How long a waiter may wait before the mutex switches to starvation mode (Go's
/// `starvationThresholdNs`).
const STARVATION_THRESHOLD: Duration = Duration::from_millis(1);

/// The mode of one mutex and the start time of each goroutine waiting for it.
#[derive(Default)]
pub(super) struct MutexModes {
    /// Unlocks hand the lock to the first waiter instead of releasing it.
    starving: bool,
    /// A waiter was woken in normal mode and has not run yet.
    woken: bool,
    /// The lock was handed to the woken waiter (starvation mode).
    handoff: bool,
    /// When each waiting goroutine first asked for the lock, by goroutine id.
    wait_since: HashMap<u64, Instant>,
}

impl MutexModes {
    /// How long goroutine `g` has been waiting, forgetting it when `done`.
    fn waited(&mut self, g: u64, done: bool) -> Duration {
        let since = if done {
            self.wait_since.remove(&g)
        } else {
            self.wait_since.get(&g).copied()
        };
        since.map_or(Duration::ZERO, |t| t.elapsed())
    }
}

/// The uncontended `Lock`: true when it took a free, uncontended mutex.
pub(super) fn fast_lock(args: &[u64]) -> bool {
    let word = first_word(args.first().copied().unwrap_or(0));
    word.is_some_and(|w| w.compare_exchange(0, LOCKED, SeqCst, SeqCst).is_ok())
}

/// The uncontended `Unlock`: true when it released a mutex nobody waits for.
pub(super) fn fast_unlock(args: &[u64]) -> bool {
    let word = first_word(args.first().copied().unwrap_or(0));
    word.is_some_and(|w| w.compare_exchange(LOCKED, 0, SeqCst, SeqCst).is_ok())
}

/// Takes the lock if it is free, or marks it contended; true when it took it. The caller
/// holds the primitive's lock and parks when this returns false, so the owner's unlock will
/// take the slow path and find the waiter.
fn take_or_contend(word: &AtomicU64, st: &PrimState) -> bool {
    let mut took = false;
    let _ = word.fetch_update(SeqCst, SeqCst, |s| {
        took = s & LOCKED == 0 && !st.modes.starving;
        Some(if took { s | LOCKED } else { s | CONTENDED })
    });
    took
}

/// `Lock`'s first call after the fast path failed: take a free lock, or park.
pub(super) fn lock(prim: &Prim, args: &mut [u64], run: &mut RunState<'_>) -> NativeOutcome {
    let Some(word) = first_word(args.first().copied().unwrap_or(0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let mut st = prim.state.lock();
    if take_or_contend(word, &st) {
        return NativeOutcome::Return;
    }
    st.modes
        .wait_since
        .entry(run.goroutine)
        .or_insert_with(Instant::now);
    park_on(st.waiters(), run, "sync.Mutex.Lock")
}

/// `Lock`'s re-run after a wake-up: own a handed-off lock, or compete for it again.
pub(super) fn relock(prim: &Prim, args: &mut [u64], run: &mut RunState<'_>) -> NativeOutcome {
    let Some(word) = first_word(args.first().copied().unwrap_or(0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let mut st = prim.state.lock();
    if st.modes.handoff {
        st.modes.handoff = false;
        let waited = st.modes.waited(run.goroutine, true);
        // Leave starvation mode once waiters no longer wait long, or none is left, as Go
        // does: staying in it would cost every unlock a hand-off.
        if waited < STARVATION_THRESHOLD || st.waiters().waiting() == 0 {
            st.modes.starving = false;
        }
        return NativeOutcome::Return;
    }
    st.modes.woken = false;
    // A woken waiter competes even in starvation mode: it was woken in normal mode.
    let starving = std::mem::replace(&mut st.modes.starving, false);
    let took = take_or_contend(word, &st);
    st.modes.starving = starving;
    if took {
        st.modes.waited(run.goroutine, true);
        return NativeOutcome::Return;
    }
    if st.modes.waited(run.goroutine, false) > STARVATION_THRESHOLD {
        st.modes.starving = true;
    }
    park_on(st.waiters(), run, "sync.Mutex.Lock")
}

/// `TryLock` after the fast path failed: Go's `TryLock` fails on a held or starving mutex.
pub(super) fn try_lock(prim: &Prim, args: &mut [u64]) -> NativeOutcome {
    let Some(word) = first_word(args.first().copied().unwrap_or(0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let st = prim.state.lock();
    let took = !st.modes.starving
        && word
            .fetch_update(SeqCst, SeqCst, |s| (s & LOCKED == 0).then_some(s | LOCKED))
            .is_ok();
    ret_bool(args, took)
}

/// `Unlock` after the fast path failed: there are waiters, or the mutex is not locked.
pub(super) fn unlock(prim: &Prim, args: &mut [u64]) -> NativeOutcome {
    let Some(word) = first_word(args.first().copied().unwrap_or(0)) else {
        return NativeOutcome::Panic(PanicKind::NilDeref);
    };
    let mut st = prim.state.lock();
    if word.load(SeqCst) & LOCKED == 0 {
        return fatal("sync: unlock of unlocked mutex");
    }
    let waiting = st.waiters().waiting();
    if st.modes.starving && waiting > 0 && !st.modes.woken {
        // Starvation mode: the lock stays locked and passes to the first waiter.
        st.modes.handoff = true;
        st.waiters().release();
        return NativeOutcome::Return;
    }
    if waiting == 0 {
        st.modes.starving = false;
    }
    let wake = waiting > 0 && !st.modes.woken;
    st.modes.woken |= wake;
    let contended = waiting > 0 || st.modes.woken;
    word.store(if contended { CONTENDED } else { 0 }, SeqCst);
    if wake {
        st.waiters().release();
    }
    NativeOutcome::Return
}
