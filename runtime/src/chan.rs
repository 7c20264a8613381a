//! Channels (Go's hchan): unbuffered hand-off, buffered FIFO ring, close, and the blocking
//! protocol that lets a parked task collect its result when its instruction re-runs.
//!
//! Owns: [`Chan`], its buffer and its two wait queues, all behind one per-channel lock (no
//! global lock anywhere). Does not own: nil channels (a nil channel is the VM's absence of a
//! `Chan`; [`ChanError::CloseOfNil`] exists so the VM can report it), nor select's case
//! choice (`select.rs` uses the `*_locked` operations defined here under its own locking).
//!
//! Invariants (as in Go's chan.go), all under the channel lock:
//! - If the buffer is non-empty, no receiver waits; if the buffer has room, no sender waits
//!   (senders wait only on a full buffer, or on an unbuffered channel with no receiver).
//! - A sender that finds a parked receiver writes straight into the receiver's slot (the
//!   sudog hand-off) instead of going through the buffer.
//! - A receiver that frees a buffer slot moves the first parked sender's value into the
//!   buffer tail, so FIFO order over all sends is kept.
//! - Once closed, both queues are empty for good: close completes every receiver with
//!   "closed" and every sender with "send on closed channel".

use std::fmt;
use std::sync::Arc;
use std::task::{Poll, Waker};

use crate::loom::{Mutex, MutexGuard};
use crate::waiter::{Delivery, PendingOp, Resumed, WaitQueue, Waiter};

/// A Go panic a channel operation raises; the messages are Go's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChanError {
    /// A send on a closed channel, or a sender parked when the channel was closed.
    #[error("send on closed channel")]
    SendOnClosed,
    /// `close` of a channel that is already closed.
    #[error("close of closed channel")]
    CloseOfClosed,
    /// `close(nil)`: raised by the VM, which owns nil channels.
    #[error("close of nil channel")]
    CloseOfNil,
}

/// Why [`Chan::try_send`] did not send; the value comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrySendError<V> {
    /// The buffer is full (or, unbuffered, no receiver waits).
    Full(V),
    /// The channel is closed.
    Closed(V),
}

/// The result of [`Chan::try_recv`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TryRecv<V> {
    /// A value was received.
    Value(V),
    /// The channel is closed and drained (Go's zero value with `ok == false`).
    Closed,
    /// Nothing to receive right now.
    Empty,
}

/// The state behind a channel's lock.
#[derive(Debug)]
pub(crate) struct State<V> {
    buf: std::collections::VecDeque<V>,
    cap: usize,
    closed: bool,
    pub(crate) recvq: WaitQueue<V>,
    pub(crate) sendq: WaitQueue<V>,
}

/// A Go channel carrying values of type `V` (Go's hchan). Clones share one channel;
/// equality is identity, as in Go.
///
/// # Examples
///
/// ```
/// use minigo_runtime::{Chan, TryRecv};
/// let ch = Chan::new(2);
/// ch.try_send(1).unwrap();
/// ch.try_send(2).unwrap();
/// assert_eq!(ch.len(), 2);
/// ch.close().unwrap();
/// assert_eq!(ch.try_recv(), TryRecv::Value(1));
/// assert_eq!(ch.try_recv(), TryRecv::Value(2));
/// assert_eq!(ch.try_recv(), TryRecv::Closed);
/// ```
pub struct Chan<V> {
    inner: Arc<Mutex<State<V>>>,
}

impl<V> Clone for Chan<V> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<V> PartialEq for Chan<V> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<V> Eq for Chan<V> {}

impl<V> fmt::Debug for Chan<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Chan({:#x})", self.addr())
    }
}

impl<V> State<V> {
    /// A non-blocking send under the lock (Go's chansend fast paths).
    pub(crate) fn try_send(&mut self, value: V) -> Result<(), TrySendError<V>> {
        if self.closed {
            return Err(TrySendError::Closed(value));
        }
        if let Some(receiver) = self.recvq.claim_next() {
            receiver.complete(Delivery::Received(value));
            return Ok(());
        }
        if self.buf.len() < self.cap {
            self.buf.push_back(value);
            return Ok(());
        }
        Err(TrySendError::Full(value))
    }

