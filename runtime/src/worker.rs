//! A worker (Go's M bound to its P): one OS thread with a local run queue, that picks tasks,
//! runs them with a budget, acts on why they stopped, and sleeps when there is nothing to do.
//!
//! Owns: [`Core`] (the per-thread state), the worker loop, and the one place that decides
//! what runs next ([`Core::next_task`]). Does not own: the queues' data structures
//! (`queue.rs`), the idle handshake (`idle.rs`), nor deadlock reporting (`sched.rs`).
//!
//! Invariants:
//! - A `Core` is used only on its own thread, through shared references (its mutable parts
//!   are `Cell`s), so a waker running inside a task's `run` may reach it through the
//!   thread-local pointer without aliasing a `&mut`.
//! - The thread-local pointer names a `Core` only while that `Core` is alive on this thread,
//!   and only for the runtime whose address it records.
//! - A worker whose index is at or past GOMAXPROCS (`Idle::active`) runs no task: at its next
//!   task boundary it hands its queue to the injector and parks until the limit grows
//!   (`Core::retire`). It is counted as running for stop-the-world only while it runs.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::task::Waker;

use crate::context::Context;
use crate::queue::LocalQueue;
use crate::rng::Rng;
use crate::sched::Shared;
use crate::task::{Exit, Task, TaskRef};

/// How many rounds an idle worker looks for work before it goes to sleep (bounded spinning).
const SEARCH_ROUNDS: u32 = 8;

thread_local! {
    /// The address of the runtime this thread works for and of its `Core`, or zeros.
    static CURRENT: Cell<(usize, *const ())> = const { Cell::new((0, std::ptr::null())) };
}

/// Per-worker state (Go's P).
pub(crate) struct Core<T: Task> {
    index: usize,
    shared: Arc<Shared<T>>,
    queue: LocalQueue<T>,
    rng: Cell<Rng>,
}

/// Runs `f` with this thread's `Core` if the thread is a worker of `shared`'s runtime.
pub(crate) fn with_current<T: Task, R>(
    shared: &Shared<T>,
    f: impl FnOnce(Option<&Core<T>>) -> R,
) -> R {
    let (owner, core) = CURRENT.try_with(Cell::get).unwrap_or((0, std::ptr::null()));
    if owner == std::ptr::from_ref(shared) as usize && !core.is_null() {
        // SAFETY: CURRENT records this runtime's address only while `Core<T>` of this runtime
        // (hence of this `T`) is alive on this thread (`CurrentGuard`), and a `Core` is only
        // ever used through shared references.
        f(Some(unsafe { &*core.cast::<Core<T>>() }))
    } else {
        f(None)
    }
}

/// Sets and clears the thread-local pointer around a worker's life.
struct CurrentGuard;

impl CurrentGuard {
    fn enter<T: Task>(core: &Core<T>) -> Self {
        let owner = Arc::as_ptr(&core.shared) as usize;
        CURRENT.with(|c| c.set((owner, std::ptr::from_ref(core).cast::<()>())));
        Self
    }
}

impl Drop for CurrentGuard {
    fn drop(&mut self) {
        let _ = CURRENT.try_with(|c| c.set((0, std::ptr::null())));
    }
}

/// The body of a worker thread.
pub(crate) fn run<T: Task>(shared: Arc<Shared<T>>, index: usize, queue: LocalQueue<T>) {
    let rng = Rng::stream(shared.seed, index as u64);
    let core = Core {
        index,
        shared,
        queue,
        rng: Cell::new(rng),
    };
    let guard = CurrentGuard::enter(&core);
    // Count this worker as running before it touches a task (it waits out a stop in force).
    core.shared.stw.rejoin();
    core.run_loop();
    drop(guard);
    core.shared.stw.leave();
}

impl<T: Task> Core<T> {
    pub(crate) fn shared(&self) -> &Arc<Shared<T>> {
        &self.shared
    }

    fn run_loop(&self) {
        while !self.shared.is_shutdown() {
            self.shared.stw.safepoint();
            if self.index >= self.shared.idle.active() {
                self.retire();
                continue;
            }
            if let Some(task) = self.next_task().or_else(|| self.search()) {
                self.run_task(task);
            } else {
                self.sleep();
            }
        }
    }

