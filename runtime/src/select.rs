//! Go's `select` (runtime/select.go's selectgo): uniform random choice among ready cases,
//! `default`, send and receive cases, nil channels that are never ready, and `select {}`.
//!
//! Owns: the order in which cases are polled and channels are locked, and the registration
//! of one waiter on every case's channel. Does not own: the channel operations themselves
//! (the `*_locked` fast paths of `chan.rs`) nor the claim protocol (`waiter.rs`).
//!
//! The algorithm, as in Go:
//! 1. Shuffle the cases into a poll order (from the caller's seeded [`Rng`]), so that each
//!    ready case is chosen with equal probability.
//! 2. Lock every distinct channel in increasing address order. Because every select (and
//!    every plain operation, which takes one lock) acquires locks in this single global
//!    order, two selects can never deadlock each other.
//! 3. With all locks held, take the first ready case in poll order. If none is ready, return
//!    `Default` when there is one; otherwise enqueue one waiter on every case's channel,
//!    each entry tagged with its case index, and unlock. Holding all locks while enqueueing
//!    means no channel can fire the waiter before it is registered everywhere.
//! 4. After the wake-up, the re-run finds which case claimed the waiter (the claim exchange
//!    is the "who won" flag when two channels race) and dequeues the waiter's entries from
//!    every other channel, so no stale entries pile up on channels that rarely fire.
//!
//! Rejected alternative: locking one channel at a time and claiming the select's own waiter
//! when a later channel turns out ready. It avoids holding several locks, but makes every
//! registration a race to reason about; Go's all-locks approach keeps the protocol simple.
//!
//! Restriction: all cases carry the same element type `V`; the VM's channels all carry its
//! `Value`, so this costs it nothing.

use std::sync::Arc;
use std::task::{Poll, Waker};

use smallvec::SmallVec;

use crate::chan::{Chan, ChanError, State, TryRecv, TrySendError};
use crate::loom::MutexGuard;
use crate::rng::Rng;
use crate::waiter::{Delivery, PendingOp, Resumed, Waiter};

/// One case of a select. A `None` channel is Go's nil channel: never ready.
#[derive(Debug)]
pub enum SelectCase<'a, V> {
    /// `case ch <- value:`.
    Send(Option<&'a Chan<V>>, V),
    /// `case v, ok := <-ch:`.
    Recv(Option<&'a Chan<V>>),
}

impl<'a, V> SelectCase<'a, V> {
    fn chan(&self) -> Option<&'a Chan<V>> {
        match self {
            Self::Send(chan, _) | Self::Recv(chan) => *chan,
        }
    }
}

/// Which case of a select fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selected<V> {
    /// Send case `.0` sent its value.
    Sent(usize),
    /// Receive case `.0` received a value (`Some`) or saw the channel closed (`None`).
    Received(usize, Option<V>),
    /// No case was ready and the select has a `default`.
    Default,
}

/// Runs a select. Returns `Poll::Pending` after registering the task on every case's channel
/// (or, with no non-nil case and no default, without registering: `select {}` blocks
/// forever); re-run with the same `op` after the wake-up to learn which case fired. The case
/// list of a re-run is ignored once an operation is pending.
///
/// # Errors
///
/// [`ChanError::SendOnClosed`] when the chosen send case's channel is closed (Go panics).
///
/// # Examples
///
/// ```
/// use minigo_runtime::{select, Chan, PendingOp, Rng, SelectCase, Selected};
/// let (a, b) = (Chan::new(1), Chan::<i32>::new(1));
/// a.try_send(5).unwrap();
/// let cases = vec![SelectCase::Recv(Some(&a)), SelectCase::Recv(Some(&b))];
/// let res = select(cases, false, &mut PendingOp::new(), std::task::Waker::noop(), &mut Rng::new(1));
/// assert_eq!(res, std::task::Poll::Ready(Ok(Selected::Received(0, Some(5)))));
/// ```
pub fn select<V>(
    mut cases: Vec<SelectCase<'_, V>>,
    has_default: bool,
    op: &mut PendingOp<V>,
    waker: &Waker,
    rng: &mut Rng,
) -> Poll<Result<Selected<V>, ChanError>> {
    match op.resume() {
        Resumed::Completed(case, delivery) => return Poll::Ready(selected(case, delivery)),
        Resumed::StillWaiting => return Poll::Pending,
        Resumed::Fresh => {}
    }
    if has_default && cases.len() == 1 {
        // The common `select { case <-done: ... default: ... }` poll needs no ordering.
        return Poll::Ready(poll_single(cases.pop(), 0));
    }
    let poll_order = shuffled(cases.len(), rng);
    let lock_order = lock_order(&cases);
    if lock_order.is_empty() {
        return if has_default {
            Poll::Ready(Ok(Selected::Default))
        } else {
            Poll::Pending
        };
    }
    let mut guards: Guards<'_, V> = lock_order.iter().map(|c| c.lock()).collect();
    for &idx in &poll_order {
        if let Some(res) = try_case(&mut cases, idx, &lock_order, &mut guards) {
            return Poll::Ready(res);
        }
    }
    if has_default {
        return Poll::Ready(Ok(Selected::Default));
    }
    let waiter = op.new_waiter(waker);
    enqueue(cases, &lock_order, &mut guards, &waiter);
    drop(guards);
    op.register(waiter, lock_order.into_iter().cloned().collect());
    Poll::Pending
}

