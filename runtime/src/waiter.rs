//! Waiters (Go's sudog) and the wait queues of a channel (Go's waitq), plus [`PendingOp`],
//! the per-task record of a blocked channel operation or select.
//!
//! Owns: the claim-then-complete hand-off by which one party delivers a result into a parked
//! task's slot and wakes it. Does not own: the channel's buffer or lock (see `chan.rs`), nor
//! case choice (see `select.rs`).
//!
//! Protocol (every rule below is relied on by `chan.rs` and `select.rs`):
//! - A [`Waiter`] belongs to one blocked operation. A plain send or receive registers it in
//!   one queue; a select registers it once per case, each entry tagged with its case index.
//! - Queue entries are only touched under their channel's lock. To act on an entry, the
//!   channel first *claims* the waiter with one compare-exchange on `claim`. Exactly one claim
//!   can ever succeed, which is the select's "who won" flag: when two channels fire the same
//!   select at once, the loser sees the claim fail, drops its stale entry and moves on.
//! - Only the claimer writes the slot, then publishes with a release store of `done` and
//!   wakes the task. The owner reads the slot only after an acquire load sees `done`, so the
//!   slot is never accessed by two threads at once.
//! - A send waiter's value lives in its queue entry, not in the waiter, so a select with
//!   several send cases keeps one value per case, and a stale entry's value is simply dropped.

use std::collections::VecDeque;
use std::sync::Arc;
use std::task::Waker;

use crate::loom::{AtomicBool, AtomicUsize, Ordering, UnsafeCell};

/// What the party that claimed a waiter delivered to it.
#[derive(Debug)]
pub(crate) enum Delivery<V> {
    /// Nothing yet (the slot's state before completion).
    Empty,
    /// A receive completed with this value.
    Received(V),
    /// A receive completed because the channel was closed.
    ReceiveClosed,
    /// A send completed: a receiver or the buffer took the value.
    Sent,
    /// A send was aborted because the channel was closed (the sender must panic).
    SendClosed,
}

/// One parked operation's rendezvous point (Go's sudog, shared by all cases of a select).
#[derive(Debug)]
pub(crate) struct Waiter<V> {
    /// 0 while unclaimed, else the index of the winning case plus one.
    claim: AtomicUsize,
    /// Set with release ordering once the claimer has written `slot`.
    done: AtomicBool,
    slot: UnsafeCell<Delivery<V>>,
    waker: Waker,
}

// SAFETY: the slot is written only by the unique claimer and read only by the owner after an
// acquire load of `done` (module doc), so sharing a `Waiter` moves `V`s between threads but
// never aliases them; that needs `V: Send` only.
unsafe impl<V: Send> Sync for Waiter<V> {}

impl<V> Waiter<V> {
    pub(crate) fn new(waker: &Waker) -> Arc<Self> {
        Arc::new(Self {
            claim: AtomicUsize::new(0),
            done: AtomicBool::new(false),
            slot: UnsafeCell::new(Delivery::Empty),
            waker: waker.clone(),
        })
    }

