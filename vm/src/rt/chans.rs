//! Go's channels for the interpreter: the `chan::Channels` implementation over
//! `minigo_runtime::Chan<u64>`, with nil channels, close, and `select`.
//!
//! Owns: [`ChanObj`], the heap host object a channel word points to, and [`RtChannels`].
//! Does not own: channel semantics (hand-off, FIFO, close waking waiters, select's uniform
//! choice and lock order are the runtime's), nor parking (the runtime's task states).
//!
//! Invariants:
//! - Values of a pointer channel that are in flight (buffered, offered by a parked sender,
//!   or delivered to a receiver that has not yet re-run) are counted in `in_flight` from
//!   the moment a send is first attempted until the receive that takes them completes, so
//!   the collector finds them through the channel object.
//! - A blocking operation registers only in the records of the goroutine that runs it; a
//!   nested run (`NativeCtx::call`) and code outside the scheduler only try without
//!   blocking, and park without registering when they cannot complete.

use std::any::Any;
use std::collections::HashMap;
use std::task::Poll;

use minigo_runtime::{Chan, ChanError, Selected, TryRecv, TrySendError};
use parking_lot::Mutex;

use super::current::{self, RunState};
use crate::chan::{ChanOutcome, Channels, SelectCase};
use crate::exec::WaitReason;
use crate::heap::Heap;
use crate::heap::object::{HostObject, host};
use crate::panic::PanicKind;

/// Go's wait reason for a receive from a nil channel.
const RECV_NIL: WaitReason = WaitReason::Native("chan receive (nil chan)");
/// Go's wait reason for a send on a nil channel.
const SEND_NIL: WaitReason = WaitReason::Native("chan send (nil chan)");

/// A channel on the heap (Go's hchan behind a `chan T` word).
pub struct ChanObj {
    chan: Chan<u64>,
    /// For channels whose elements may be pointers: a multiset of the values in flight.
    in_flight: Option<Mutex<HashMap<u64, usize>>>,
}

impl ChanObj {
    /// A channel of capacity `cap`.
    pub fn new(cap: usize, elem_is_pointer: bool) -> ChanObj {
        ChanObj {
            chan: Chan::new(cap),
            in_flight: elem_is_pointer.then(|| Mutex::new(HashMap::new())),
        }
    }

    /// The runtime channel.
    pub fn chan(&self) -> &Chan<u64> {
        &self.chan
    }

    /// Counts `value` as in flight (before a send is first attempted).
    pub(crate) fn hold(&self, value: u64) {
        if let Some(set) = &self.in_flight
            && value != 0
        {
            *set.lock().entry(value).or_insert(0) += 1;
        }
    }

    /// Stops counting one copy of `value` (received, or its send did not happen).
    pub(crate) fn release(&self, value: u64) {
        let Some(set) = &self.in_flight else { return };
        let mut set = set.lock();
        if let Some(n) = set.get_mut(&value) {
            *n -= 1;
            if *n == 0 {
                set.remove(&value);
            }
        }
    }
}

