//! The synchronization facade: every atomic, mutex, condition variable and shared cell in this
//! crate comes from here, so that `--cfg loom` swaps in loom's model-checked versions.
//!
//! Owns: the thin wrappers that give loom's and parking_lot's mutexes one API (`lock()` returns
//! the guard directly). Does not own: `Arc` (std's `Arc` is used everywhere because
//! `std::task::Waker` is built from it; loom only needs to see the atomics and locks that order
//! the data), nor thread spawning outside loom models.
//!
//! Invariant: no module outside this one names `std::sync::atomic`, `parking_lot` or
//! `std::cell::UnsafeCell` for state shared between threads.

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize};
#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize};

pub(crate) use std::sync::atomic::Ordering;

/// A mutex whose `lock` never reports poisoning: a panic while holding one of this crate's
/// locks is already a broken invariant, so there is nothing useful to recover.
#[derive(Debug, Default)]
pub(crate) struct Mutex<T>(Inner<T>);

#[cfg(not(loom))]
type Inner<T> = parking_lot::Mutex<T>;
#[cfg(loom)]
type Inner<T> = loom::sync::Mutex<T>;

/// The guard returned by [`Mutex::lock`].
#[cfg(not(loom))]
pub(crate) type MutexGuard<'a, T> = parking_lot::MutexGuard<'a, T>;
/// The guard returned by [`Mutex::lock`].
#[cfg(loom)]
pub(crate) type MutexGuard<'a, T> = loom::sync::MutexGuard<'a, T>;

impl<T> Mutex<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(Inner::new(value))
    }

    #[cfg(not(loom))]
    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0.lock()
    }

    #[cfg(loom)]
    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A condition variable paired with [`Mutex`].
#[derive(Debug, Default)]
pub(crate) struct Condvar(CondInner);

#[cfg(not(loom))]
type CondInner = parking_lot::Condvar;
#[cfg(loom)]
type CondInner = loom::sync::Condvar;

impl Condvar {
    pub(crate) fn new() -> Self {
        Self(CondInner::new())
    }

    pub(crate) fn notify_one(&self) {
        self.0.notify_one();
    }

    pub(crate) fn notify_all(&self) {
        self.0.notify_all();
    }

    #[cfg(not(loom))]
    pub(crate) fn wait<'a, T>(&self, mut guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        self.0.wait(&mut guard);
        guard
    }

    #[cfg(loom)]
    pub(crate) fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        self.0
            .wait(guard)
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until notified or until `timeout` passes (real time; loom has no clock).
    #[cfg(not(loom))]
    pub(crate) fn wait_for<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
        timeout: std::time::Duration,
    ) -> MutexGuard<'a, T> {
        self.0.wait_for(&mut guard, timeout);
        guard
    }
}

/// A cell whose accesses loom can check for data races; outside loom a plain `UnsafeCell`.
#[derive(Debug, Default)]
pub(crate) struct UnsafeCell<T>(CellInner<T>);

#[cfg(not(loom))]
type CellInner<T> = std::cell::UnsafeCell<T>;
#[cfg(loom)]
type CellInner<T> = loom::cell::UnsafeCell<T>;

impl<T> UnsafeCell<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(CellInner::new(value))
    }

    /// Runs `f` with a mutable pointer to the contents; the caller upholds exclusivity.
    #[cfg(not(loom))]
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }

    /// Runs `f` with a mutable pointer to the contents; the caller upholds exclusivity.
    #[cfg(loom)]
    pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        self.0.with_mut(f)
    }
}
