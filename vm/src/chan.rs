//! The channel hook: what the interpreter asks of a channel implementation. The VM has no
//! channels of its own; `minigo_runtime` provides them (it knows nothing of the VM), and the
//! embedding glue implements `Channels` on top of them and installs it with
//! `Vm::set_channels`.
//!
//! This module owns the contract only. Without an installed implementation every channel
//! instruction parks its goroutine with `WaitReason::ChanOp`.
//!
//! Contract (Go's "loop and re-run"):
//! - A channel is a heap word: `make` allocates it, typically with `Heap::alloc_host`, so
//!   the collector frees it and traces the values it buffers.
//! - An operation that cannot complete returns `ChanOutcome::Park` after registering the
//!   goroutine (by id) as a waiter. When the runtime wakes it, the interpreter executes the
//!   same instruction again, and the implementation must then complete it (for a receive,
//!   hand over the value a sender left for that goroutine).
//! - Go's panics (`send on closed channel`, `close of nil channel`) come back as
//!   `ChanOutcome::Panic`.

use crate::exec::WaitReason;
use crate::heap::Heap;
use crate::panic::PanicKind;

/// How a channel operation ended.
#[derive(Debug)]
pub enum ChanOutcome<T> {
    /// It completed.
    Ready(T),
    /// The goroutine must wait; the instruction runs again when it is woken.
    Park(WaitReason),
    /// It panics.
    Panic(PanicKind),
}

/// One case of a `select`, as the interpreter lays it out: four registers per case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SelectCase {
    /// The channel (nil channels never become ready).
    pub chan: u64,
    /// Whether this is a send (`false`: a receive).
    pub send: bool,
    /// The value to send, or the value received.
    pub value: u64,
    /// For a receive: whether the value came from a send (not from a closed channel).
    pub ok: bool,
}

/// A channel implementation.
pub trait Channels: Send + Sync {
    /// `make(chan T, cap)`; `elem_is_pointer` says whether elements must be traced.
    fn make(&self, heap: &Heap, elem_is_pointer: bool, cap: i64) -> Result<u64, PanicKind>;
    /// `ch <- value` by goroutine `g`.
    fn send(&self, g: u64, ch: u64, value: u64) -> ChanOutcome<()>;
    /// `<-ch` by goroutine `g`: the value and whether it came from a send.
    fn recv(&self, g: u64, ch: u64) -> ChanOutcome<(u64, bool)>;
    /// `close(ch)`.
    fn close(&self, ch: u64) -> Result<(), PanicKind>;
    /// `len(ch)`: the number of buffered values (0 for nil).
    fn len(&self, ch: u64) -> i64 {
        let _ = ch;
        0
    }
    /// `cap(ch)`: the buffer capacity (0 for nil).
    fn cap(&self, ch: u64) -> i64 {
        let _ = ch;
        0
    }
    /// `select` by goroutine `g`: the index of the case that fired (its `value`/`ok`
    /// updated for a receive), or `None` when the default case runs.
    fn select(
        &self,
        g: u64,
        cases: &mut [SelectCase],
        has_default: bool,
    ) -> ChanOutcome<Option<usize>>;
}
