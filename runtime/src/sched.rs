//! The scheduler: the runtime's public face ([`Runtime`], [`Handle`], [`Config`],
//! [`Outcome`]) and the state all workers share.
//!
//! Owns: spawning, the program's end (main finished, a panic, or a deadlock), shutdown,
//! external wakers and stop-the-world entry. Does not own: the worker loop (`worker.rs`),
//! queue policy (`queue.rs`), idle handshake (`idle.rs`), task states (`park.rs`).
//!
//! # The protocol (the rules every part of the runtime follows, as proc.go states Go's)
//!
//! Who may touch which queue:
//! - A worker's deque is pushed and popped only by its owner thread; other workers only
//!   steal from it (Chase–Lev). Its `runnext` slot is touched only by its owner.
//! - The injector is pushed by any thread that is not a worker of this runtime (timers, host
//!   threads, another runtime's workers) and popped by workers.
//! - A task enters a queue only through the party that moved it into SCHEDULED (`park.rs`),
//!   so it is in at most one queue, and the worker that pops it owns its body for the run.
//!
//! Why a wake-up can never be lost:
//! - Between a task registering its waiter and its worker seeing `Exit::Park`, a waker finds
//!   the task RUNNING and leaves it NOTIFIED; the worker's RUNNING→IDLE exchange then fails
//!   and it re-queues the task, whose re-run collects the delivered result.
//! - Between a waker pushing a task and an idle worker going to sleep, the idle handshake
//!   (`idle.rs`) guarantees that one of them sees the other.
//!
//! When the program ends:
//! - The main task finishing ends the program at once, whatever other tasks do (Go).
//! - An unrecovered panic in any task ends it with that panic.
//! - Deadlock: the last worker to fall asleep checks, in this order, that no timer is armed
//!   and no external waker is held, then that every queue is empty. All workers asleep means
//!   no task is running; nothing armed and nothing external means nothing can make one run.
//!
//! Rejected alternatives:
//! - One global run queue with a lock: simple, but every wake-up of a ping-pong pair would
//!   cross cores and contend on one lock; per-worker deques plus `runnext` keep the pair on
//!   one core.
//! - A dedicated monitor thread (Go's sysmon) to detect deadlock: it would poll; the last
//!   sleeper already knows the moment the system went quiet.
//! - Spinning idle workers without bound: burns a core while the program sleeps; workers
//!   spin a few rounds, then park on a condition variable.

use std::sync::Arc;
use std::thread::JoinHandle;

use crossbeam_deque::Injector;

use crate::idle::Idle;
use crate::loom::{AtomicBool, AtomicU64, AtomicUsize, Condvar, Mutex, Ordering};
use crate::park::WaitReason;
use crate::queue::StealerSlots;
use crate::stw::Stw;
use crate::task::{Registry, Task, TaskCell, TaskId, TaskRef};
use crate::timer::{Clock, SystemClock, Timers};
use crate::worker;

mod api;
mod procs;

pub use api::{ExternalGuard, Handle, Runtime, WorldStopped};

/// How a runtime is built.
#[derive(Clone)]
pub struct Config {
    /// Worker threads (GOMAXPROCS); at least 1, at most [`MAX_WORKERS`]. A running program
    /// may change it ([`Handle::set_workers`]).
    pub workers: usize,
    /// Seed of every random decision (stealing victims, select choice).
    pub seed: u64,
    /// Work units a task may spend per run before it must yield.
    pub budget: u32,
    /// The clock all of time reads.
    pub clock: Arc<dyn Clock>,
}

impl Default for Config {
    /// Workers from `GOMAXPROCS` or the available cores, a seed from the system time.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let workers = std::env::var("GOMAXPROCS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(cores);
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Self {
            workers,
            seed,
            budget: 10_000,
            clock: Arc::new(SystemClock::new()),
        }
    }
}

/// The most worker threads a runtime runs (larger GOMAXPROCS values are clamped to it).
pub const MAX_WORKERS: usize = 256;

/// A task parked when the runtime found a deadlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParkedTask {
    /// The task.
    pub id: TaskId,
    /// What it waits for.
    pub reason: WaitReason,
}

/// How a program ended.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome<P> {
    /// The main task finished.
    Completed,
    /// A task panicked and did not recover.
    Panicked {
        /// The task that panicked.
        task: TaskId,
        /// Its panic.
        payload: P,
    },
    /// Every task is blocked and nothing can wake one (Go's "all goroutines are asleep").
    Deadlock {
        /// Every parked task, by id.
        parked: Vec<ParkedTask>,
    },
    /// A task's `run` panicked in Rust: a bug in the embedder, not a Go panic. The program
    /// stops rather than hang with a worker gone.
    Crashed {
        /// The task whose run panicked.
        task: TaskId,
        /// The Rust panic message, when it was a string.
        message: String,
    },
}

/// The state shared by the workers, the handles and every task's waker.
pub(crate) struct Shared<T: Task> {
    pub(crate) injector: Injector<TaskRef<T>>,
    /// One slot per possible worker; the first `idle.started()` are filled.
    pub(crate) stealers: StealerSlots<T>,
    /// The worker threads started so far, joined at shutdown.
    threads: Mutex<Vec<JoinHandle<()>>>,
    pub(crate) idle: Idle,
    pub(crate) registry: Registry<T>,
    pub(crate) stw: Stw,
    pub(crate) timers: Timers,
    pub(crate) budget: u32,
    pub(crate) seed: u64,
    pub(crate) shutdown: AtomicBool,
    externals: AtomicUsize,
    next_id: AtomicU64,
    main_id: AtomicU64,
    outcome: Mutex<Option<Outcome<T::Panic>>>,
    outcome_cv: Condvar,
}

