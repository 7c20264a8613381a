//! Timers: one min-heap of deadlines owned by the runtime and serviced by one timer thread
//! that sleeps until the earliest deadline (no busy-waiting), plus the clock all of time reads.
//!
//! Owns: [`Clock`], [`Timers`], [`Timer`] (start, stop, reset), [`Sleep`], and the stock
//! actions [`SendTime`] (`time.After`, `NewTimer`, `NewTicker`) and [`Callback`]
//! (`AfterFunc`, waking a task). Does not own: what an action does beyond its trait.
//!
//! Invariants:
//! - Each timer has a generation; stop and reset bump it, and a heap entry fires only if its
//!   generation is current, so a stale entry is skipped instead of searched for and removed;
//!   when stale entries outnumber live ones the heap sheds them in one pass.
//! - An action fires with its timer's lock held, and stop/reset take the same lock and then
//!   call [`TimerAction::cancel`]. So after stop or reset returns, the old arming can neither
//!   fire later nor have left a value behind (Go 1.23 semantics: no stale value is received).
//! - `active` counts armed timers. It is decremented only after a one-shot action has run, so
//!   the deadlock detector, which reads it before re-checking the run queues, cannot miss the
//!   task a firing timer is waking.
//! - When a firing takes `armed` to zero, the `on_idle` hook runs after the action, so the
//!   scheduler re-checks for deadlock even if the action woke no task.
//! - Lock order: a timer's lock, then the heap's lock. The timer thread releases the heap's
//!   lock before taking a timer's.
//!
//! Rejected alternative: a hierarchical timing wheel. It wins with hundreds of thousands of
//! timers; a binary heap is simpler and sufficient for the programs this runtime runs.
//! Virtual time: the clock is a trait, but the thread waits in real time; a simulated clock
//! will also need to replace that wait with "jump to the next deadline when all are blocked".

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
use std::time::{Duration, Instant};

use crate::chan::{Chan, TryRecv};
use crate::loom::{Condvar, Mutex};

/// The runtime's one source of time: a monotonic duration since the runtime started.
pub trait Clock: Send + Sync + 'static {
    /// The current time as an offset from the clock's origin.
    fn now(&self) -> Duration;
}

/// The real monotonic clock.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose origin is now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// What a timer does when it fires. It runs on the timer thread with the timer locked, so
/// it must not block: send without blocking, wake a task, or spawn one.
pub trait TimerAction: Send + 'static {
    /// The timer fired at `now`.
    fn fire(&mut self, now: Duration);

    /// The timer was stopped or reset: discard anything an earlier `fire` left undelivered.
    fn cancel(&mut self) {}
}

/// An action that sends `make(now)` on a channel of capacity 1 without blocking, dropping
/// the value when the channel is full (a ticker's missed tick), and drains the channel on
/// cancel.
pub struct SendTime<V> {
    chan: Chan<V>,
    make: Box<dyn FnMut(Duration) -> V + Send>,
}

impl<V> SendTime<V> {
    /// Sends `make(now)` on `chan` at every firing.
    pub fn new(chan: Chan<V>, make: impl FnMut(Duration) -> V + Send + 'static) -> Self {
        Self {
            chan,
            make: Box::new(make),
        }
    }
}

impl<V: Send + 'static> TimerAction for SendTime<V> {
    fn fire(&mut self, now: Duration) {
        // A full channel means the receiver has not taken the last value: Go drops the tick.
        let _ = self.chan.try_send((self.make)(now));
    }

    fn cancel(&mut self) {
        while let TryRecv::Value(_) = self.chan.try_recv() {}
    }
}

/// An action that calls a closure (`AfterFunc`, or waking a task).
pub struct Callback<F>(pub F);

impl<F: FnMut(Duration) + Send + 'static> TimerAction for Callback<F> {
    fn fire(&mut self, now: Duration) {
        (self.0)(now);
    }
}

struct TimerSlot {
    generation: u64,
    armed: bool,
    period: Option<Duration>,
    action: Box<dyn TimerAction>,
}

struct TimerCell {
    slot: Mutex<TimerSlot>,
    /// The generation whose heap entry may still fire, or [`DISARMED`]; written under the
    /// slot lock, read without it when the heap sheds stale entries.
    live: AtomicU64,
}

/// `TimerCell::live` of a timer with no arming that can fire.
const DISARMED: u64 = u64::MAX;

/// The heap is compacted when it holds more than this many entries and more than twice as
/// many as there are armed timers (a timer reset in a loop leaves one stale entry per reset).
const COMPACT_ABOVE: usize = 64;

struct HeapEntry {
    deadline: Duration,
    seq: u64,
    generation: u64,
    cell: Arc<TimerCell>,
}

impl PartialEq for HeapEntry {
    fn eq(&self, other: &Self) -> bool {
        (self.deadline, self.seq) == (other.deadline, other.seq)
    }
}
impl Eq for HeapEntry {}
impl PartialOrd for HeapEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapEntry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.deadline, self.seq).cmp(&(other.deadline, other.seq))
    }
}

struct TimerShared {
    heap: Mutex<BinaryHeap<Reverse<HeapEntry>>>,
    cv: Condvar,
    armed: AtomicUsize,
    seq: AtomicU64,
    clock: Arc<dyn Clock>,
    shutdown: AtomicBool,
    /// Called when the last armed timer fires: the scheduler re-checks for deadlock, since a
    /// timer that woke nobody may have been the only thing that could.
    on_idle: std::sync::OnceLock<Box<dyn Fn() + Send + Sync>>,
}

/// The runtime's timer set and clock. Clones share one set.
#[derive(Clone)]
pub struct Timers {
    shared: Arc<TimerShared>,
}

/// A started timer; stop or reset it through this handle. Dropping the handle does not stop
/// the timer (an `AfterFunc` whose handle is discarded still runs).
pub struct Timer {
    cell: Arc<TimerCell>,
    timers: Timers,
}

mod service;

pub use service::Sleep;

#[cfg(test)]
mod tests;