/// Registers one waiter on every case's channel, each entry tagged with its case index; all
/// the channels are locked by the caller.
fn enqueue<V>(
    cases: Vec<SelectCase<'_, V>>,
    lock_order: &[&Chan<V>],
    guards: &mut [MutexGuard<'_, State<V>>],
    waiter: &Arc<Waiter<V>>,
) {
    for (idx, case) in cases.into_iter().enumerate() {
        let Some(chan) = case.chan() else { continue };
        let state = &mut guards[guard_index(lock_order, chan)];
        match case {
            SelectCase::Send(_, value) => state.sendq.push(waiter, idx, Some(value)),
            SelectCase::Recv(_) => state.recvq.push(waiter, idx, None),
        }
    }
}

/// Maps a completed waiter's delivery to the select's result.
fn selected<V>(case: usize, delivery: Delivery<V>) -> Result<Selected<V>, ChanError> {
    match delivery {
        Delivery::Received(value) => Ok(Selected::Received(case, Some(value))),
        Delivery::ReceiveClosed => Ok(Selected::Received(case, None)),
        Delivery::Sent => Ok(Selected::Sent(case)),
        Delivery::SendClosed => Err(ChanError::SendOnClosed),
        Delivery::Empty => unreachable!("a waiter is published only after its slot is written"),
    }
}

/// A one-case select with default: a plain non-blocking operation.
fn poll_single<V>(case: Option<SelectCase<'_, V>>, idx: usize) -> Result<Selected<V>, ChanError> {
    match case {
        Some(SelectCase::Send(Some(chan), value)) => match chan.try_send(value) {
            Ok(()) => Ok(Selected::Sent(idx)),
            Err(TrySendError::Closed(_)) => Err(ChanError::SendOnClosed),
            Err(TrySendError::Full(_)) => Ok(Selected::Default),
        },
        Some(SelectCase::Recv(Some(chan))) => match chan.try_recv() {
            TryRecv::Value(value) => Ok(Selected::Received(idx, Some(value))),
            TryRecv::Closed => Ok(Selected::Received(idx, None)),
            TryRecv::Empty => Ok(Selected::Default),
        },
        _ => Ok(Selected::Default),
    }
}

/// Inline capacity of select's scratch lists: selects with more cases spill to the heap.
const INLINE_CASES: usize = 8;

/// The held locks of a select's channels, in lock order.
type Guards<'a, V> = SmallVec<[MutexGuard<'a, State<V>>; INLINE_CASES]>;

/// A uniformly random permutation of `0..n` (Fisher–Yates).
fn shuffled(n: usize, rng: &mut Rng) -> SmallVec<[usize; INLINE_CASES]> {
    let mut order: SmallVec<[usize; INLINE_CASES]> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order
}

/// The distinct non-nil channels of `cases`, sorted by address (the global lock order).
fn lock_order<'a, V>(cases: &[SelectCase<'a, V>]) -> SmallVec<[&'a Chan<V>; INLINE_CASES]> {
    let mut chans: SmallVec<[&Chan<V>; INLINE_CASES]> =
        cases.iter().filter_map(SelectCase::chan).collect();
    chans.sort_unstable_by_key(|chan| chan.addr());
    chans.dedup_by_key(|chan| chan.addr());
    chans
}

fn guard_index<V>(lock_order: &[&Chan<V>], chan: &Chan<V>) -> usize {
    lock_order
        .iter()
        .position(|c| c.addr() == chan.addr())
        .unwrap_or_else(|| unreachable!("every non-nil case's channel is in the lock order"))
}

/// Attempts case `idx` under the held locks; `None` when it is not ready.
fn try_case<V>(
    cases: &mut [SelectCase<'_, V>],
    idx: usize,
    lock_order: &[&Chan<V>],
    guards: &mut [MutexGuard<'_, State<V>>],
) -> Option<Result<Selected<V>, ChanError>> {
    let case = cases.get_mut(idx)?;
    let state = &mut guards[guard_index(lock_order, case.chan()?)];
    match case {
        SelectCase::Recv(_) => match state.try_recv() {
            TryRecv::Value(value) => Some(Ok(Selected::Received(idx, Some(value)))),
            TryRecv::Closed => Some(Ok(Selected::Received(idx, None))),
            TryRecv::Empty => None,
        },
        SelectCase::Send(chan, _) => {
            let chan = *chan;
            // Move the value out to try the send; a full channel hands it back.
            let SelectCase::Send(_, value) = std::mem::replace(case, SelectCase::Recv(None)) else {
                unreachable!("matched a send case just above")
            };
            match state.try_send(value) {
                Ok(()) => Some(Ok(Selected::Sent(idx))),
                Err(TrySendError::Closed(_)) => Some(Err(ChanError::SendOnClosed)),
                Err(TrySendError::Full(value)) => {
                    *case = SelectCase::Send(chan, value);
                    None
                }
            }
        }
    }
}
