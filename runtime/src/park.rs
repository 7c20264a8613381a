//! Parking a task: the task state machine that makes a wake-up impossible to lose (Go's
//! `gopark`/`goready` pair), and the reasons a task can be parked for.
//!
//! Owns: [`TaskState`], the five-state atomic machine every task carries, and [`WaitReason`].
//! Does not own: queues (a transition that returns "enqueue" leaves the pushing to the
//! scheduler) nor what a task waits on (channels register their own waiters).
//!
//! The machine (the one protocol every waker and every worker follows):
//!
//! ```text
//!            wake                 worker pops                 Exit::Park
//!   IDLE ─────────────▶ SCHEDULED ──────────▶ RUNNING ────────────────────▶ IDLE
//!                           ▲                   │  wake
//!                           │   Exit::Park      ▼
//!                           └─────────────── NOTIFIED     Exit::Done ──▶ DONE
//! ```
//!
//! Invariants:
//! - Exactly one party moves a task into SCHEDULED and so enqueues it: the waker that wins the
//!   IDLE→SCHEDULED exchange, or the worker whose RUNNING→IDLE exchange fails because a wake
//!   arrived during the run (NOTIFIED). A task is therefore in at most one queue at a time,
//!   and the worker that pops it has exclusive access to its body.
//! - A wake that lands while the task is still running (between registering its waiter and
//!   returning `Park`) is never lost: it leaves NOTIFIED behind, and the worker re-queues the
//!   task instead of parking it, so the re-executed instruction sees what the waker delivered.
//! - Wakes of SCHEDULED, NOTIFIED or DONE tasks are no-ops: a spurious or late wake is
//!   harmless because every blocking operation re-checks its condition when re-run.

use std::fmt;

use crate::loom::{AtomicU8, Ordering};

const IDLE: u8 = 0;
const SCHEDULED: u8 = 1;
const RUNNING: u8 = 2;
const NOTIFIED: u8 = 3;
const DONE: u8 = 4;

/// What a task's state says the waker must do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WakeAction {
    /// The waker moved the task from IDLE to SCHEDULED and must enqueue it.
    Enqueue,
    /// Nothing to do: already queued, running (now NOTIFIED) or finished.
    Nothing,
}

/// The atomic state of one task (see the module doc for the machine).
#[derive(Debug)]
pub(crate) struct TaskState(AtomicU8);

impl TaskState {
    /// A new task starts SCHEDULED because spawning enqueues it.
    pub(crate) fn new_scheduled() -> Self {
        Self(AtomicU8::new(SCHEDULED))
    }

    /// Records a wake-up and says whether the caller must enqueue the task.
    pub(crate) fn wake(&self) -> WakeAction {
        let mut cur = self.0.load(Ordering::Acquire);
        loop {
            let next = match cur {
                IDLE => SCHEDULED,
                RUNNING => NOTIFIED,
                _ => return WakeAction::Nothing,
            };
            match self
                .0
                .compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) if next == SCHEDULED => return WakeAction::Enqueue,
                Ok(_) => return WakeAction::Nothing,
                Err(actual) => cur = actual,
            }
        }
    }

    /// Marks a popped task as running; only the worker that popped it may call this.
    pub(crate) fn start_run(&self) {
        let prev = self.0.swap(RUNNING, Ordering::AcqRel);
        debug_assert_eq!(prev, SCHEDULED, "a task ran without being scheduled");
    }

    /// Ends a run with `Exit::Park`. Returns `true` when the task is now parked, `false` when a
    /// wake arrived during the run: the task is then SCHEDULED again and the caller enqueues it.
    pub(crate) fn park(&self) -> bool {
        match self
            .0
            .compare_exchange(RUNNING, IDLE, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => true,
            Err(_) => {
                // Only a waker can have changed RUNNING, and wakers only write NOTIFIED.
                self.0.store(SCHEDULED, Ordering::Release);
                false
            }
        }
    }

    /// Ends a run with `Exit::Yield`: the caller enqueues the task again.
    pub(crate) fn requeue(&self) {
        self.0.store(SCHEDULED, Ordering::Release);
    }

    /// Ends the task for good; later wakes do nothing.
    pub(crate) fn finish(&self) {
        self.0.store(DONE, Ordering::Release);
    }

    /// Whether a worker is inside the task's `run` right now.
    pub(crate) fn is_running(&self) -> bool {
        matches!(self.0.load(Ordering::Acquire), RUNNING | NOTIFIED)
    }

    /// Whether the task is parked with no wake pending.
    pub(crate) fn is_parked(&self) -> bool {
        self.0.load(Ordering::Acquire) == IDLE
    }
}

