//! The run in progress on this thread: what the channel implementation and the scheduler
//! natives need from the task that called them (its waker, its blocked-operation records,
//! the worker's random generator, the program's scheduler state).
//!
//! Owns: the thread-local that publishes a [`RunState`] for exactly the duration of one
//! `exec::run` inside `GoTask::run`. Does not own: what the state is used for.
//!
//! Invariants:
//! - The pointer names a live `RunState` only between `enter`'s set and its guard's reset;
//!   `with_run` takes the pointer out while its closure runs, so a re-entrant call sees no
//!   run instead of a second `&mut` to the same state.
//! - A nested goroutine run on the same thread (`NativeCtx::call`) has its own goroutine
//!   id; callers compare ids so that such a run never registers in the outer goroutine's
//!   records.

use std::cell::Cell;
use std::sync::Arc;
use std::task::Waker;

use minigo_runtime::Rng;

use super::Blocked;
use super::run::Sched;

/// What a running goroutine lends to the code it calls.
pub(crate) struct RunState<'a> {
    /// The id of the goroutine whose run this is.
    pub(crate) goroutine: u64,
    pub(crate) waker: &'a Waker,
    pub(crate) blocked: &'a mut Blocked,
    pub(crate) rng: &'a mut Rng,
    pub(crate) sched: &'a Arc<Sched>,
}

thread_local! {
    static CURRENT: Cell<*mut ()> = const { Cell::new(std::ptr::null_mut()) };
}

/// Clears the thread-local however `enter`'s closure ends (a Rust panic included).
struct Reset(*mut ());

impl Drop for Reset {
    fn drop(&mut self) {
        let prev = self.0;
        let _ = CURRENT.try_with(|c| c.set(prev));
    }
}

/// Runs `f` with `state` published as this thread's run.
pub(crate) fn enter<R>(mut state: RunState<'_>, f: impl FnOnce() -> R) -> R {
    let ptr = std::ptr::from_mut(&mut state).cast::<()>();
    let prev = CURRENT.with(|c| c.replace(ptr));
    let reset = Reset(prev);
    let res = f();
    drop(reset);
    res
}

/// Runs `f` with this thread's run, if a goroutine is running here under the scheduler.
pub(crate) fn with_run<R>(f: impl FnOnce(&mut RunState<'_>) -> R) -> Option<R> {
    let ptr = CURRENT.try_with(|c| c.replace(std::ptr::null_mut())).ok()?;
    if ptr.is_null() {
        return None;
    }
    let reset = Reset(ptr);
    // SAFETY: a non-null pointer names the `RunState` of the `enter` call still on this
    // thread's stack (module invariants), and it was taken out of the thread-local above, so
    // this is the only reference to it until `reset` puts it back.
    let state = unsafe { &mut *ptr.cast::<RunState<'_>>() };
    let res = f(state);
    drop(reset);
    Some(res)
}

/// Runs `f` with this thread's run if it belongs to goroutine `g` (not a nested run).
pub(crate) fn with_run_of<R>(g: u64, f: impl FnOnce(&mut RunState<'_>) -> R) -> Option<R> {
    with_run(|state| (state.goroutine == g).then(|| f(state))).flatten()
}
