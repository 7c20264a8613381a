//! Blocking a host thread (not a task) on a channel operation: the embedder's and the tests'
//! way to talk to running tasks.
//!
//! Owns: a `Waker` that unparks an OS thread, and the poll-park loop around it. Does not own:
//! the operations themselves (they are the same re-runnable calls tasks use), nor the
//! deadlock bookkeeping (a host that may wake tasks holds an [`crate::ExternalGuard`]).
//!
//! Invariant: `std::thread::park` may return spuriously, so the loop always re-polls; the
//! operations are written to be re-polled any number of times.

use std::sync::Arc;
use std::task::{Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Wakes a host thread parked in [`block_on`].
struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `poll` until it is ready, parking the current thread between polls.
pub(crate) fn block_on<R>(mut poll: impl FnMut(&Waker) -> Poll<R>) -> R {
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    loop {
        if let Poll::Ready(res) = poll(&waker) {
            return res;
        }
        thread::park();
    }
}
