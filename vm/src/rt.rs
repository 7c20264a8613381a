//! Running VM goroutines on the M:N runtime: the glue between `exec` (which runs one
//! goroutine for a budget) and `minigo_runtime` (which schedules anything that runs with a
//! budget and says why it stopped).
//!
//! Owns: [`GoTask`], a goroutine as a runtime task; the channel implementation over
//! `minigo_runtime::Chan` (`chans`); the natives that need the scheduler (`natives`:
//! `time.Sleep`, timers, `runtime.Gosched`, ...) and the `sync` natives that park (`sync`);
//! stop-the-world collection; and
//! [`run_main`], which runs a program to its end and writes Go's report of how it ended
//! (`run`). Does not own: the interpreter, channel semantics (the runtime's), nor where
//! output goes (the caller flushes standard output before writing the report).
//!
//! How the interpreter reaches the scheduler: the `Channels` trait and natives are called
//! from inside `exec::run`, which knows nothing of wakers. While a task runs, `current`
//! publishes the run's waker, pending-operation records and random generator in a
//! thread-local, and the channel implementation and natives read them from there.
//! Rejected alternative: threading a scheduler hook through `exec::run` and every call
//! path down to natives; it would widen the hot loop's interface for a cold path.
//!
//! Invariants:
//! - A goroutine's `spawned` list is handed to the runtime after every run, so a goroutine
//!   exists either in its parent's list (traced with the parent) or as a task (a root).
//! - Every heap word held outside registers, globals and objects is reachable by the
//!   collector: values in flight through a pointer channel are counted in the channel's
//!   host object until received; a timer's callback closure is pinned while armed; timer
//!   threads allocate only under the collector's gate.

mod chans;
mod control;
mod current;
mod natives;
mod run;
mod session;
mod sync;

use std::sync::Arc;

use minigo_runtime::{Context, Exit as TaskExit, PendingOp, Sleep, Task, WaitReason as RtReason};

use crate::exec::{self, Exit, WaitReason};
use crate::goroutine::Goroutine;
use crate::panic::Panic;

pub use chans::{ChanObj, RtChannels};
pub use control::{HostWait, LimitHit, RunControl, host_wait};
pub use natives::scheduler_natives;
pub use run::{RunConfig, RunOutcome, panic_outcome, run_goroutine, run_main};
pub use session::{EvalOutcome, PanicSink, Session};

use run::Sched;

/// What a goroutine keeps between runs for the operations it may be blocked in.
#[derive(Default)]
pub(crate) struct Blocked {
    /// The channel operation or select it is parked in (the re-run protocol).
    pub(crate) chan_op: PendingOp<u64>,
    /// The semaphore acquisition it is parked in (`sync` natives).
    pub(crate) sema_op: PendingOp<()>,
    /// Go's wait reason of that acquisition (`sync.Mutex.Lock`).
    pub(crate) sema_reason: &'static str,
    /// The `time.Sleep` in progress.
    pub(crate) sleep: Option<Sleep>,
    /// Where a `runtime.Gosched` (or `runtime.GC`) call is in its yield.
    pub(crate) gosched: Gosched,
}

/// The steps of a `runtime.Gosched` call: the native asks for a yield by parking, the task
/// turns that park into a yield, and the native's re-run returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Gosched {
    /// No yield in progress.
    #[default]
    Idle,
    /// The native asked to yield; the run is ending.
    Requested,
    /// The task yielded; the native's re-run returns.
    Yielded,
}

/// A VM goroutine as a runtime task (Go's g as the scheduler sees it).
pub struct GoTask {
    g: Goroutine,
    blocked: Blocked,
    /// Go's wording of what the goroutine last parked on, for goroutine dumps.
    reason: &'static str,
    sched: Arc<Sched>,
}

impl GoTask {
    pub(crate) fn new(g: Goroutine, sched: &Arc<Sched>) -> GoTask {
        GoTask {
            g,
            blocked: Blocked::default(),
            reason: "runnable",
            sched: Arc::clone(sched),
        }
    }

    /// The goroutine.
    pub fn goroutine(&self) -> &Goroutine {
        &self.g
    }

