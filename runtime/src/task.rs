//! Tasks (Go's g) as the scheduler sees them: the [`Task`] trait an embedder implements, the
//! shared cell that carries a task's state machine and body, its waker, and the registry of
//! every live task (Go's allgs).
//!
//! Owns: [`Task`], [`Exit`], [`TaskId`], `TaskCell` and the sharded `Registry`. Does not own:
//! what a task does when it runs (the VM's interpreter), nor queue policy (`worker.rs`).
//!
//! Invariants:
//! - A task's body is touched only by the worker that moved it to RUNNING (see `park.rs`),
//!   by a stop-the-world visitor while no worker runs tasks, or after every worker exited.
//! - A task is in the registry from spawn until its body is dropped at `Exit::Done`, so the
//!   registry is exactly the set of live tasks (`runtime.NumGoroutine`) and of GC roots.
//! - The body is dropped as soon as the task is done, even while stale wakers still hold the
//!   cell: a done task keeps only its small header alive.

use std::fmt;
use std::sync::Arc;
use std::task::Wake;

use crate::context::Context;
use crate::loom::{AtomicU8, AtomicUsize, Mutex, Ordering, UnsafeCell};
use crate::park::{TaskState, WaitReason, WakeAction};
use crate::sched::Shared;

/// Something the runtime can run: a goroutine. The VM's interpreter implements it.
pub trait Task: Send + Sized + 'static {
    /// The payload of an unrecovered panic (the VM's boxed Go panic).
    type Panic: Send + 'static;

    /// Runs the task for about `budget` units of work (the VM counts instructions) and says
    /// why it stopped. A task that returns [`Exit::Park`] must first have registered a waker
    /// (from `cx.waker()`) with whatever will wake it; it is re-run after the wake-up and must
    /// then re-check its condition, since wake-ups may be spurious.
    fn run(&mut self, cx: &mut Context<'_, Self>, budget: u32) -> Exit<Self::Panic>;
}

/// Why a task's run ended.
#[derive(Debug)]
pub enum Exit<P> {
    /// Budget spent or `runtime.Gosched`: requeue behind the other runnable tasks.
    Yield,
    /// Blocked; a registered waker will make it runnable again.
    Park(WaitReason),
    /// Returned from its function: the task is finished.
    Done,
    /// An unrecovered panic: the whole program stops, as in Go.
    Panic(P),
}

/// A task's identity, unique within a runtime; the main task is 1 (Go's goroutine 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaskId(pub u64);

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A shared reference to a task.
pub(crate) type TaskRef<T> = Arc<TaskCell<T>>;

/// The header and body of one task, shared by queues, wakers and the registry.
pub(crate) struct TaskCell<T: Task> {
    pub(crate) id: TaskId,
    pub(crate) state: TaskState,
    /// The last `WaitReason` the task parked with (`WaitReason::to_u8`).
    reason: AtomicU8,
    /// The task's index in its registry shard.
    slot: AtomicUsize,
    body: UnsafeCell<Option<T>>,
    shared: Arc<Shared<T>>,
}

// SAFETY: the body is accessed by one thread at a time (module invariants, enforced by the
// state machine), so sharing the cell only moves `T` between threads, which `T: Send` allows.
unsafe impl<T: Task> Sync for TaskCell<T> {}

impl<T: Task> TaskCell<T> {
    pub(crate) fn new(id: TaskId, body: T, shared: Arc<Shared<T>>) -> TaskRef<T> {
        Arc::new(Self {
            id,
            state: TaskState::new_scheduled(),
            reason: AtomicU8::new(WaitReason::Host.to_u8()),
            slot: AtomicUsize::new(usize::MAX),
            body: UnsafeCell::new(Some(body)),
            shared,
        })
    }

    pub(crate) fn set_reason(&self, reason: WaitReason) {
        self.reason.store(reason.to_u8(), Ordering::Relaxed);
    }

    pub(crate) fn reason(&self) -> WaitReason {
        WaitReason::from_u8(self.reason.load(Ordering::Relaxed))
    }

