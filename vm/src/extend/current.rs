//! [`Current`]: a value that can be replaced while readers hold plain references to it.
//!
//! Owns: the storage of every version of a VM's program, constant words and itab index.
//! Does not own: when a replacement is safe for the interpreter (the caller stops the world
//! first, see `Vm::extend`).
//!
//! Invariant: every version ever installed lives as long as the `Current`, so a reference
//! handed out by `Deref` stays valid even after a newer version is installed. Memory grows
//! with each version; programs only grow in a long interactive session, so this is
//! bounded by what the user typed.
//!
//! Rejected alternative: `Arc` swapping with per-read reference counts (arc-swap); every
//! goroutine run and every native would pay a count increment for a replacement that
//! happens once per REPL input.

use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicPtr, Ordering};

use parking_lot::Mutex;

/// The current version of a `T`, replaceable through a shared reference.
pub struct Current<T> {
    latest: AtomicPtr<T>,
    versions: Mutex<Vec<Arc<T>>>,
}

impl<T> Current<T> {
    /// A cell holding `value` as its first version.
    pub fn new(value: T) -> Current<T> {
        let first = Arc::new(value);
        Current {
            latest: AtomicPtr::new(Arc::as_ptr(&first).cast_mut()),
            versions: Mutex::new(vec![first]),
        }
    }

    /// Installs `value` as the current version; earlier versions stay alive.
    pub fn replace(&self, value: T) {
        let next = Arc::new(value);
        let ptr = Arc::as_ptr(&next).cast_mut();
        self.versions.lock().push(next);
        self.latest.store(ptr, Ordering::Release);
    }

    /// The current version as a counted reference.
    pub fn load(&self) -> Arc<T> {
        let latest = self.latest.load(Ordering::Acquire);
        let versions = self.versions.lock();
        match versions.iter().rev().find(|v| Arc::as_ptr(v) == latest) {
            Some(v) => Arc::clone(v),
            None => unreachable!("the latest version is always among the kept ones"),
        }
    }
}

impl<T> Deref for Current<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: `latest` always points into an `Arc` held in `versions`, which only grows
        // and is dropped with `self`, so the pointee outlives the returned borrow of `self`.
        unsafe { &*self.latest.load(Ordering::Acquire) }
    }
}

impl<T> AsRef<T> for Current<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Current<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_reference_survives_a_replacement() {
        let cell = Current::new(vec![1, 2]);
        let old: &Vec<i32> = &cell;
        cell.replace(vec![3]);
        assert_eq!(old, &vec![1, 2]);
        assert_eq!(*cell, vec![3]);
        assert_eq!(*cell.load(), vec![3]);
    }
}