    /// A non-blocking receive under the lock (Go's chanrecv fast paths).
    pub(crate) fn try_recv(&mut self) -> TryRecv<V> {
        if let Some(value) = self.buf.pop_front() {
            self.refill_from_sender();
            return TryRecv::Value(value);
        }
        if let Some(mut sender) = self.sendq.claim_next() {
            let Some(value) = sender.value.take() else {
                unreachable!("every send-queue entry carries its value")
            };
            sender.complete(Delivery::Sent);
            return TryRecv::Value(value);
        }
        if self.closed {
            TryRecv::Closed
        } else {
            TryRecv::Empty
        }
    }

    /// After a buffered receive, moves the first parked sender's value into the freed slot.
    fn refill_from_sender(&mut self) {
        if let Some(mut sender) = self.sendq.claim_next() {
            if let Some(value) = sender.value.take() {
                self.buf.push_back(value);
            }
            sender.complete(Delivery::Sent);
        }
    }

    fn close(&mut self) -> Result<(), ChanError> {
        if self.closed {
            return Err(ChanError::CloseOfClosed);
        }
        self.closed = true;
        while let Some(receiver) = self.recvq.claim_next() {
            receiver.complete(Delivery::ReceiveClosed);
        }
        while let Some(sender) = self.sendq.claim_next() {
            sender.complete(Delivery::SendClosed);
        }
        Ok(())
    }
}

impl<V> Chan<V> {
    /// Creates a channel with buffer capacity `cap` (0 is unbuffered).
    pub fn new(cap: usize) -> Self {
        // The buffer grows on demand so that `make(chan T, 1<<30)` costs nothing up front.
        let state = State {
            buf: std::collections::VecDeque::with_capacity(cap.min(16)),
            cap,
            closed: false,
            recvq: WaitQueue::default(),
            sendq: WaitQueue::default(),
        };
        Self {
            inner: Arc::new(Mutex::new(state)),
        }
    }

    /// The number of buffered values (Go's `len(ch)`).
    pub fn len(&self) -> usize {
        self.lock().buf.len()
    }

    /// Whether no value is buffered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The buffer capacity (Go's `cap(ch)`).
    pub fn cap(&self) -> usize {
        self.lock().cap
    }

    /// Whether the channel has been closed.
    pub fn is_closed(&self) -> bool {
        self.lock().closed
    }

    /// Closes the channel: parked receivers get "closed", parked senders get
    /// [`ChanError::SendOnClosed`].
    ///
    /// # Errors
    ///
    /// [`ChanError::CloseOfClosed`] if it was already closed.
    pub fn close(&self) -> Result<(), ChanError> {
        self.lock().close()
    }

    /// Sends without blocking.
    ///
    /// # Errors
    ///
    /// Gives the value back when the channel is full or closed.
    pub fn try_send(&self, value: V) -> Result<(), TrySendError<V>> {
        self.lock().try_send(value)
    }

    /// Receives without blocking.
    pub fn try_recv(&self) -> TryRecv<V> {
        self.lock().try_recv()
    }

    /// Sends `value`, or registers the task (woken through `waker`) and returns
    /// `Poll::Pending`. Re-run the same call with the same `op` after the wake-up: it then
    /// reports the outcome and ignores its `value` argument (the first one was sent).
    ///
    /// # Errors
    ///
    /// [`ChanError::SendOnClosed`] if the channel is or becomes closed (Go panics).
    pub fn send(
        &self,
        value: V,
        op: &mut PendingOp<V>,
        waker: &Waker,
    ) -> Poll<Result<(), ChanError>> {
        match op.resume() {
            Resumed::Completed(_, Delivery::Sent) => return Poll::Ready(Ok(())),
            Resumed::Completed(_, Delivery::SendClosed) => {
                return Poll::Ready(Err(ChanError::SendOnClosed));
            }
            Resumed::Completed(..) => unreachable!("a send was resumed as a receive"),
            Resumed::StillWaiting => return Poll::Pending,
            Resumed::Fresh => {}
        }
        let mut state = self.lock();
        match state.try_send(value) {
            Ok(()) => Poll::Ready(Ok(())),
            Err(TrySendError::Closed(_)) => Poll::Ready(Err(ChanError::SendOnClosed)),
            Err(TrySendError::Full(value)) => {
                let waiter = op.new_waiter(waker);
                state.sendq.push(&waiter, 0, Some(value));
                op.register(waiter, Vec::new());
                Poll::Pending
            }
        }
    }

