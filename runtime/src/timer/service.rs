//! The operations on timers and the timer thread's loop (the types live in `timer.rs`).
//!
//! Owns: arming, stopping, resetting, firing and the thread that sleeps until the earliest
//! deadline. Does not own: the invariants, which `timer.rs` states for the whole module.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::task::Waker;
use std::thread::JoinHandle;
use std::time::Duration;

use super::{
    COMPACT_ABOVE, Callback, Clock, DISARMED, HeapEntry, Timer, TimerAction, TimerCell,
    TimerShared, TimerSlot, Timers,
};
use crate::loom::{Condvar, Mutex};

impl Timers {
    /// Creates an empty timer set reading `clock`. Timers fire only once the timer thread
    /// runs (a [`crate::Runtime`] starts it).
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            shared: Arc::new(TimerShared {
                heap: Mutex::new(BinaryHeap::new()),
                cv: Condvar::new(),
                armed: AtomicUsize::new(0),
                seq: AtomicU64::new(0),
                clock,
                shutdown: AtomicBool::new(false),
                on_idle: std::sync::OnceLock::new(),
            }),
        }
    }

    /// The runtime's current time.
    pub fn now(&self) -> Duration {
        self.shared.clock.now()
    }

    /// The number of armed timers (a ticker counts until stopped).
    pub fn armed(&self) -> usize {
        self.shared.armed.load(Ordering::SeqCst)
    }

    /// Arms a timer that fires `action` after `delay`, then every `period` if given.
    pub fn start(
        &self,
        delay: Duration,
        period: Option<Duration>,
        action: impl TimerAction,
    ) -> Timer {
        let cell = Arc::new(TimerCell {
            slot: Mutex::new(TimerSlot {
                generation: 0,
                armed: true,
                period,
                action: Box::new(action),
            }),
            live: AtomicU64::new(0),
        });
        self.shared.armed.fetch_add(1, Ordering::SeqCst);
        self.push(&cell, self.now() + delay, 0);
        Timer {
            cell,
            timers: self.clone(),
        }
    }

    /// Sets the hook run when a firing disarms the last armed timer (set once; later calls
    /// are ignored).
    pub(crate) fn set_idle_hook(&self, hook: impl Fn() + Send + Sync + 'static) {
        let _ = self.shared.on_idle.set(Box::new(hook));
    }

    /// Starts a sleep of `delay` that wakes `waker` when it ends (`time.Sleep`).
    pub fn sleep(&self, delay: Duration, waker: &Waker) -> Sleep {
        let elapsed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&elapsed);
        let waker = waker.clone();
        let timer = self.start(
            delay,
            None,
            Callback(move |_now| {
                flag.store(true, Ordering::Release);
                waker.wake_by_ref();
            }),
        );
        Sleep { elapsed, timer }
    }

    fn push(&self, cell: &Arc<TimerCell>, deadline: Duration, generation: u64) {
        let seq = self.shared.seq.fetch_add(1, Ordering::Relaxed);
        let entry = HeapEntry {
            deadline,
            seq,
            generation,
            cell: Arc::clone(cell),
        };
        let mut heap = self.shared.heap.lock();
        heap.push(Reverse(entry));
        if heap.len() > COMPACT_ABOVE && heap.len() > 2 * self.armed() {
            heap.retain(|Reverse(e)| e.generation == e.cell.live.load(Ordering::Acquire));
        }
        drop(heap);
        self.shared.cv.notify_one();
    }

    /// Starts the timer thread; it runs until [`Self::shutdown`].
    pub(crate) fn spawn_thread(&self) -> std::io::Result<JoinHandle<()>> {
        let timers = self.clone();
        std::thread::Builder::new()
            .name("minigo-timer".into())
            .spawn(move || timers.service())
    }

    /// Stops the timer thread and drops every pending timer (with their wakers).
    pub(crate) fn shutdown(&self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        let pending = std::mem::take(&mut *self.shared.heap.lock());
        self.shared.cv.notify_all();
        drop(pending);
    }

    /// The timer thread: sleep until the earliest deadline, fire what is due, repeat.
    fn service(&self) {
        let shared = &self.shared;
        let mut heap = shared.heap.lock();
        while !shared.shutdown.load(Ordering::SeqCst) {
            let now = self.now();
            let next = heap.peek().map(|Reverse(e)| e.deadline);
            match next {
                None => heap = shared.cv.wait(heap),
                Some(deadline) if deadline > now => {
                    heap = shared.cv.wait_for(heap, deadline - now);
                }
                Some(_) => {
                    let Some(Reverse(entry)) = heap.pop() else {
                        unreachable!("peek just saw an entry")
                    };
                    drop(heap);
                    self.fire(entry, now);
                    heap = shared.heap.lock();
                }
            }
        }
    }

    /// Fires a due entry unless stop or reset made it stale.
    fn fire(&self, entry: HeapEntry, now: Duration) {
        let mut slot = entry.cell.slot.lock();
        if !slot.armed || slot.generation != entry.generation {
            return;
        }
        slot.action.fire(now);
        match slot.period {
            Some(period) if !period.is_zero() => {
                // Like Go's ticker, skip the ticks that were missed while the receiver lagged.
                let behind = now.saturating_sub(entry.deadline).as_nanos() / period.as_nanos();
                let skips = u32::try_from(behind).unwrap_or(u32::MAX).saturating_add(1);
                let next = period
                    .checked_mul(skips)
                    .and_then(|step| entry.deadline.checked_add(step))
                    .unwrap_or(now + period);
                self.push(&entry.cell, next, slot.generation);
            }
            _ => {
                slot.armed = false;
                entry.cell.live.store(DISARMED, Ordering::Release);
                let was_last = self.shared.armed.fetch_sub(1, Ordering::SeqCst) == 1;
                if let Some(hook) = self.shared.on_idle.get().filter(|_| was_last) {
                    hook();
                }
            }
        }
    }
}

