//! Channels across the boundary: [`Channel`], a host-held end of a script channel, with
//! blocking and `async` send and receive, and [`ChanRef`], the form it takes inside a
//! [`super::Value`].
//!
//! Owns: pinning the channel object while the host holds it, and counting the host's ends
//! so that deadlock detection stays off while the host may still send or receive. Does not
//! own: channel semantics (the runtime's `Chan`: hand-off, FIFO, close).
//!
//! Invariants:
//! - A host-held channel object is pinned, so the collector never frees it, and carries
//!   scalar elements only (integers, floats, bools): the host never allocates in the heap
//!   while a run may be collecting it.
//! - The async operations are plain `std::future::Future`s woken through the caller's waker:
//!   they work under any executor and force none on the host. Dropping a receive future that
//!   is still pending may lose the one value a sender hands to it.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use minigo_runtime::{Chan, ChanError, PendingOp, TryRecv};
use minigo_vm::Vm;
use minigo_vm::heap::object;
use minigo_vm::rt::{ChanObj, RunControl};

use super::error::Error;

/// An element type a host-held channel can carry: a scalar that fits a word.
///
/// # Examples
/// ```
/// use minigo::embed::ChanElem;
/// assert_eq!(i64::from_word(7i64.into_word()), 7);
/// ```
pub trait ChanElem: Send + 'static + sealed::Sealed {
    /// The VM word of the value.
    fn into_word(self) -> u64;
    /// The value of a VM word.
    fn from_word(word: u64) -> Self;
}

mod sealed {
    /// Only the scalar types below may cross a channel (module invariants).
    pub trait Sealed {}
    impl Sealed for i64 {}
    impl Sealed for f64 {}
    impl Sealed for bool {}
}

impl ChanElem for i64 {
    fn into_word(self) -> u64 {
        self as u64
    }
    fn from_word(word: u64) -> i64 {
        word as i64
    }
}

impl ChanElem for f64 {
    fn into_word(self) -> u64 {
        self.to_bits()
    }
    fn from_word(word: u64) -> f64 {
        f64::from_bits(word)
    }
}

impl ChanElem for bool {
    fn into_word(self) -> u64 {
        u64::from(self)
    }
    fn from_word(word: u64) -> bool {
        word != 0
    }
}

/// The host's hold on one channel object.
struct HostEnd {
    vm: Arc<Vm>,
    word: u64,
    control: Arc<RunControl>,
}

impl HostEnd {
    fn chan(&self) -> &Chan<u64> {
        // SAFETY: `word` was made by `RtChannels::make` and is pinned while `self` lives.
        let host = unsafe { object::host(self.word) };
        match host.and_then(|h| h.as_any().downcast_ref::<ChanObj>()) {
            Some(obj) => obj.chan(),
            None => unreachable!("a host end always names a channel object"),
        }
    }
}

impl Drop for HostEnd {
    fn drop(&mut self) {
        self.vm.unpin(self.word);
        self.control.remove_host_end();
    }
}

/// A channel value inside a [`super::Value`]: the host's end, passed to a script function.
///
/// # Examples
/// ```
/// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
/// let ch = script.channel::<i64>(1);
/// let v = minigo::embed::IntoValue::into_value(ch.clone());
/// assert_eq!(v.kind(), "chan");
/// # Ok::<(), minigo::embed::Error>(())
/// ```
#[derive(Clone)]
pub struct ChanRef(Arc<HostEnd>);

impl ChanRef {
    /// The channel's word in `vm`, which must be the VM it was made in.
    pub(crate) fn word_in(&self, vm: &Arc<Vm>) -> Result<u64, Error> {
        if Arc::ptr_eq(vm, &self.0.vm) {
            Ok(self.0.word)
        } else {
            Err(Error::Type("channel belongs to another script".into()))
        }
    }
}

impl PartialEq for ChanRef {
    fn eq(&self, other: &ChanRef) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for ChanRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChanRef({:#x})", self.0.word)
    }
}

/// A script channel (`chan T`) held by the host: pass it to a script function as an
/// argument, and send and receive on it from Rust, blocking or `async`.
///
/// While any clone of it is alive, goroutines blocked on channels are not reported as a
/// deadlock (the host may still wake them). Closing from either side behaves as Go:
/// receivers drain the buffer then see `None`, and a send on a closed channel fails.
///
/// # Examples
/// ```
/// use minigo::embed::Engine;
/// let script = Engine::new().compile("sum.go", r#"
/// func Sum(in chan int) int {
///     total := 0
///     for v := range in { total += v }
///     return total
/// }
/// func main() {}
/// "#)?;
/// let ch = script.channel::<i64>(8);
/// for i in 1..=4 { ch.send(i)?; }
/// ch.close()?;
/// let total: i64 = script.call("Sum", (ch,))?;
/// assert_eq!(total, 10);
/// # Ok::<(), minigo::embed::Error>(())
/// ```
pub struct Channel<T: ChanElem> {
    end: Arc<HostEnd>,
    elem: PhantomData<fn(T) -> T>,
}

impl<T: ChanElem> Clone for Channel<T> {
    fn clone(&self) -> Channel<T> {
        Channel {
            end: Arc::clone(&self.end),
            elem: PhantomData,
        }
    }
}

impl<T: ChanElem> fmt::Debug for Channel<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Channel({:#x})", self.end.word)
    }
}

fn closed_error() -> Error {
    Error::Panic {
        message: "send on closed channel".into(),
        report: String::new(),
    }
}

impl<T: ChanElem> Channel<T> {
    /// Wraps the channel object `word` of `vm` (made by `RtChannels::make`).
    pub(crate) fn new(vm: &Arc<Vm>, word: u64, control: &Arc<RunControl>) -> Channel<T> {
        vm.pin(word);
        control.add_host_end();
        Channel {
            end: Arc::new(HostEnd {
                vm: Arc::clone(vm),
                word,
                control: Arc::clone(control),
            }),
            elem: PhantomData,
        }
    }

