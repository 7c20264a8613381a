//! The host's control over the runs of one program: sandbox limits (instructions,
//! goroutines, heap bytes), stopping a run from another thread (a deadline, a cancel), the
//! host-held channel ends that keep deadlock detection off, and host functions that park
//! their goroutine until the host completes them.
//!
//! Owns: [`RunControl`], [`LimitHit`], [`host_wait`]. Does not own: the clock (a deadline is
//! the embedder's watchdog calling [`RunControl::stop`]), nor the embedding API's types.
//!
//! Invariants:
//! - A control costs nothing on the interpreter's hot path: it is read by the task between
//!   runs (one atomic load per run), and its instruction count is charged per budget slice.
//! - Once a limit is hit, every task of the run ends at its next run with the same
//!   unrecoverable panic, so the run ends with `Outcome::Panicked`; [`RunControl::hit`]
//!   says which limit it was. The first limit hit wins.
//! - A stop from another thread also spawns a task that ends the run at once, so a run whose
//!   goroutines are all parked (on a channel the host holds, say) still ends.
//!
//! Rejected alternative: checking a deadline inside the dispatch loop; it would put a clock
//! read on the hot path. A stop raised from a watchdog thread costs nothing until it fires.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::task::Waker;

use minigo_runtime::{ExternalGuard, Handle};
use parking_lot::Mutex;

use super::GoTask;
use super::current;
use super::run::Sched;
use crate::goroutine::Goroutine;
use crate::op::FuncIdx;
use crate::panic::{Panic, PanicKind};
use crate::vm::Vm;

/// Which limit ended a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LimitHit {
    /// The instruction budget of the whole run was spent.
    Instructions,
    /// The wall-clock deadline passed.
    Deadline,
    /// The host cancelled the run.
    Cancelled,
    /// A `go` statement would have exceeded the goroutine limit.
    Goroutines,
    /// The live heap stayed above its limit after a collection.
    Heap,
}

impl LimitHit {
    const ALL: [LimitHit; 5] = [
        LimitHit::Instructions,
        LimitHit::Deadline,
        LimitHit::Cancelled,
        LimitHit::Goroutines,
        LimitHit::Heap,
    ];

    fn code(self) -> u8 {
        match self {
            LimitHit::Instructions => 1,
            LimitHit::Deadline => 2,
            LimitHit::Cancelled => 3,
            LimitHit::Goroutines => 4,
            LimitHit::Heap => 5,
        }
    }

    /// The limit's name in messages (`instruction budget`).
    pub fn as_str(self) -> &'static str {
        match self {
            LimitHit::Instructions => "instruction budget",
            LimitHit::Deadline => "deadline",
            LimitHit::Cancelled => "cancellation",
            LimitHit::Goroutines => "goroutine limit",
            LimitHit::Heap => "heap limit",
        }
    }
}

/// What a running program needs to be stopped from outside.
struct Killer {
    handle: Handle<GoTask>,
    sched: Arc<Sched>,
    vm: Arc<Vm>,
    entry: FuncIdx,
}

/// The host-held channel ends, and the guard that keeps deadlock detection off while any
/// exists during a run.
#[derive(Default)]
struct HostEnds {
    count: usize,
    guard: Option<ExternalGuard<GoTask>>,
}

/// Limits and stop switch for the runs of one program. One run at a time uses it.
#[derive(Default)]
pub struct RunControl {
    /// Calls and backward jumps the whole run may execute (charged per budget slice).
    pub max_instructions: Option<u64>,
    /// The most goroutines alive at once, the main one included.
    pub max_goroutines: Option<usize>,
    /// The most live heap bytes after a collection.
    pub max_heap_bytes: Option<usize>,
    used: AtomicU64,
    hit: AtomicU8,
    killer: Mutex<Option<Killer>>,
    host_ends: Mutex<HostEnds>,
}

impl std::fmt::Debug for RunControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunControl")
            .field("max_instructions", &self.max_instructions)
            .field("max_goroutines", &self.max_goroutines)
            .field("max_heap_bytes", &self.max_heap_bytes)
            .field("hit", &self.hit())
            .finish_non_exhaustive()
    }
}

impl RunControl {
    /// A control with these limits (`None`: unlimited).
    pub fn new(
        max_instructions: Option<u64>,
        max_goroutines: Option<usize>,
        max_heap_bytes: Option<usize>,
    ) -> RunControl {
        RunControl {
            max_instructions,
            max_goroutines,
            max_heap_bytes,
            ..RunControl::default()
        }
    }

    /// Clears the counters and the hit flag before a run.
    pub fn reset(&self) {
        self.used.store(0, Ordering::Relaxed);
        self.hit.store(0, Ordering::SeqCst);
    }