impl Timer {
    /// Disarms the timer; returns whether it was armed (Go's `Stop`). After it returns, the
    /// action will not fire for the old arming and any value it left is discarded.
    pub fn stop(&self) -> bool {
        let mut slot = self.cell.slot.lock();
        let was_armed = slot.armed;
        if was_armed {
            slot.armed = false;
            self.timers.shared.armed.fetch_sub(1, Ordering::SeqCst);
        }
        slot.generation += 1;
        self.cell.live.store(DISARMED, Ordering::Release);
        slot.action.cancel();
        was_armed
    }

    /// Re-arms the timer to fire after `delay` (and every `period` if given); returns whether
    /// it was armed (Go's `Reset`), with the same no-stale-value guarantee as [`Self::stop`].
    pub fn reset(&self, delay: Duration, period: Option<Duration>) -> bool {
        let mut slot = self.cell.slot.lock();
        let was_armed = slot.armed;
        if !was_armed {
            self.timers.shared.armed.fetch_add(1, Ordering::SeqCst);
        }
        slot.armed = true;
        slot.period = period;
        slot.generation += 1;
        self.cell.live.store(slot.generation, Ordering::Release);
        slot.action.cancel();
        let deadline = self.timers.now() + delay;
        self.timers.push(&self.cell, deadline, slot.generation);
        was_armed
    }
}

/// A pending `time.Sleep`: the task parks with `WaitReason::Sleep` and, when re-run, checks
/// [`Sleep::is_elapsed`]. Dropping an unfinished sleep disarms its timer.
pub struct Sleep {
    elapsed: Arc<AtomicBool>,
    timer: Timer,
}

impl Sleep {
    /// Whether the sleep has ended.
    pub fn is_elapsed(&self) -> bool {
        self.elapsed.load(Ordering::Acquire)
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if !self.is_elapsed() {
            self.timer.stop();
        }
    }
}