    /// Sends `value`, blocking this thread (never a VM worker) until a receiver takes it or
    /// the buffer has room.
    ///
    /// # Errors
    /// [`Error::Panic`] with Go's `send on closed channel` if the channel is closed.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<bool>(1);
    /// ch.send(true)?;
    /// assert_eq!(ch.recv(), Some(true));
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn send(&self, value: T) -> Result<(), Error> {
        self.end
            .chan()
            .send_blocking(value.into_word())
            .map_err(|_| closed_error())
    }

    /// Receives a value, blocking this thread; `None` once the channel is closed and
    /// drained.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<f64>(1);
    /// ch.send(1.5)?;
    /// ch.close()?;
    /// assert_eq!((ch.recv(), ch.recv()), (Some(1.5), None));
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn recv(&self) -> Option<T> {
        self.end.chan().recv_blocking().map(T::from_word)
    }

    /// Receives without blocking: `Ok(None)` when nothing is ready yet.
    ///
    /// # Errors
    /// [`Error::Fatal`] saying the channel is closed, once it is closed and drained.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<i64>(1);
    /// assert_eq!(ch.try_recv()?, None);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn try_recv(&self) -> Result<Option<T>, Error> {
        match self.end.chan().try_recv() {
            TryRecv::Value(w) => Ok(Some(T::from_word(w))),
            TryRecv::Empty => Ok(None),
            TryRecv::Closed => Err(Error::Fatal("receive from closed channel".into())),
        }
    }

    /// Closes the channel, as Go's `close`.
    ///
    /// # Errors
    /// [`Error::Panic`] with Go's `close of closed channel`.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<i64>(0);
    /// ch.close()?;
    /// assert!(ch.close().is_err());
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn close(&self) -> Result<(), Error> {
        self.end
            .chan()
            .close()
            .map_err(|e: ChanError| Error::Panic {
                message: e.to_string(),
                report: String::new(),
            })
    }

    /// The number of buffered values (`len(ch)`).
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<i64>(2);
    /// ch.send(1)?;
    /// assert_eq!(ch.len(), 1);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.end.chan().len()
    }

    /// Whether no value is buffered.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// assert!(script.channel::<i64>(2).is_empty());
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sends `value` as a future: it completes when a receiver takes the value or the
    /// buffer has room, parking only the awaiting task (any executor).
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<i64>(1);
    /// let fut = ch.send_async(5);
    /// # drop(fut);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn send_async(&self, value: T) -> SendFuture<T> {
        SendFuture {
            end: Arc::clone(&self.end),
            value: Some(value.into_word()),
            op: PendingOp::new(),
            elem: PhantomData,
        }
    }

    /// Receives as a future: `None` once the channel is closed and drained.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<i64>(1);
    /// let fut = ch.recv_async();
    /// # drop(fut);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn recv_async(&self) -> RecvFuture<T> {
        RecvFuture {
            end: Arc::clone(&self.end),
            op: PendingOp::new(),
            elem: PhantomData,
        }
    }
}

impl<T: ChanElem> super::IntoValue for Channel<T> {
    fn into_value(self) -> super::Value {
        super::Value::Chan(ChanRef(self.end))
    }
}

/// The future of [`Channel::send_async`].
pub struct SendFuture<T> {
    end: Arc<HostEnd>,
    value: Option<u64>,
    op: PendingOp<u64>,
    elem: PhantomData<fn(T)>,
}

impl<T> Future for SendFuture<T> {
    type Output = Result<(), Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let this = self.get_mut();
        // After the first attempt registered, the re-run ignores the value it is given.
        let value = this.value.take().unwrap_or(0);
        this.end
            .chan()
            .send(value, &mut this.op, cx.waker())
            .map(|res| res.map_err(|_| closed_error()))
    }
}

/// The future of [`Channel::recv_async`].
pub struct RecvFuture<T> {
    end: Arc<HostEnd>,
    op: PendingOp<u64>,
    elem: PhantomData<fn() -> T>,
}

impl<T: ChanElem> Future for RecvFuture<T> {
    type Output = Option<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.get_mut();
        this.end
            .chan()
            .recv(&mut this.op, cx.waker())
            .map(|v| v.map(T::from_word))
    }
}
