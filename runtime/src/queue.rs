//! Run queues: each worker's local deque plus its `runnext` slot, the global injector, and
//! the order in which a worker consults them.
//!
//! Owns: [`LocalQueue`] and the policy of [`LocalQueue::next`]. Does not own: the deque
//! algorithm (crossbeam-deque's Chase–Lev work-stealing deque: the owner pushes and pops
//! without locks, thieves steal half a queue at a time with one CAS) nor waking idle workers
//! (`idle.rs`, called after every push that creates stealable work).
//!
//! Policy, as in Go's `runqget`/`findRunnable`:
//! - Every [`GLOBAL_POLL_INTERVAL`]th pick looks at the global injector first, so tasks
//!   injected by timers and host threads cannot starve behind busy local queues.
//! - Otherwise `runnext` first: the task the running task just woke runs next on this core,
//!   so a ping-pong pair stays hot in one cache. To keep such a pair from starving the rest
//!   of the queue, at most [`MAX_RUNNEXT_STREAK`] consecutive picks come from `runnext`.
//! - Then the local deque (FIFO), then the injector, then stealing from the other workers
//!   starting at a random victim, and only then a `runnext` the streak rule passed over.
//! - `runnext` is private to its worker (not stealable): a worker never sleeps holding one,
//!   since it checks the slot before sleeping, and it runs it within one budget.

use std::cell::Cell;
use std::sync::OnceLock;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use crate::idle::Idle;
use crate::rng::Rng;
use crate::task::{Task, TaskRef};

/// How often (in picks) the global injector is checked first; Go uses 61.
pub(crate) const GLOBAL_POLL_INTERVAL: u32 = 61;

/// The most consecutive picks served from `runnext` before the local deque gets a turn.
pub(crate) const MAX_RUNNEXT_STREAK: u32 = 32;

/// One worker's run queue.
pub(crate) struct LocalQueue<T: Task> {
    deque: Worker<TaskRef<T>>,
    runnext: Cell<Option<TaskRef<T>>>,
    tick: Cell<u32>,
    streak: Cell<u32>,
}

/// The stealer slots of every worker a runtime may have; a slot is filled once, when its
/// worker starts, and only the first `started` slots are ever read.
pub(crate) type StealerSlots<T> = Box<[OnceLock<Stealer<TaskRef<T>>>]>;

impl<T: Task> LocalQueue<T> {
    /// A fresh queue and the stealer through which other workers reach it.
    pub(crate) fn new() -> (LocalQueue<T>, Stealer<TaskRef<T>>) {
        let queue = LocalQueue {
            deque: Worker::new_fifo(),
            runnext: Cell::new(None),
            tick: Cell::new(0),
            streak: Cell::new(0),
        };
        let stealer = queue.deque.stealer();
        (queue, stealer)
    }

    /// Takes any task this queue holds (`runnext` first), for a worker that retires and
    /// hands its work to the injector.
    pub(crate) fn take_any(&self) -> Option<TaskRef<T>> {
        self.runnext.take().or_else(|| self.deque.pop())
    }
}

impl<T: Task> LocalQueue<T> {
    /// Picks the next task to run (see the module doc for the order).
    pub(crate) fn next(
        &self,
        injector: &Injector<TaskRef<T>>,
        stealers: &[OnceLock<Stealer<TaskRef<T>>>],
        me: usize,
        rng: &mut Rng,
    ) -> Option<TaskRef<T>> {
        let tick = self.tick.get().wrapping_add(1);
        self.tick.set(tick);
        if tick.is_multiple_of(GLOBAL_POLL_INTERVAL)
            && let Some(task) = self.steal_global(injector)
        {
            return Some(task);
        }
        if self.streak.get() < MAX_RUNNEXT_STREAK
            && let Some(task) = self.runnext.take()
        {
            self.streak.set(self.streak.get() + 1);
            return Some(task);
        }
        self.streak.set(0);
        self.deque
            .pop()
            .or_else(|| self.steal_global(injector))
            .or_else(|| self.steal_other(stealers, me, rng))
            .or_else(|| self.runnext.take())
    }

    fn steal_global(&self, injector: &Injector<TaskRef<T>>) -> Option<TaskRef<T>> {
        loop {
            match injector.steal_batch_and_pop(&self.deque) {
                Steal::Success(task) => return Some(task),
                Steal::Empty => return None,
                Steal::Retry => std::hint::spin_loop(),
            }
        }
    }

    fn steal_other(
        &self,
        stealers: &[OnceLock<Stealer<TaskRef<T>>>],
        me: usize,
        rng: &mut Rng,
    ) -> Option<TaskRef<T>> {
        let n = stealers.len();
        let start = rng.below(n);
        (0..n)
            .map(|i| (start + i) % n)
            .filter(|&victim| victim != me)
            .filter_map(|victim| stealers[victim].get())
            .find_map(|stealer| {
                loop {
                    match stealer.steal_batch_and_pop(&self.deque) {
                        Steal::Success(task) => break Some(task),
                        Steal::Empty => break None,
                        Steal::Retry => std::hint::spin_loop(),
                    }
                }
            })
    }

    /// Queues `task` behind the others; wakes an idle worker when there is now something
    /// another worker could steal.
    pub(crate) fn push_back(&self, task: TaskRef<T>, idle: &Idle) {
        self.deque.push(task);
        if self.deque.len() > 1 || self.runnext_is_set() {
            idle.notify_one();
        }
    }

    /// Queues a newly spawned task; always offers it to idle workers, since this worker is
    /// busy with the spawner.
    pub(crate) fn push_spawned(&self, task: TaskRef<T>, idle: &Idle) {
        self.deque.push(task);
        idle.notify_one();
    }

    /// Makes `task` run next; the task it displaces goes to the back of the deque.
    pub(crate) fn push_next(&self, task: TaskRef<T>, idle: &Idle) {
        if let Some(prev) = self.runnext.replace(Some(task)) {
            self.deque.push(prev);
            idle.notify_one();
        }
    }

    fn runnext_is_set(&self) -> bool {
        let task = self.runnext.take();
        let set = task.is_some();
        self.runnext.set(task);
        set
    }

    /// Whether this queue holds anything runnable.
    pub(crate) fn has_work(&self) -> bool {
        !self.deque.is_empty() || self.runnext_is_set()
    }
}