impl<T: Task> Shared<T> {
    fn new(config: &Config) -> Self {
        let workers = config.workers.clamp(1, MAX_WORKERS);
        Self {
            injector: Injector::new(),
            stealers: (0..MAX_WORKERS)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            threads: Mutex::new(Vec::with_capacity(workers + 1)),
            idle: Idle::new(MAX_WORKERS, workers),
            registry: Registry::new(),
            // Workers count themselves in when their thread starts (`worker::run`).
            stw: Stw::new(0),
            timers: Timers::new(Arc::clone(&config.clock)),
            budget: config.budget,
            seed: config.seed,
            shutdown: AtomicBool::new(false),
            externals: AtomicUsize::new(0),
            next_id: AtomicU64::new(1),
            main_id: AtomicU64::new(0),
            outcome: Mutex::new(None),
            outcome_cv: Condvar::new(),
        }
    }

    /// Creates and queues a task.
    pub(crate) fn spawn(self: &Arc<Self>, body: T) -> TaskId {
        let id = TaskId(self.next_id.fetch_add(1, Ordering::Relaxed));
        let task = TaskCell::new(id, body, Arc::clone(self));
        self.registry.insert(&task);
        worker::with_current(self, |core| match core {
            Some(core) => core.push_new(task),
            None => self.inject(task),
        });
        id
    }

    /// Queues a task that a wake-up made runnable (the waker won IDLE→SCHEDULED).
    pub(crate) fn schedule(&self, task: TaskRef<T>) {
        worker::with_current(self, |core| match core {
            Some(core) => core.push_woken(task),
            None => self.inject(task),
        });
    }

    fn inject(&self, task: TaskRef<T>) {
        self.injector.push(task);
        self.idle.notify_one();
    }

    /// Whether any queue visible to all workers holds a task.
    pub(crate) fn has_work(&self) -> bool {
        !self.injector.is_empty()
            || self
                .started_stealers()
                .iter()
                .filter_map(std::sync::OnceLock::get)
                .any(|s| !s.is_empty())
    }

    /// The stealer slots of the workers started so far.
    pub(crate) fn started_stealers(
        &self,
    ) -> &[std::sync::OnceLock<crossbeam_deque::Stealer<TaskRef<T>>>] {
        let started = self.idle.started().min(self.stealers.len());
        &self.stealers[..started]
    }

    /// Whether no timer is armed and no external waker is held.
    pub(crate) fn nothing_can_wake(&self) -> bool {
        self.timers.armed() == 0 && self.externals.load(Ordering::SeqCst) == 0
    }

    pub(crate) fn is_shutdown(&self) -> bool {
        self.shutdown.load(Ordering::Acquire)
    }

    /// Ends a task: drops its body now and removes it from the registry.
    pub(crate) fn task_done(&self, task: &TaskRef<T>, panic: Option<T::Panic>) {
        // SAFETY: called by the worker that just ran the task, which still owns its body.
        let body = unsafe { task.take_body() };
        task.state.finish();
        drop(body);
        self.registry.remove(task);
        if let Some(payload) = panic {
            self.finish(Outcome::Panicked {
                task: task.id,
                payload,
            });
        } else if task.id.0 == self.main_id.load(Ordering::Acquire) {
            self.finish(Outcome::Completed);
        }
    }

    /// Ends the program because a task's `run` panicked in Rust (see `Outcome::Crashed`).
    pub(crate) fn task_crashed(&self, task: &TaskRef<T>, payload: &(dyn std::any::Any + Send)) {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        task.state.finish();
        self.finish(Outcome::Crashed {
            task: task.id,
            message,
        });
    }

    /// Reports a deadlock with every parked task and its wait reason.
    pub(crate) fn report_deadlock(&self) {
        let parked = self
            .registry
            .snapshot()
            .iter()
            .filter(|task| task.state.is_parked())
            .map(|task| ParkedTask {
                id: task.id,
                reason: task.reason(),
            })
            .collect();
        self.finish(Outcome::Deadlock { parked });
    }

    /// Records the program's outcome (the first one wins) and shuts the runtime down.
    fn finish(&self, outcome: Outcome<T::Panic>) {
        {
            let mut slot = self.outcome.lock();
            if slot.is_none() {
                *slot = Some(outcome);
            }
        }
        self.outcome_cv.notify_all();
        self.begin_shutdown();
    }

    /// Tells every worker and the timer thread to stop; running tasks finish their run.
    pub(crate) fn begin_shutdown(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
        for idx in 0..self.idle.capacity() {
            self.idle.parker(idx).unpark();
        }
        self.timers.shutdown();
    }

    /// Blocks until an outcome is recorded and takes it.
    fn wait_outcome(&self) -> Option<Outcome<T::Panic>> {
        let mut slot = self.outcome.lock();
        while slot.is_none() && !self.is_shutdown() {
            slot = self.outcome_cv.wait(slot);
        }
        slot.take()
    }
}

/// Starts the timer thread and the first `config.workers` worker threads.
fn start_threads<T: Task>(shared: &Arc<Shared<T>>) -> std::io::Result<()> {
    let timer = shared.timers.spawn_thread()?;
    shared.threads.lock().push(timer);
    let mut threads = shared.threads.lock();
    for _ in 0..shared.idle.active() {
        shared.start_worker(&mut threads)?;
    }
    Ok(())
}