    /// Receives a value (`Some`) or the closed signal (`None`: Go's zero value and
    /// `ok == false`), or registers the task and returns `Poll::Pending`; re-run with the same
    /// `op` after the wake-up to collect the result.
    pub fn recv(&self, op: &mut PendingOp<V>, waker: &Waker) -> Poll<Option<V>> {
        match op.resume() {
            Resumed::Completed(_, Delivery::Received(value)) => return Poll::Ready(Some(value)),
            Resumed::Completed(_, Delivery::ReceiveClosed) => return Poll::Ready(None),
            Resumed::Completed(..) => unreachable!("a receive was resumed as a send"),
            Resumed::StillWaiting => return Poll::Pending,
            Resumed::Fresh => {}
        }
        let mut state = self.lock();
        match state.try_recv() {
            TryRecv::Value(value) => Poll::Ready(Some(value)),
            TryRecv::Closed => Poll::Ready(None),
            TryRecv::Empty => {
                let waiter = op.new_waiter(waker);
                state.recvq.push(&waiter, 0, None);
                op.register(waiter, Vec::new());
                Poll::Pending
            }
        }
    }

    /// Sends from a host thread, blocking the thread (not a task) until done.
    ///
    /// # Errors
    ///
    /// [`ChanError::SendOnClosed`] if the channel is or becomes closed.
    #[cfg(not(loom))]
    pub fn send_blocking(&self, value: V) -> Result<(), ChanError> {
        let mut op = PendingOp::new();
        let mut value = Some(value);
        crate::host::block_on(|waker| match value.take() {
            Some(v) => self.send(v, &mut op, waker),
            None => self.send_again(&mut op, waker),
        })
    }

    /// Receives on a host thread, blocking the thread until a value or close arrives.
    #[cfg(not(loom))]
    pub fn recv_blocking(&self) -> Option<V> {
        let mut op = PendingOp::new();
        crate::host::block_on(|waker| self.recv(&mut op, waker))
    }

    /// Re-polls a send already registered in `op` (no new value to offer).
    #[cfg(not(loom))]
    fn send_again(&self, op: &mut PendingOp<V>, _waker: &Waker) -> Poll<Result<(), ChanError>> {
        match op.resume() {
            Resumed::Completed(_, Delivery::SendClosed) => {
                Poll::Ready(Err(ChanError::SendOnClosed))
            }
            Resumed::Completed(..) | Resumed::Fresh => Poll::Ready(Ok(())),
            Resumed::StillWaiting => Poll::Pending,
        }
    }

    /// The identity used to order lock acquisition in select (Go sorts by hchan address).
    pub(crate) fn addr(&self) -> usize {
        Arc::as_ptr(&self.inner) as usize
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State<V>> {
        self.inner.lock()
    }

    /// Removes every queue entry of `waiter` (a select that fired elsewhere).
    pub(crate) fn dequeue(&self, waiter: &Arc<Waiter<V>>) {
        let mut state = self.lock();
        state.recvq.remove(waiter);
        state.sendq.remove(waiter);
    }

    /// The number of parked senders and receivers (for tests and diagnostics).
    pub fn waiting(&self) -> (usize, usize) {
        let state = self.lock();
        (state.sendq.len(), state.recvq.len())
    }
}

#[cfg(all(test, not(loom)))]
mod tests;
