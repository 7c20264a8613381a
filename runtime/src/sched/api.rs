//! The embedder's handles on a runtime: [`Runtime`] (owns the threads), [`Handle`] (a
//! cloneable reference for spawning and timers), [`ExternalGuard`] and [`WorldStopped`].
//!
//! Owns: thread start-up and join, and tearing tasks down at the end so that the reference
//! cycles between tasks, channels and wakers are broken. Does not own: scheduling itself.

use std::sync::Arc;

use super::{Config, Outcome, Shared, start_threads};
use crate::loom::Ordering;
use crate::park::WaitReason;
use crate::task::{Task, TaskId};
use crate::timer::Timers;
use crate::worker;

/// An M:N runtime running tasks of type `T` on worker threads.
///
/// # Examples
///
/// ```
/// use minigo_runtime::{Config, Context, Exit, Outcome, Runtime, Task};
///
/// struct Hello;
/// impl Task for Hello {
///     type Panic = ();
///     fn run(&mut self, _cx: &mut Context<'_, Self>, _budget: u32) -> Exit<()> {
///         Exit::Done
///     }
/// }
///
/// let mut rt = Runtime::new(Config { workers: 1, ..Config::default() }).unwrap();
/// assert!(matches!(rt.run(Hello), Outcome::Completed));
/// ```
pub struct Runtime<T: Task> {
    shared: Arc<Shared<T>>,
}

impl<T: Task> Runtime<T> {
    /// Starts `config.workers` worker threads (at least one) and the timer thread.
    ///
    /// # Errors
    ///
    /// The OS error if a thread cannot be started.
    pub fn new(config: Config) -> std::io::Result<Self> {
        let shared = Arc::new(Shared::new(&config));
        let weak = Arc::downgrade(&shared);
        shared.timers.set_idle_hook(move || {
            if let Some(shared) = weak.upgrade() {
                shared.idle.notify_one();
            }
        });
        if let Err(err) = start_threads(&shared) {
            shared.begin_shutdown();
            for thread in shared.take_threads() {
                let _ = thread.join();
            }
            return Err(err);
        }
        Ok(Self { shared })
    }

    /// A cloneable handle for spawning, timers and stop-the-world.
    pub fn handle(&self) -> Handle<T> {
        Handle::from_shared(Arc::clone(&self.shared))
    }

    /// Runs `main` as the main task and blocks until the program ends: main finished, a task
    /// panicked, or a deadlock. Every worker has stopped when this returns, so the embedder
    /// may then inspect the remaining tasks with [`Self::for_each_task`] (a goroutine dump).
    ///
    /// # Panics
    ///
    /// If called a second time: a runtime runs one program.
    pub fn run(&mut self, main: T) -> Outcome<T::Panic> {
        let id = self.shared.next_id.load(Ordering::Relaxed);
        self.shared.main_id.store(id, Ordering::Release);
        let spawned = self.shared.spawn(main);
        debug_assert_eq!(spawned.0, id, "no task may be spawned while main starts");
        let outcome = self.shared.wait_outcome();
        self.join();
        outcome.unwrap_or_else(|| panic!("Runtime::run called twice: a runtime runs one program"))
    }

    /// Visits every task that has not finished, with its last wait reason, in id order.
    /// Only meaningful after [`Self::run`] returned (workers have stopped).
    pub fn for_each_task(&mut self, mut f: impl FnMut(TaskId, WaitReason, &mut T)) {
        self.join();
        for task in self.shared.registry.snapshot() {
            // SAFETY: every worker thread has exited (`join` above), so nothing else touches
            // task bodies.
            unsafe { task.with_body(|body| f(task.id, task.reason(), body)) };
        }
    }

    fn join(&mut self) {
        self.shared.begin_shutdown();
        // Once shutdown is set no thread starts (`set_workers` checks it under the same lock),
        // so one take is every thread there will be.
        for thread in self.shared.take_threads() {
            // A worker that panicked has already lost its task; the program's outcome stands.
            let _ = thread.join();
        }
    }
}

