//! The minigo runtime: an M:N work-stealing scheduler, channels, select, timers and parking.
//!
//! Owns: everything that makes goroutines run: worker threads (`worker.rs`), run queues
//! (`queue.rs`), the task state machine (`park.rs`), channels (`chan.rs`), select
//! (`select.rs`), a task semaphore for the sync package (`sema.rs`), timers (`timer.rs`), deadlock detection and stop-the-world (`sched.rs`,
//! `stw.rs`).
//!
//! **Architecture Invariant:** the runtime never names a VM type or an opcode. It schedules
//! anything that implements [`Task`] (run with a budget, say why you stopped), and its
//! channels carry any value type. Blocking operations are re-runnable: the first call
//! registers a waiter and returns `Poll::Pending`, the re-run after the wake-up collects what
//! the waker delivered (Go's "loop and re-run" with the sudog hand-off).
//!
//! Under `--cfg loom` only the parts with loom models are built (the task state machine,
//! waiters, channels and select), with loom's synchronization types from the `loom` facade module.

// Under loom only the modelled modules are built, so helpers they share with the scheduler
// look unused there.
#![cfg_attr(loom, allow(dead_code, unused_imports))]

mod chan;
mod loom;
mod park;
mod rng;
mod select;
mod sema;
mod waiter;

#[cfg(not(loom))]
mod context;
#[cfg(not(loom))]
mod host;
#[cfg(not(loom))]
mod idle;
#[cfg(not(loom))]
mod queue;
#[cfg(not(loom))]
mod sched;
#[cfg(not(loom))]
mod stw;
#[cfg(not(loom))]
mod task;
#[cfg(not(loom))]
mod timer;
#[cfg(not(loom))]
mod worker;

#[cfg(loom)]
mod loom_models;

pub use chan::{Chan, ChanError, TryRecv, TrySendError};
pub use park::WaitReason;
pub use rng::Rng;
pub use select::{SelectCase, Selected, select};
pub use sema::Sema;
pub use waiter::PendingOp;

#[cfg(not(loom))]
pub use context::Context;
#[cfg(not(loom))]
pub use sched::{
    Config, ExternalGuard, Handle, MAX_WORKERS, Outcome, ParkedTask, Runtime, WorldStopped,
};
#[cfg(not(loom))]
pub use task::{Exit, Task, TaskId};
#[cfg(not(loom))]
pub use timer::{Callback, Clock, SendTime, Sleep, SystemClock, Timer, TimerAction, Timers};
