//! Idle workers: who sleeps, who is searching for work, and how a producer wakes one sleeper
//! without a lost wake-up and without waking everybody (Go's `wakep`/`notesleep`, Tokio's
//! `Idle`).
//!
//! Owns: the sleeper list, the sleeping and searching counts, and one parker per worker. Does
//! not own: the decision of what to run (`worker.rs`) nor deadlock reporting (`sched.rs`).
//!
//! Protocol (a Dekker-style handshake, every access `SeqCst`):
//! - A producer first publishes work (push to a queue), then calls [`Idle::notify_one`], which
//!   reads the counts. A worker going to sleep first registers (count + list), then re-checks
//!   every queue. One of the two must see the other: either the worker finds the work, or the
//!   producer sees the sleeper and unparks it.
//! - While some worker is searching, producers do not wake anyone: the searcher will find the
//!   work or, before sleeping, re-check the queues. A searcher that finds work and was the
//!   last searcher wakes one more worker, so that a burst of work fans out (as Go does).
//! - A [`Parker`] holds a wake token, so an unpark that lands before the park is not lost.

use crate::loom::{AtomicBool, AtomicUsize, Condvar, Mutex, Ordering};

/// A worker's sleeping place: a flag and a condition variable.
#[derive(Debug, Default)]
pub(crate) struct Parker {
    token: Mutex<bool>,
    cv: Condvar,
}

impl Parker {
    /// Sleeps until unparked or until `stop` is set; consumes the wake token.
    pub(crate) fn park(&self, stop: &AtomicBool) {
        let mut token = self.token.lock();
        while !*token && !stop.load(Ordering::SeqCst) {
            token = self.cv.wait(token);
        }
        *token = false;
    }

    pub(crate) fn unpark(&self) {
        *self.token.lock() = true;
        self.cv.notify_one();
    }
}

/// The idle bookkeeping shared by all workers.
#[derive(Debug)]
pub(crate) struct Idle {
    sleepers: Mutex<Vec<usize>>,
    num_sleeping: AtomicUsize,
    num_searching: AtomicUsize,
    parkers: Vec<Parker>,
}

impl Idle {
    pub(crate) fn new(workers: usize) -> Self {
        Self {
            sleepers: Mutex::new(Vec::with_capacity(workers)),
            num_sleeping: AtomicUsize::new(0),
            num_searching: AtomicUsize::new(0),
            parkers: (0..workers).map(|_| Parker::default()).collect(),
        }
    }

    /// Wakes one sleeping worker, unless a worker is already searching or none sleeps.
    pub(crate) fn notify_one(&self) {
        if self.num_searching.load(Ordering::SeqCst) > 0
            || self.num_sleeping.load(Ordering::SeqCst) == 0
        {
            return;
        }
        let woken = {
            let mut sleepers = self.sleepers.lock();
            let woken = sleepers.pop();
            if woken.is_some() {
                self.num_sleeping.fetch_sub(1, Ordering::SeqCst);
            }
            woken
        };
        if let Some(idx) = woken {
            self.parker(idx).unpark();
        }
    }

    pub(crate) fn start_searching(&self) {
        self.num_searching.fetch_add(1, Ordering::SeqCst);
    }

    /// Ends a search; `found` work makes the last searcher wake another worker.
    pub(crate) fn stop_searching(&self, found: bool) {
        let was_last = self.num_searching.fetch_sub(1, Ordering::SeqCst) == 1;
        if found && was_last {
            self.notify_one();
        }
    }

    /// Registers `idx` as a sleeper; returns whether every worker is now asleep.
    pub(crate) fn register_sleeper(&self, idx: usize) -> bool {
        let mut sleepers = self.sleepers.lock();
        sleepers.push(idx);
        let sleeping = self.num_sleeping.fetch_add(1, Ordering::SeqCst) + 1;
        sleeping == self.parkers.len()
    }

    /// Withdraws a registration after finding work; a no-op if a producer already woke us
    /// (its token then only causes one spurious return from the next park).
    pub(crate) fn unregister_sleeper(&self, idx: usize) {
        let mut sleepers = self.sleepers.lock();
        if let Some(pos) = sleepers.iter().position(|&s| s == idx) {
            sleepers.swap_remove(pos);
            self.num_sleeping.fetch_sub(1, Ordering::SeqCst);
        }
    }

    pub(crate) fn parker(&self, idx: usize) -> &Parker {
        &self.parkers[idx]
    }
}