impl HostObject for ChanObj {
    fn trace(&self, visit: &mut dyn FnMut(u64)) {
        if let Some(set) = &self.in_flight {
            set.lock().keys().for_each(|&w| visit(w));
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The channel object behind a non-nil channel word.
///
/// The word came from a register of channel type, so it is 0 or made by [`RtChannels::make`].
pub(crate) fn chan_obj<'a>(ch: u64) -> Option<&'a ChanObj> {
    // SAFETY: channel words are 0 or `ChanObj` host objects made by `make`, kept alive by the
    // register that holds them for at least the current instruction.
    unsafe { host(ch) }.and_then(|h| h.as_any().downcast_ref::<ChanObj>())
}

fn chan_panic(err: ChanError) -> PanicKind {
    PanicKind::Runtime(err.to_string())
}

/// The `Channels` implementation installed by [`super::run_main`].
#[derive(Debug, Default)]
pub struct RtChannels;

impl Channels for RtChannels {
    fn make(&self, heap: &Heap, elem_is_pointer: bool, cap: i64) -> Result<u64, PanicKind> {
        let cap = usize::try_from(cap)
            .ok()
            .filter(|&c| c < (1 << 40))
            .ok_or_else(|| PanicKind::Runtime("makechan: size out of range".into()))?;
        Ok(heap.alloc_host(Box::new(ChanObj::new(cap, elem_is_pointer))))
    }

    fn send(&self, g: u64, ch: u64, value: u64) -> ChanOutcome<()> {
        let Some(obj) = chan_obj(ch) else {
            return ChanOutcome::Park(SEND_NIL);
        };
        current::with_run_of(g, |run| send_blocking(run, obj, value))
            .unwrap_or_else(|| send_nonblocking(obj, value))
    }

    fn recv(&self, g: u64, ch: u64) -> ChanOutcome<(u64, bool)> {
        let Some(obj) = chan_obj(ch) else {
            return ChanOutcome::Park(RECV_NIL);
        };
        let res = current::with_run_of(g, |run| obj.chan.recv(&mut run.blocked.chan_op, run.waker));
        match res.unwrap_or_else(|| try_recv(obj)) {
            Poll::Ready(Some(v)) => {
                obj.release(v);
                ChanOutcome::Ready((v, true))
            }
            Poll::Ready(None) => ChanOutcome::Ready((0, false)),
            Poll::Pending => ChanOutcome::Park(WaitReason::ChanReceive),
        }
    }

    fn close(&self, ch: u64) -> Result<(), PanicKind> {
        let obj = chan_obj(ch).ok_or_else(|| chan_panic(ChanError::CloseOfNil))?;
        obj.chan.close().map_err(chan_panic)
    }

    fn len(&self, ch: u64) -> i64 {
        chan_obj(ch).map_or(0, |obj| obj.chan.len() as i64)
    }

    fn cap(&self, ch: u64) -> i64 {
        chan_obj(ch).map_or(0, |obj| obj.chan.cap() as i64)
    }

    fn select(
        &self,
        g: u64,
        cases: &mut [SelectCase],
        has_default: bool,
    ) -> ChanOutcome<Option<usize>> {
        let res = current::with_run_of(g, |run| select_blocking(run, cases, has_default));
        res.unwrap_or_else(|| select_nonblocking(cases, has_default))
    }
}

fn send_blocking(run: &mut RunState<'_>, obj: &ChanObj, value: u64) -> ChanOutcome<()> {
    let op = &mut run.blocked.chan_op;
    if !op.is_pending() {
        obj.hold(value);
    }
    match obj.chan.send(value, op, run.waker) {
        Poll::Ready(Ok(())) => ChanOutcome::Ready(()),
        Poll::Ready(Err(err)) => {
            obj.release(value);
            ChanOutcome::Panic(chan_panic(err))
        }
        Poll::Pending => ChanOutcome::Park(WaitReason::ChanSend),
    }
}

fn send_nonblocking(obj: &ChanObj, value: u64) -> ChanOutcome<()> {
    obj.hold(value);
    match obj.chan.try_send(value) {
        Ok(()) => ChanOutcome::Ready(()),
        Err(TrySendError::Closed(_)) => {
            obj.release(value);
            ChanOutcome::Panic(chan_panic(ChanError::SendOnClosed))
        }
        Err(TrySendError::Full(_)) => {
            obj.release(value);
            ChanOutcome::Park(WaitReason::ChanSend)
        }
    }
}

fn try_recv(obj: &ChanObj) -> Poll<Option<u64>> {
    match obj.chan.try_recv() {
        TryRecv::Value(v) => Poll::Ready(Some(v)),
        TryRecv::Closed => Poll::Ready(None),
        TryRecv::Empty => Poll::Pending,
    }
}

/// The runtime's cases for the interpreter's (a nil channel is `None`).
fn runtime_cases(cases: &[SelectCase]) -> Vec<minigo_runtime::SelectCase<'static, u64>> {
    cases
        .iter()
        .map(|case| {
            let chan = chan_obj(case.chan).map(ChanObj::chan);
            if case.send {
                minigo_runtime::SelectCase::Send(chan, case.value)
            } else {
                minigo_runtime::SelectCase::Recv(chan)
            }
        })
        .collect()
}

/// Releases the values of every send case except `fired` (they were not sent).
fn release_unsent(cases: &[SelectCase], fired: Option<usize>) {
    for (idx, case) in cases.iter().enumerate() {
        if case.send
            && Some(idx) != fired
            && let Some(obj) = chan_obj(case.chan)
        {
            obj.release(case.value);
        }
    }
}

fn select_blocking(
    run: &mut RunState<'_>,
    cases: &mut [SelectCase],
    has_default: bool,
) -> ChanOutcome<Option<usize>> {
    let op = &mut run.blocked.chan_op;
    if has_default
        && !op.is_pending()
        && let [case] = &mut *cases
        && !case.send
    {
        return poll_one_recv(case);
    }
    if !op.is_pending() {
        for case in cases.iter().filter(|c| c.send) {
            if let Some(obj) = chan_obj(case.chan) {
                obj.hold(case.value);
            }
        }
    }
    let polled = minigo_runtime::select(runtime_cases(cases), has_default, op, run.waker, run.rng);
    match polled {
        Poll::Ready(res) => finish_select(cases, res),
        Poll::Pending if cases.iter().all(|c| c.chan == 0) => {
            ChanOutcome::Park(WaitReason::SelectNoCases)
        }
        Poll::Pending => ChanOutcome::Park(WaitReason::Select),
    }
}

/// `select { case v, ok := <-c: ...; default: ... }`, the body of a polling loop: one
/// non-blocking receive, without building the runtime's case list (a select with a default
/// never registers a waiter, so the general path would only add allocations).
fn poll_one_recv(case: &mut SelectCase) -> ChanOutcome<Option<usize>> {
    // A nil channel is never ready: the default runs.
    let Some(obj) = chan_obj(case.chan) else {
        return ChanOutcome::Ready(None);
    };
    match try_recv(obj) {
        Poll::Ready(value) => {
            case.value = value.unwrap_or(0);
            case.ok = value.is_some();
            if let Some(v) = value {
                obj.release(v);
            }
            ChanOutcome::Ready(Some(0))
        }
        Poll::Pending => ChanOutcome::Ready(None),
    }
}

/// Writes a fired select's result into its cases and settles the in-flight counts.
fn finish_select(
    cases: &mut [SelectCase],
    res: Result<Selected<u64>, ChanError>,
) -> ChanOutcome<Option<usize>> {
    match res {
        Ok(Selected::Sent(idx)) => {
            release_unsent(cases, Some(idx));
            ChanOutcome::Ready(Some(idx))
        }
        Ok(Selected::Received(idx, value)) => {
            release_unsent(cases, None);
            let Some(case) = cases.get_mut(idx) else {
                unreachable!("the runtime reports one of the cases it was given")
            };
            case.value = value.unwrap_or(0);
            case.ok = value.is_some();
            if let (Some(v), Some(obj)) = (value, chan_obj(case.chan)) {
                obj.release(v);
            }
            ChanOutcome::Ready(Some(idx))
        }
        Ok(Selected::Default) => {
            release_unsent(cases, None);
            ChanOutcome::Ready(None)
        }
        Err(err) => {
            release_unsent(cases, None);
            ChanOutcome::Panic(chan_panic(err))
        }
    }
}

/// A select outside the scheduler: every case is tried once, in order; none ready parks.
fn select_nonblocking(cases: &mut [SelectCase], has_default: bool) -> ChanOutcome<Option<usize>> {
    let mut rng = minigo_runtime::Rng::new(cases.len() as u64);
    let mut op = minigo_runtime::PendingOp::new();
    for case in cases.iter().filter(|c| c.send) {
        if let Some(obj) = chan_obj(case.chan) {
            obj.hold(case.value);
        }
    }
    let polled = minigo_runtime::select(
        runtime_cases(cases),
        true,
        &mut op,
        std::task::Waker::noop(),
        &mut rng,
    );
    match polled {
        Poll::Ready(Ok(Selected::Default)) if !has_default => {
            release_unsent(cases, None);
            ChanOutcome::Park(WaitReason::Select)
        }
        Poll::Ready(res) => finish_select(cases, res),
        Poll::Pending => {
            unreachable!("a select with a default never registers")
        }
    }
}
