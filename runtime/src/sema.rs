//! A counting semaphore that parks tasks (Go's runtime sema: `semacquire`/`semrelease`), the
//! building block for `sync.Mutex`, `sync.RWMutex`, `sync.WaitGroup` and `sync.Cond`.
//!
//! Owns: [`Sema`], its permit count and its FIFO of parked acquirers. Does not own: the sync
//! types' own state words and fast paths (the standard library keeps those, as Go's sync
//! package does), nor the wait reason a task parks with (the caller picks
//! `SyncMutexLock`, `SyncWaitGroupWait`, ...).
//!
//! Invariants, under the semaphore's lock:
//! - If acquirers are parked, no permit is banked: `release` hands its permit straight to the
//!   first parked acquirer (Go's handoff), so a newcomer cannot overtake a waiter.
//! - Acquirers use the same waiter hand-off as channels (`waiter.rs`), so a release that lands
//!   while the acquirer is still returning `Park` is never lost.

use std::sync::Arc;
use std::task::{Poll, Waker};

use crate::loom::Mutex;
use crate::waiter::{Delivery, PendingOp, Resumed, WaitQueue};

#[derive(Debug)]
struct SemaState {
    permits: usize,
    waiters: WaitQueue<()>,
}

/// A counting semaphore for tasks. Clones share one semaphore.
///
/// # Examples
///
/// ```
/// use minigo_runtime::{PendingOp, Sema};
/// use std::task::{Poll, Waker};
/// let sema = Sema::new(1);
/// let (mut a, mut b) = (PendingOp::new(), PendingOp::new());
/// assert_eq!(sema.acquire(&mut a, Waker::noop()), Poll::Ready(()));
/// assert_eq!(sema.acquire(&mut b, Waker::noop()), Poll::Pending);
/// sema.release(); // hands the permit to the parked acquirer
/// assert_eq!(sema.acquire(&mut b, Waker::noop()), Poll::Ready(()));
/// ```
#[derive(Debug, Clone)]
pub struct Sema {
    state: Arc<Mutex<SemaState>>,
}

impl Sema {
    /// Creates a semaphore holding `permits` permits.
    pub fn new(permits: usize) -> Self {
        Self {
            state: Arc::new(Mutex::new(SemaState {
                permits,
                waiters: WaitQueue::default(),
            })),
        }
    }

    /// Takes a permit if one is banked.
    pub fn try_acquire(&self) -> bool {
        let mut state = self.state.lock();
        let available = state.permits > 0;
        if available {
            state.permits -= 1;
        }
        available
    }

    /// Takes a permit, or registers the task (woken through `waker`) and returns
    /// `Poll::Pending`; re-run with the same `op` after the wake-up to collect the permit.
    pub fn acquire(&self, op: &mut PendingOp<()>, waker: &Waker) -> Poll<()> {
        match op.resume() {
            Resumed::Completed(_, Delivery::Received(())) => return Poll::Ready(()),
            Resumed::Completed(..) => unreachable!("a semaphore only delivers permits"),
            Resumed::StillWaiting => return Poll::Pending,
            Resumed::Fresh => {}
        }
        let mut state = self.state.lock();
        if state.permits > 0 {
            state.permits -= 1;
            return Poll::Ready(());
        }
        let waiter = op.new_waiter(waker);
        state.waiters.push(&waiter, 0, None);
        op.register(waiter, Vec::new());
        Poll::Pending
    }

    /// Returns a permit: to the first parked acquirer if there is one, else to the bank.
    pub fn release(&self) {
        let mut state = self.state.lock();
        match state.waiters.claim_next() {
            Some(acquirer) => acquirer.complete(Delivery::Received(())),
            None => state.permits += 1,
        }
    }

    /// The number of parked acquirers.
    pub fn waiting(&self) -> usize {
        self.state.lock().waiters.len()
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::task::{Poll, Waker};

    use super::Sema;
    use crate::waiter::PendingOp;

    #[test]
    fn release_hands_off_to_waiters_in_fifo_order() {
        let sema = Sema::new(0);
        let waker = Waker::noop();
        let mut ops: Vec<PendingOp<()>> = (0..3).map(|_| PendingOp::new()).collect();
        for op in &mut ops {
            assert_eq!(sema.acquire(op, waker), Poll::Pending);
        }
        assert_eq!(sema.waiting(), 3);
        sema.release();
        assert_eq!(sema.acquire(&mut ops[0], waker), Poll::Ready(()));
        assert_eq!(
            sema.acquire(&mut ops[1], waker),
            Poll::Pending,
            "still parked"
        );
        assert!(
            !sema.try_acquire(),
            "the permit went to the first waiter, not the bank"
        );
        sema.release();
        sema.release();
        assert_eq!(sema.acquire(&mut ops[1], waker), Poll::Ready(()));
        assert_eq!(sema.acquire(&mut ops[2], waker), Poll::Ready(()));
        sema.release();
        assert!(sema.try_acquire(), "with no waiter the permit is banked");
        assert!(!sema.try_acquire());
    }
}
