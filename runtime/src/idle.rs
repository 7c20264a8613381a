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
//!
//! Workers and GOMAXPROCS: `started` worker threads exist, the first `active` of them may run
//! tasks, and a started worker whose index is at or past `active` retires (hands its queue to
//! the injector and parks until `active` grows again). "Every worker is asleep", the premise
//! of the deadlock check, is `sleeping + retired == started`: a worker that is about to
//! retire but still runs a task counts as awake.

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
    /// Worker threads started so far; their stealer slots are filled.
    started: AtomicUsize,
    /// Started workers parked because their index is at or past `active`.
    num_retired: AtomicUsize,
    /// GOMAXPROCS: how many workers may run tasks.
    active: AtomicUsize,
    parkers: Vec<Parker>,
}

impl Idle {
    /// Bookkeeping for at most `capacity` workers, `active` of which may run tasks; no
    /// worker is started yet.
    pub(crate) fn new(capacity: usize, active: usize) -> Self {
        Self {
            sleepers: Mutex::new(Vec::with_capacity(active)),
            num_sleeping: AtomicUsize::new(0),
            num_searching: AtomicUsize::new(0),
            started: AtomicUsize::new(0),
            num_retired: AtomicUsize::new(0),
            active: AtomicUsize::new(active),
            parkers: (0..capacity).map(|_| Parker::default()).collect(),
        }
    }

    /// The most workers this runtime can have.
    pub(crate) fn capacity(&self) -> usize {
        self.parkers.len()
    }

    /// How many worker threads have been started.
    pub(crate) fn started(&self) -> usize {
        self.started.load(Ordering::SeqCst)
    }

    /// Records one more started worker (after its stealer slot is filled).
    pub(crate) fn add_started(&self) {
        self.started.fetch_add(1, Ordering::SeqCst);
    }

    /// Withdraws [`Self::add_started`] for a worker whose thread did not start.
    pub(crate) fn remove_started(&self) {
        self.started.fetch_sub(1, Ordering::SeqCst);
    }

    /// GOMAXPROCS: how many workers may run tasks.
    pub(crate) fn active(&self) -> usize {
        self.active.load(Ordering::SeqCst)
    }

    /// Sets how many workers may run tasks; returns the previous value.
    pub(crate) fn set_active(&self, n: usize) -> usize {
        self.active.swap(n, Ordering::SeqCst)
    }

    /// A worker parks because its index is past `active`; returns whether every started
    /// worker is now asleep or retired.
    pub(crate) fn retire(&self) -> bool {
        self.num_retired.fetch_add(1, Ordering::SeqCst);
        self.all_asleep()
    }

    /// A retired worker may run tasks again.
    pub(crate) fn unretire(&self) {
        self.num_retired.fetch_sub(1, Ordering::SeqCst);
    }

    /// Whether every started worker sleeps or is retired, so none is running a task.
    fn all_asleep(&self) -> bool {
        let idle =
            self.num_sleeping.load(Ordering::SeqCst) + self.num_retired.load(Ordering::SeqCst);
        idle == self.started()
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
        self.num_sleeping.fetch_add(1, Ordering::SeqCst);
        drop(sleepers);
        self.all_asleep()
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