/// Why a task is parked: reported in deadlock dumps with Go's own wording.
///
/// # Examples
///
/// ```
/// use minigo_runtime::WaitReason;
/// assert_eq!(WaitReason::ChanReceive.to_string(), "chan receive");
/// assert_eq!(WaitReason::SelectNoCases.to_string(), "select (no cases)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
#[non_exhaustive]
pub enum WaitReason {
    /// Blocked receiving from a channel.
    ChanReceive,
    /// Blocked sending on a channel.
    ChanSend,
    /// Blocked in a select with at least one non-nil case.
    Select,
    /// Blocked in `select {}` or a select whose channels are all nil.
    SelectNoCases,
    /// Blocked receiving from a nil channel.
    ChanReceiveNilChan,
    /// Blocked sending on a nil channel.
    ChanSendNilChan,
    /// In `time.Sleep`.
    Sleep,
    /// In `sync.WaitGroup.Wait`.
    SyncWaitGroupWait,
    /// In `sync.Mutex.Lock`.
    SyncMutexLock,
    /// In `sync.RWMutex.Lock`.
    SyncRWMutexLock,
    /// In `sync.RWMutex.RLock`.
    SyncRWMutexRLock,
    /// In `sync.Cond.Wait`.
    SyncCondWait,
    /// Waiting for the host (an embedder-owned operation).
    Host,
}

impl WaitReason {
    const ALL: [WaitReason; 13] = [
        Self::ChanReceive,
        Self::ChanSend,
        Self::Select,
        Self::SelectNoCases,
        Self::ChanReceiveNilChan,
        Self::ChanSendNilChan,
        Self::Sleep,
        Self::SyncWaitGroupWait,
        Self::SyncMutexLock,
        Self::SyncRWMutexLock,
        Self::SyncRWMutexRLock,
        Self::SyncCondWait,
        Self::Host,
    ];

    /// Go's wording, as printed in a goroutine dump (`goroutine 1 [chan receive]:`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ChanReceive => "chan receive",
            Self::ChanSend => "chan send",
            Self::Select => "select",
            Self::SelectNoCases => "select (no cases)",
            Self::ChanReceiveNilChan => "chan receive (nil chan)",
            Self::ChanSendNilChan => "chan send (nil chan)",
            Self::Sleep => "sleep",
            Self::SyncWaitGroupWait => "sync.WaitGroup.Wait",
            Self::SyncMutexLock => "sync.Mutex.Lock",
            Self::SyncRWMutexLock => "sync.RWMutex.Lock",
            Self::SyncRWMutexRLock => "sync.RWMutex.RLock",
            Self::SyncCondWait => "sync.Cond.Wait",
            Self::Host => "host wait",
        }
    }

    pub(crate) fn to_u8(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_u8(raw: u8) -> Self {
        Self::ALL
            .get(usize::from(raw))
            .copied()
            .unwrap_or_else(|| unreachable!("wait reasons are only stored through to_u8"))
    }
}

impl fmt::Display for WaitReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::{TaskState, WaitReason, WakeAction};

    #[test]
    fn wake_while_running_is_kept_and_requeues() {
        let state = TaskState::new_scheduled();
        state.start_run();
        assert_eq!(state.wake(), WakeAction::Nothing);
        assert!(!state.park(), "a wake during the run must prevent parking");
        assert_eq!(state.wake(), WakeAction::Nothing, "already scheduled");
    }

    #[test]
    fn wake_after_park_enqueues_once() {
        let state = TaskState::new_scheduled();
        state.start_run();
        assert!(state.park());
        assert!(state.is_parked());
        assert_eq!(state.wake(), WakeAction::Enqueue);
        assert_eq!(state.wake(), WakeAction::Nothing);
        state.start_run();
        state.finish();
        assert_eq!(state.wake(), WakeAction::Nothing);
        assert!(!state.is_running());
    }

    #[test]
    fn wait_reasons_round_trip_and_use_go_names() {
        for reason in WaitReason::ALL {
            assert_eq!(WaitReason::from_u8(reason.to_u8()), reason);
        }
        assert_eq!(
            WaitReason::SyncWaitGroupWait.to_string(),
            "sync.WaitGroup.Wait"
        );
        assert_eq!(
            WaitReason::ChanSendNilChan.to_string(),
            "chan send (nil chan)"
        );
    }
}