    /// Go's wording of what it is parked on (`chan receive`).
    pub fn wait_reason(&self) -> &'static str {
        self.reason
    }

    /// Hands the goroutines started with `go` during the last run to the runtime; false
    /// (and none handed over) when that would pass the host's goroutine limit.
    fn hand_over_spawned(&mut self, cx: &mut Context<'_, GoTask>) -> bool {
        if self.g.spawned.is_empty() {
            return true;
        }
        if let Some(control) = &self.sched.control
            && let Some(max) = control.max_goroutines
            && cx.num_tasks() + self.g.spawned.len() > max
        {
            control.record(control::LimitHit::Goroutines);
            self.g.spawned.clear();
            return false;
        }
        for g in std::mem::take(&mut self.g.spawned) {
            cx.spawn(GoTask::new(g, &self.sched));
        }
        true
    }

    /// Ends a run with a yield, collecting garbage first if the heap asked for it.
    fn yield_now(&mut self, cx: &mut Context<'_, GoTask>) -> TaskExit<Box<Panic>> {
        if self.g.vm.heap.wants_gc() {
            run::collect_from_task(cx, &self.g, &self.sched);
            if let Some(control) = &self.sched.control
                && control
                    .max_heap_bytes
                    .is_some_and(|max| self.g.vm.heap.live_bytes() > max)
            {
                control.record(control::LimitHit::Heap);
                return TaskExit::Panic(control.panic(self.g.id));
            }
        }
        TaskExit::Yield
    }

    /// Charges a spent budget slice to the host's instruction budget; false once spent.
    fn charge(&self, budget: u32) -> bool {
        self.sched.control.as_ref().is_none_or(|c| c.charge(budget))
    }

    /// Ends this task because the host stopped the run.
    fn stopped(&self) -> TaskExit<Box<Panic>> {
        match &self.sched.control {
            Some(control) => TaskExit::Panic(control.panic(self.g.id)),
            None => unreachable!("only a run with a control is stopped"),
        }
    }

    fn run_once(&mut self, cx: &mut Context<'_, GoTask>, budget: u32) -> Exit {
        let waker = cx.waker();
        let mut rng = *cx.rng();
        let exit = current::enter(
            current::RunState {
                goroutine: self.g.id,
                waker,
                blocked: &mut self.blocked,
                rng: &mut rng,
                sched: &self.sched,
            },
            || exec::run(&mut self.g, budget),
        );
        *cx.rng() = rng;
        exit
    }
}

impl Task for GoTask {
    type Panic = Box<Panic>;

    fn run(&mut self, cx: &mut Context<'_, Self>, budget: u32) -> TaskExit<Box<Panic>> {
        if session::cancelled(self) {
            return TaskExit::Done;
        }
        if let Some(control) = &self.sched.control
            && control.hit().is_some()
        {
            return TaskExit::Panic(control.panic(self.g.id));
        }
        let exit = self.run_once(cx, budget);
        if !self.hand_over_spawned(cx) {
            return self.stopped();
        }
        match exit {
            Exit::Yield if !self.charge(budget) => self.stopped(),
            Exit::Yield => self.yield_now(cx),
            Exit::Park(_) if self.blocked.gosched == Gosched::Requested => {
                self.blocked.gosched = Gosched::Yielded;
                self.yield_now(cx)
            }
            Exit::Park(reason) => {
                self.reason = reason.as_str();
                TaskExit::Park(runtime_reason(reason))
            }
            Exit::Done => {
                self.sched.finished(&mut self.g);
                session::finished(self);
                TaskExit::Done
            }
            Exit::Panic(p) => session::panicked(self, p),
        }
    }
}

/// The runtime's name for a VM wait reason (the runtime reports deadlocks with it).
pub(crate) fn runtime_reason(reason: WaitReason) -> RtReason {
    match reason {
        WaitReason::ChanSend => RtReason::ChanSend,
        WaitReason::ChanReceive => RtReason::ChanReceive,
        WaitReason::Select => RtReason::Select,
        WaitReason::SelectNoCases => RtReason::SelectNoCases,
        WaitReason::Native(text) => native_reason(text),
        _ => RtReason::Host,
    }
}

/// Maps Go's wording of a native's wait reason to the runtime's enum.
fn native_reason(text: &str) -> RtReason {
    const KNOWN: [RtReason; 9] = [
        RtReason::ChanReceiveNilChan,
        RtReason::ChanSendNilChan,
        RtReason::Sleep,
        RtReason::SyncWaitGroupWait,
        RtReason::SyncMutexLock,
        RtReason::SyncRWMutexLock,
        RtReason::SyncRWMutexRLock,
        RtReason::SyncCondWait,
        RtReason::SelectNoCases,
    ];
    KNOWN
        .into_iter()
        .find(|r| r.as_str() == text)
        .unwrap_or(RtReason::Host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_reasons_map_one_to_one_by_go_name() {
        assert_eq!(
            runtime_reason(WaitReason::ChanReceive),
            RtReason::ChanReceive
        );
        assert_eq!(
            runtime_reason(WaitReason::Native("chan send (nil chan)")),
            RtReason::ChanSendNilChan
        );
        assert_eq!(
            runtime_reason(WaitReason::Native("sync.Mutex.Lock")),
            RtReason::SyncMutexLock
        );
        assert_eq!(runtime_reason(WaitReason::Native("odd")), RtReason::Host);
    }
}