    /// The scheduling decision, in one place (Go's `findRunnable`, simplified).
    fn next_task(&self) -> Option<TaskRef<T>> {
        let mut rng = self.rng.get();
        let res = self.queue.next(
            &self.shared.injector,
            self.shared.started_stealers(),
            self.index,
            &mut rng,
        );
        self.rng.set(rng);
        res
    }

    /// Bounded spinning: look for work a few rounds before sleeping.
    fn search(&self) -> Option<TaskRef<T>> {
        let idle = &self.shared.idle;
        idle.start_searching();
        for _ in 0..SEARCH_ROUNDS {
            if let Some(task) = self.next_task() {
                idle.stop_searching(true);
                return Some(task);
            }
            if self.shared.is_shutdown() {
                break;
            }
            self.shared.stw.safepoint();
            std::thread::yield_now();
        }
        idle.stop_searching(false);
        None
    }

    fn run_task(&self, task: TaskRef<T>) {
        task.state.start_run();
        let waker = Waker::from(Arc::clone(&task));
        let mut cx = Context::new(self, &waker, task.id, self.rng.get());
        let budget = self.shared.budget;
        // A Rust panic inside `run` is an embedder bug; catching it ends the program cleanly
        // instead of losing a worker and hanging. Nothing is observed after the unwind but the
        // task's id, so unwind safety holds.
        let exit = panic::catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: `start_run` made this worker the only party inside the task (park.rs).
            unsafe { task.with_body(|body| body.run(&mut cx, budget)) }
        }));
        self.rng.set(cx.rng);
        let exit = match exit {
            Ok(exit) => exit,
            Err(payload) => return self.shared.task_crashed(&task, payload.as_ref()),
        };
        match exit.unwrap_or(Exit::Done) {
            Exit::Yield => {
                task.state.requeue();
                self.queue.push_back(task, &self.shared.idle);
            }
            Exit::Park(reason) => {
                task.set_reason(reason);
                if !task.state.park() {
                    self.queue.push_back(task, &self.shared.idle);
                }
            }
            Exit::Done => self.shared.task_done(&task, None),
            Exit::Panic(payload) => self.shared.task_done(&task, Some(payload)),
        }
    }

    /// Makes a task woken by the task running on this worker the next to run (Go's runnext).
    pub(crate) fn push_woken(&self, task: TaskRef<T>) {
        self.queue.push_next(task, &self.shared.idle);
    }

    /// Queues a newly spawned task behind the others.
    pub(crate) fn push_new(&self, task: TaskRef<T>) {
        self.queue.push_spawned(task, &self.shared.idle);
    }

    /// Sleeps until woken, after the idle handshake and the deadlock check (`sched.rs`).
    fn sleep(&self) {
        let shared = &self.shared;
        let idle = &shared.idle;
        let all_asleep = idle.register_sleeper(self.index);
        // Read "nothing else can wake a task" before re-checking the queues: see `timer.rs`.
        let quiet = all_asleep && shared.nothing_can_wake();
        if shared.has_work() || self.queue.has_work() || shared.is_shutdown() {
            idle.unregister_sleeper(self.index);
            return;
        }
        if quiet && shared.registry.live() > 0 {
            idle.unregister_sleeper(self.index);
            shared.report_deadlock();
            return;
        }
        shared.stw.leave();
        idle.parker(self.index).park(&shared.shutdown);
        // A wake-up that did not come through `notify_one` (shutdown, a GOMAXPROCS change)
        // leaves this worker on the sleeper list.
        idle.unregister_sleeper(self.index);
        shared.stw.rejoin();
    }

    /// Parks this worker while its index is past GOMAXPROCS, after handing its queued tasks
    /// to the injector for the workers that stay.
    fn retire(&self) {
        let shared = &self.shared;
        let idle = &shared.idle;
        while let Some(task) = self.queue.take_any() {
            shared.injector.push(task);
        }
        shared.stw.leave();
        let all_asleep = idle.retire();
        // The work handed over, or the wake-up this worker may have taken from a sleeper,
        // goes to a worker that stays.
        idle.notify_one();
        if all_asleep
            && shared.nothing_can_wake()
            && !shared.has_work()
            && shared.registry.live() > 0
        {
            // The last worker to stop running: the deadlock check is this worker's to make.
            shared.report_deadlock();
        }
        let parker = idle.parker(self.index);
        while self.index >= idle.active() && !shared.is_shutdown() {
            parker.park(&shared.shutdown);
        }
        idle.unretire();
        shared.stw.rejoin();
    }
}
