//! GOMAXPROCS while a program runs: starting worker threads on demand and moving the limit
//! of how many of them may run tasks (Go's `procresize`).
//!
//! Owns: [`Shared::start_worker`] and [`Shared::set_workers`]. Does not own: what a worker
//! past the limit does (it retires, `worker.rs`) nor the counts that keep the deadlock check
//! right while workers come and go (`idle.rs`).
//!
//! Invariants:
//! - Threads are started, and the limit moved, only under the `threads` lock, so worker
//!   indices are dense and each stealer slot is filled once.
//! - A worker counts as started (in `Idle::started`) before its thread can run, so the
//!   deadlock check never mistakes a running newcomer's absence for everyone being asleep.
//! - Threads are never stopped before the program ends: lowering the limit parks the workers
//!   past it (they hand their queues to the injector first), raising it wakes them or starts
//!   new ones. Rejected alternative: ending the threads of retired workers; their queues and
//!   stealer slots would then need recycling, for a saving of one idle thread each.

use std::sync::Arc;
use std::thread::JoinHandle;

use super::{MAX_WORKERS, Shared};
use crate::queue::LocalQueue;
use crate::task::Task;
use crate::worker;

impl<T: Task> Shared<T> {
    /// Starts the next worker thread; the caller holds the `threads` lock.
    ///
    /// # Errors
    /// The OS error if the thread cannot be started, or when an earlier start failed at this
    /// index (its stealer slot is spent).
    pub(super) fn start_worker(
        self: &Arc<Self>,
        threads: &mut Vec<JoinHandle<()>>,
    ) -> std::io::Result<()> {
        let idx = self.idle.started();
        let Some(slot) = self.stealers.get(idx) else {
            return Err(std::io::Error::other("every worker slot is in use"));
        };
        let (queue, stealer) = LocalQueue::new();
        if slot.set(stealer).is_err() {
            return Err(std::io::Error::other("an earlier worker start failed"));
        }
        self.idle.add_started();
        let shared = Arc::clone(self);
        let res = std::thread::Builder::new()
            .name(format!("minigo-worker-{idx}"))
            .spawn(move || worker::run(shared, idx, queue));
        match res {
            Ok(thread) => {
                threads.push(thread);
                Ok(())
            }
            Err(err) => {
                self.idle.remove_started();
                Err(err)
            }
        }
    }

    /// Sets how many workers may run tasks (`runtime.GOMAXPROCS(n)`, clamped to
    /// `1..=MAX_WORKERS`); returns the previous value. Workers past the new limit retire at
    /// their next task boundary; workers below it wake or start.
    pub(crate) fn set_workers(self: &Arc<Self>, n: usize) -> usize {
        let n = n.clamp(1, MAX_WORKERS);
        let mut threads = self.threads.lock();
        if self.is_shutdown() {
            return self.idle.active();
        }
        let prev = self.idle.set_active(n);
        // Wake every started worker whose side of the limit changed: one past it must see
        // that it retires, one below it must leave its retirement.
        let started = self.idle.started();
        for idx in prev.min(n)..prev.max(n).min(started) {
            self.idle.parker(idx).unpark();
        }
        while self.idle.started() < n {
            // A thread that cannot start leaves the program with the workers it has.
            if self.start_worker(&mut threads).is_err() {
                break;
            }
        }
        prev
    }

    /// Takes the handles of every thread started so far (to join them at shutdown).
    pub(super) fn take_threads(&self) -> Vec<JoinHandle<()>> {
        std::mem::take(&mut *self.threads.lock())
    }
}