    /// Runs `f` on the body, or returns `None` once the body is gone.
    ///
    /// # Safety
    ///
    /// The caller must have exclusive access to the body: it is the worker that moved the task
    /// to RUNNING, or no worker is running tasks (world stopped or workers exited).
    pub(crate) unsafe fn with_body<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        // SAFETY: exclusivity is the caller's contract, stated above.
        self.body
            .with_mut(|body| unsafe { (*body).as_mut().map(f) })
    }

    /// Takes the body out so it is dropped now rather than when the last waker goes.
    ///
    /// # Safety
    ///
    /// As for [`Self::with_body`].
    pub(crate) unsafe fn take_body(&self) -> Option<T> {
        // SAFETY: exclusivity is the caller's contract, stated above.
        self.body.with_mut(|body| unsafe { (*body).take() })
    }
}

impl<T: Task> Wake for TaskCell<T> {
    fn wake(self: Arc<Self>) {
        if self.state.wake() == WakeAction::Enqueue {
            let shared = Arc::clone(&self.shared);
            shared.schedule(self);
        }
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.state.wake() == WakeAction::Enqueue {
            self.shared.schedule(Arc::clone(self));
        }
    }
}

const REGISTRY_SHARDS: usize = 16;

/// Every live task, sharded by id so that spawns and exits on different workers rarely meet
/// on one lock.
pub(crate) struct Registry<T: Task> {
    shards: Vec<Mutex<Slab<T>>>,
    live: AtomicUsize,
}

struct Slab<T: Task> {
    entries: Vec<Option<TaskRef<T>>>,
    free: Vec<usize>,
}

impl<T: Task> Registry<T> {
    pub(crate) fn new() -> Self {
        let shards = (0..REGISTRY_SHARDS)
            .map(|_| {
                Mutex::new(Slab {
                    entries: Vec::new(),
                    free: Vec::new(),
                })
            })
            .collect();
        Self {
            shards,
            live: AtomicUsize::new(0),
        }
    }

    fn shard(&self, id: TaskId) -> &Mutex<Slab<T>> {
        &self.shards[(id.0 as usize) % REGISTRY_SHARDS]
    }

    pub(crate) fn insert(&self, task: &TaskRef<T>) {
        let mut slab = self.shard(task.id).lock();
        let idx = match slab.free.pop() {
            Some(idx) => idx,
            None => {
                slab.entries.push(None);
                slab.entries.len() - 1
            }
        };
        slab.entries[idx] = Some(Arc::clone(task));
        task.slot.store(idx, Ordering::Relaxed);
        self.live.fetch_add(1, Ordering::SeqCst);
    }

    pub(crate) fn remove(&self, task: &TaskCell<T>) {
        let idx = task.slot.load(Ordering::Relaxed);
        let mut slab = self.shard(task.id).lock();
        let removed = slab.entries.get_mut(idx).and_then(Option::take);
        if removed.is_some() {
            slab.free.push(idx);
            self.live.fetch_sub(1, Ordering::SeqCst);
        }
        // The task itself is dropped after the lock is released (its `removed` reference).
        drop(slab);
        drop(removed);
    }

    /// The number of live tasks (`runtime.NumGoroutine`).
    pub(crate) fn live(&self) -> usize {
        self.live.load(Ordering::SeqCst)
    }

    /// A snapshot of every live task.
    pub(crate) fn snapshot(&self) -> Vec<TaskRef<T>> {
        let mut all = Vec::with_capacity(self.live());
        for shard in &self.shards {
            all.extend(shard.lock().entries.iter().flatten().cloned());
        }
        all.sort_by_key(|task| task.id);
        all
    }

    /// Empties the registry, handing back every task (used at shutdown).
    pub(crate) fn drain(&self) -> Vec<TaskRef<T>> {
        let mut all = Vec::new();
        for shard in &self.shards {
            let mut slab = shard.lock();
            all.extend(slab.entries.drain(..).flatten());
            slab.free.clear();
        }
        self.live.store(0, Ordering::SeqCst);
        all
    }
}