    /// Claims the waiter for `case`; fails when another case or channel already won.
    fn try_claim(&self, case: usize) -> bool {
        self.claim
            .compare_exchange(0, case + 1, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    /// Takes the delivery once it is published, with the index of the case that won.
    pub(crate) fn take(&self) -> Option<(usize, Delivery<V>)> {
        if !self.done.load(Ordering::Acquire) {
            return None;
        }
        let case = self.claim.load(Ordering::Acquire).checked_sub(1)?;
        // SAFETY: `done` is set only after the claimer's last write to the slot (release /
        // acquire pair above), and only the waiter's single owner calls `take`.
        let delivery = self
            .slot
            .with_mut(|slot| unsafe { std::mem::replace(&mut *slot, Delivery::Empty) });
        Some((case, delivery))
    }

    fn same(&self, other: &Arc<Waiter<V>>) -> bool {
        std::ptr::eq(self, Arc::as_ptr(other))
    }
}

/// A waiter that a channel has claimed: the right, held by exactly one party, to complete it.
#[derive(Debug)]
pub(crate) struct Claimed<V> {
    waiter: Arc<Waiter<V>>,
    /// The value a claimed sender offered (`None` for a receiver).
    pub(crate) value: Option<V>,
}

impl<V> Claimed<V> {
    /// Writes the result, publishes it and wakes the owner.
    pub(crate) fn complete(self, delivery: Delivery<V>) {
        // SAFETY: this `Claimed` is the only one for its waiter (the claim exchange succeeded
        // once), and the owner does not read the slot before `done` is published below.
        self.waiter
            .slot
            .with_mut(|slot| unsafe { *slot = delivery });
        self.waiter.done.store(true, Ordering::Release);
        self.waiter.waker.wake_by_ref();
    }
}

/// One registration of a waiter in a channel queue.
#[derive(Debug)]
struct Entry<V> {
    waiter: Arc<Waiter<V>>,
    case: usize,
    value: Option<V>,
}

/// A FIFO of parked senders or receivers (Go's waitq); guarded by its channel's lock.
#[derive(Debug)]
pub(crate) struct WaitQueue<V> {
    entries: VecDeque<Entry<V>>,
}

impl<V> Default for WaitQueue<V> {
    fn default() -> Self {
        Self {
            entries: VecDeque::new(),
        }
    }
}

impl<V> WaitQueue<V> {
    pub(crate) fn push(&mut self, waiter: &Arc<Waiter<V>>, case: usize, value: Option<V>) {
        self.entries.push_back(Entry {
            waiter: Arc::clone(waiter),
            case,
            value,
        });
    }

    /// Pops entries until one can be claimed, dropping those whose select already fired.
    pub(crate) fn claim_next(&mut self) -> Option<Claimed<V>> {
        while let Some(entry) = self.entries.pop_front() {
            if entry.waiter.try_claim(entry.case) {
                return Some(Claimed {
                    waiter: entry.waiter,
                    value: entry.value,
                });
            }
        }
        None
    }

    /// Removes every entry of `waiter` (a select dequeuing itself after one case fired).
    pub(crate) fn remove(&mut self, waiter: &Arc<Waiter<V>>) {
        self.entries.retain(|entry| !entry.waiter.same(waiter));
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The blocked channel operation or select of one task, kept by the task across re-runs.
///
/// A blocking call that cannot complete registers a waiter, stores it here and returns
/// `Poll::Pending`; the task parks. When the instruction is re-run after the wake-up, the same
/// call finds the waiter here and collects what the waker delivered. One `PendingOp` per task
/// suffices because a task blocks on one operation at a time.
#[derive(Debug)]
pub struct PendingOp<V> {
    pending: Option<Registration<V>>,
    /// A completed waiter kept for the next blocking operation, so that a task blocking in a
    /// loop (a ping-pong) allocates no waiter per operation.
    spare: Option<Arc<Waiter<V>>>,
}

#[derive(Debug)]
struct Registration<V> {
    waiter: Arc<Waiter<V>>,
    /// Channels whose queues may still hold entries of the waiter (a select's other cases).
    channels: Vec<crate::Chan<V>>,
}

impl<V> Default for PendingOp<V> {
    fn default() -> Self {
        Self {
            pending: None,
            spare: None,
        }
    }
}

impl<V> PendingOp<V> {
    /// Keeps a completed waiter for reuse if no queue entry refers to it any more. A unique
    /// `Arc` means every other holder has dropped it (with acquire ordering on the count), so
    /// resetting it cannot race with a late claimer.
    fn keep_spare(&mut self, mut waiter: Arc<Waiter<V>>) {
        if let Some(unique) = Arc::get_mut(&mut waiter) {
            unique.claim = AtomicUsize::new(0);
            unique.done = AtomicBool::new(false);
            self.spare = Some(waiter);
        }
    }
}

/// What re-polling a pending operation found.
pub(crate) enum Resumed<V> {
    /// No operation is pending: the caller starts a fresh one.
    Fresh,
    /// Registered and not yet completed (a spurious wake-up): stay parked.
    StillWaiting,
    /// Completed by case `.0` with delivery `.1`.
    Completed(usize, Delivery<V>),
}

impl<V> PendingOp<V> {
    /// Creates an empty record (no operation pending).
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether an operation is registered and waiting.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// A fresh waiter for `waker`, reusing the spare one when it wakes the same task.
    pub(crate) fn new_waiter(&mut self, waker: &Waker) -> Arc<Waiter<V>> {
        match self.spare.take() {
            Some(waiter) if waiter.waker.will_wake(waker) => waiter,
            _ => Waiter::new(waker),
        }
    }

    pub(crate) fn register(&mut self, waiter: Arc<Waiter<V>>, channels: Vec<crate::Chan<V>>) {
        debug_assert!(
            self.pending.is_none(),
            "a task blocks on one operation at a time"
        );
        self.pending = Some(Registration { waiter, channels });
    }

    /// Collects a completed operation, dequeuing a select's leftover entries.
    pub(crate) fn resume(&mut self) -> Resumed<V> {
        let Some(reg) = &self.pending else {
            return Resumed::Fresh;
        };
        let Some((case, delivery)) = reg.waiter.take() else {
            return Resumed::StillWaiting;
        };
        if let Some(reg) = self.pending.take() {
            for chan in &reg.channels {
                chan.dequeue(&reg.waiter);
            }
            self.keep_spare(reg.waiter);
        }
        Resumed::Completed(case, delivery)
    }
}