    /// The limit that ended the current or last run, if one did.
    pub fn hit(&self) -> Option<LimitHit> {
        let code = self.hit.load(Ordering::Acquire);
        LimitHit::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Instructions charged to the current or last run.
    pub fn instructions_used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    /// Ends the run in progress (from any thread) because of `limit`; the first limit hit
    /// wins. Without a run in progress, the next run ends at its first task run unless
    /// [`Self::reset`] is called first.
    pub fn stop(&self, limit: LimitHit) {
        self.record(limit);
        let killer = self.killer.lock();
        if let Some(k) = killer.as_ref()
            && let Ok(g) = Goroutine::new(&k.vm, k.entry, &[])
        {
            k.handle.spawn(GoTask::new(g, &k.sched));
        }
    }

    /// Records `limit` as hit unless another one was first.
    pub fn record(&self, limit: LimitHit) {
        let _ = self
            .hit
            .compare_exchange(0, limit.code(), Ordering::AcqRel, Ordering::Acquire);
    }

    /// Charges a spent budget slice; false once the instruction budget is exhausted.
    pub fn charge(&self, slice: u32) -> bool {
        let Some(max) = self.max_instructions else {
            return true;
        };
        let used = self.used.fetch_add(u64::from(slice), Ordering::Relaxed) + u64::from(slice);
        if used > max {
            self.record(LimitHit::Instructions);
            return false;
        }
        true
    }

    /// The unrecoverable panic every task of a stopped run ends with.
    pub(crate) fn panic(&self, goroutine: u64) -> Box<Panic> {
        let what = self.hit().map_or("limit", LimitHit::as_str);
        Box::new(Panic {
            kind: PanicKind::Runtime(format!("minigo: {what} exceeded")),
            repanicked: false,
            earlier: Vec::new(),
            stack: Vec::new(),
            goroutine,
        })
    }

    /// Called when a run starts on `handle`: lets [`Self::stop`] end it, and keeps deadlock
    /// detection off if the host holds channel ends.
    pub(crate) fn attach(&self, handle: &Handle<GoTask>, sched: &Arc<Sched>, vm: &Arc<Vm>) {
        let entry = vm
            .program
            .function_named("runtime.main")
            .unwrap_or(FuncIdx(0));
        *self.killer.lock() = Some(Killer {
            handle: handle.clone(),
            sched: Arc::clone(sched),
            vm: Arc::clone(vm),
            entry,
        });
        let mut ends = self.host_ends.lock();
        if ends.count > 0 {
            ends.guard = Some(handle.external());
        }
        drop(ends);
        // A stop that raced with the start found no killer; repeat it now that one exists.
        if let Some(limit) = self.hit() {
            self.stop(limit);
        }
    }

    /// Called when a run ended: drops everything that referred to its runtime.
    pub(crate) fn detach(&self) {
        self.killer.lock().take();
        self.host_ends.lock().guard.take();
    }

    /// The host took a channel end: while it holds one, blocked goroutines may still be
    /// woken by the host, so they are not a deadlock.
    pub fn add_host_end(&self) {
        let mut ends = self.host_ends.lock();
        ends.count += 1;
        if ends.count == 1
            && let Some(k) = self.killer.lock().as_ref()
        {
            ends.guard = Some(k.handle.external());
        }
    }

    /// The host dropped a channel end; the last one lets deadlock detection run again.
    pub fn remove_host_end(&self) {
        let mut ends = self.host_ends.lock();
        ends.count = ends.count.saturating_sub(1);
        if ends.count == 0 {
            ends.guard.take();
        }
    }
}

/// What a native needs to park its goroutine on a host operation: the waker that makes the
/// goroutine runnable again, and a guard that keeps deadlock detection off until the host
/// operation completes (drop it then).
pub struct HostWait {
    /// Wakes the parked goroutine; the native is then called again with the same arguments.
    pub waker: Waker,
    /// Keeps the run from being reported as a deadlock while the host may still wake it.
    pub guard: ExternalGuard<GoTask>,
}

/// The parking tools for goroutine `goroutine`, when it is running under the scheduler on
/// this thread (`None` outside it: the native should then park without starting its host
/// operation, and it is called again once the goroutine runs under the scheduler).
pub fn host_wait(goroutine: u64) -> Option<HostWait> {
    current::with_run_of(goroutine, |run| {
        let handle = run.sched.handle()?;
        Some(HostWait {
            waker: run.waker.clone(),
            guard: handle.external(),
        })
    })
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_limit_hit_wins_until_reset() {
        let control = RunControl::default();
        assert_eq!(control.hit(), None);
        control.record(LimitHit::Heap);
        control.record(LimitHit::Deadline);
        assert_eq!(control.hit(), Some(LimitHit::Heap));
        control.reset();
        assert_eq!(control.hit(), None);
    }

    #[test]
    fn charging_past_the_budget_records_the_instruction_limit() {
        let control = RunControl {
            max_instructions: Some(25),
            ..RunControl::default()
        };
        assert!(control.charge(10));
        assert!(control.charge(10));
        assert!(!control.charge(10));
        assert_eq!(control.hit(), Some(LimitHit::Instructions));
        assert_eq!(control.instructions_used(), 30);
    }

    #[test]
    fn host_ends_are_counted_without_a_run() {
        let control = RunControl::default();
        control.add_host_end();
        control.add_host_end();
        control.remove_host_end();
        assert_eq!(control.host_ends.lock().count, 1);
        control.remove_host_end();
        control.remove_host_end();
        assert_eq!(control.host_ends.lock().count, 0);
    }
}
