//! What a running task can ask of the runtime: its waker, spawning, the seeded random
//! generator, the timers, and a handle for anything longer-lived.
//!
//! Owns: [`Context`], which lives exactly as long as one call to [`crate::Task::run`]. Does
//! not own: any state of its own beyond a copy of the worker's generator, written back after
//! the run.

use std::sync::Arc;
use std::task::Waker;

use crate::rng::Rng;
use crate::sched::{Handle, WorldStopped};
use crate::task::{Task, TaskId};
use crate::timer::Timers;
use crate::worker::Core;

/// The runtime as seen from inside one run of a task.
pub struct Context<'a, T: Task> {
    core: &'a Core<T>,
    waker: &'a Waker,
    id: TaskId,
    pub(crate) rng: Rng,
}

impl<'a, T: Task> Context<'a, T> {
    pub(crate) fn new(core: &'a Core<T>, waker: &'a Waker, id: TaskId, rng: Rng) -> Self {
        Self {
            core,
            waker,
            id,
            rng,
        }
    }

    /// The waker that makes this task runnable again; register it before returning `Park`.
    /// It borrows from the run, not from the context, so it can be passed alongside
    /// [`Self::rng`] (as `select` needs).
    pub fn waker(&self) -> &'a Waker {
        self.waker
    }

    /// This task's id.
    pub fn task_id(&self) -> TaskId {
        self.id
    }

    /// The worker's seeded generator (select's random choice draws from it).
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// Spawns a task onto this worker's queue (Go's `go` statement).
    pub fn spawn(&mut self, body: T) -> TaskId {
        self.core.shared().spawn(body)
    }

    /// The runtime's timers and clock.
    pub fn timers(&self) -> &Timers {
        &self.core.shared().timers
    }

    /// The number of live tasks (`runtime.NumGoroutine`).
    pub fn num_tasks(&self) -> usize {
        self.core.shared().registry.live()
    }

    /// A handle to the runtime that outlives this run (for timers' callbacks, say).
    pub fn handle(&self) -> Handle<T> {
        Handle::from_shared(Arc::clone(self.core.shared()))
    }

    /// Stops every other worker at its next safepoint (for the collector). This task stays
    /// running and is not visited by [`WorldStopped::for_each_task`]; it reports its own roots.
    pub fn stop_the_world(&self) -> WorldStopped<'a, T> {
        self.core.shared().stw.stop(true);
        WorldStopped::new(self.core.shared())
    }
}