impl<T: Task> Drop for Runtime<T> {
    fn drop(&mut self) {
        self.join();
        // Tasks, channels and wakers form cycles (a parked task's channel holds its waker);
        // dropping every body breaks them.
        for task in self.shared.registry.drain() {
            // SAFETY: the workers have exited, so nothing else touches task bodies.
            drop(unsafe { task.take_body() });
        }
        while !self.shared.injector.is_empty() {
            let _ = self.shared.injector.steal();
        }
    }
}

/// A cloneable reference to a runtime.
pub struct Handle<T: Task> {
    shared: Arc<Shared<T>>,
}

impl<T: Task> Clone for Handle<T> {
    fn clone(&self) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T: Task> Handle<T> {
    pub(crate) fn from_shared(shared: Arc<Shared<T>>) -> Self {
        Self { shared }
    }

    /// Spawns a task (from a host thread, a timer callback or a task).
    pub fn spawn(&self, body: T) -> TaskId {
        self.shared.spawn(body)
    }

    /// Sets how many worker threads may run tasks (`runtime.GOMAXPROCS(n)`), starting or
    /// waking workers when it grows and retiring the surplus when it shrinks; returns the
    /// previous value. `n` is clamped to `1..=MAX_WORKERS`.
    pub fn set_workers(&self, n: usize) -> usize {
        self.shared.set_workers(n)
    }

    /// How many worker threads may run tasks (`runtime.GOMAXPROCS(0)`).
    pub fn workers(&self) -> usize {
        self.shared.idle.active()
    }

    /// The number of live tasks (`runtime.NumGoroutine`).
    pub fn num_tasks(&self) -> usize {
        self.shared.registry.live()
    }

    /// The runtime's timers and clock.
    pub fn timers(&self) -> &Timers {
        &self.shared.timers
    }

    /// Declares that the host may wake tasks (it holds a channel end, say): while the guard
    /// lives, blocked tasks are not reported as a deadlock.
    pub fn external(&self) -> ExternalGuard<T> {
        self.shared.externals.fetch_add(1, Ordering::SeqCst);
        ExternalGuard {
            shared: Arc::clone(&self.shared),
        }
    }

    /// Stops every worker at its next safepoint (between task runs) and returns a guard that
    /// visits the tasks; dropping it resumes the workers. When called from inside a task,
    /// use [`crate::Context::stop_the_world`] instead, which does not wait for itself.
    pub fn stop_the_world(&self) -> WorldStopped<'_, T> {
        let from_worker = worker::with_current(&self.shared, |core| core.is_some());
        self.shared.stw.stop(from_worker);
        WorldStopped::new(&self.shared)
    }
}

/// Keeps deadlock detection off while the host may still wake tasks.
pub struct ExternalGuard<T: Task> {
    shared: Arc<Shared<T>>,
}

impl<T: Task> Drop for ExternalGuard<T> {
    fn drop(&mut self) {
        self.shared.externals.fetch_sub(1, Ordering::SeqCst);
        // If every worker sleeps, one must wake to re-run the deadlock check.
        self.shared.idle.notify_one();
    }
}

/// Proof that no worker is running a task (other than the requester's own); dropping it
/// lets them continue.
pub struct WorldStopped<'a, T: Task> {
    shared: &'a Shared<T>,
}

impl<'a, T: Task> WorldStopped<'a, T> {
    pub(crate) fn new(shared: &'a Shared<T>) -> Self {
        Self { shared }
    }

    /// Visits every live task that is not running (the GC's roots), in id order.
    pub fn for_each_task(&mut self, mut f: impl FnMut(TaskId, &mut T)) {
        for task in self.shared.registry.snapshot() {
            if task.state.is_running() {
                continue;
            }
            // SAFETY: the world is stopped, so no worker is inside this task, and only this
            // guard (borrowed mutably) visits bodies.
            unsafe { task.with_body(|body| f(task.id, body)) };
        }
    }
}

impl<T: Task> Drop for WorldStopped<'_, T> {
    fn drop(&mut self) {
        self.shared.stw.resume();
    }
}
