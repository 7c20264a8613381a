//! Unit tests of channels driven by hand: no scheduler, a counting waker stands in for it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Poll, Wake, Waker};

use super::{Chan, ChanError, TryRecv, TrySendError};
use crate::waiter::PendingOp;

/// Counts wake-ups, so tests can check that exactly the right party was woken.
#[derive(Default)]
struct CountingWaker(AtomicUsize);

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counting() -> (Arc<CountingWaker>, Waker) {
    let counter = Arc::new(CountingWaker::default());
    (Arc::clone(&counter), Waker::from(counter))
}

#[test]
fn unbuffered_hands_off_to_a_parked_receiver() {
    let ch = Chan::new(0);
    let (wakes, waker) = counting();
    let mut op = PendingOp::new();
    assert_eq!(ch.recv(&mut op, &waker), Poll::Pending);
    assert_eq!(ch.waiting(), (0, 1));
    assert_eq!(ch.try_send(7), Ok(()));
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1);
    assert_eq!(ch.recv(&mut op, &waker), Poll::Ready(Some(7)));
    assert!(!op.is_pending());
    assert_eq!(ch.waiting(), (0, 0));
}

#[test]
fn unbuffered_send_blocks_until_a_receiver_takes_it() {
    let ch = Chan::new(0);
    let (wakes, waker) = counting();
    let mut op = PendingOp::new();
    assert_eq!(ch.try_send(1), Err(TrySendError::Full(1)));
    assert_eq!(ch.send(1, &mut op, &waker), Poll::Pending);
    // A spurious re-run before the hand-off stays pending and sends nothing twice.
    assert_eq!(ch.send(99, &mut op, &waker), Poll::Pending);
    assert_eq!(ch.try_recv(), TryRecv::Value(1));
    assert_eq!(wakes.0.load(Ordering::SeqCst), 1);
    assert_eq!(ch.send(99, &mut op, &waker), Poll::Ready(Ok(())));
    assert_eq!(ch.try_recv(), TryRecv::Empty);
}

#[test]
fn buffered_is_fifo_and_refills_from_parked_senders() {
    let ch = Chan::new(2);
    let waker = Waker::noop();
    ch.try_send(1).expect("room");
    ch.try_send(2).expect("room");
    let mut op = PendingOp::new();
    assert_eq!(ch.send(3, &mut op, waker), Poll::Pending);
    assert_eq!((ch.len(), ch.cap()), (2, 2));
    assert_eq!(ch.try_recv(), TryRecv::Value(1));
    // The parked sender's value moved into the freed slot, behind 2.
    assert_eq!(ch.len(), 2);
    assert_eq!(ch.send(0, &mut op, waker), Poll::Ready(Ok(())));
    assert_eq!(ch.try_recv(), TryRecv::Value(2));
    assert_eq!(ch.try_recv(), TryRecv::Value(3));
    assert_eq!(ch.try_recv(), TryRecv::Empty);
}

#[test]
fn close_wakes_receivers_with_closed_and_senders_with_a_panic() {
    let ch = Chan::<u8>::new(0);
    let (wakes, waker) = counting();
    let (mut r1, mut r2, mut s) = (PendingOp::new(), PendingOp::new(), PendingOp::new());
    assert_eq!(ch.recv(&mut r1, &waker), Poll::Pending);
    assert_eq!(ch.recv(&mut r2, &waker), Poll::Pending);
    ch.close().expect("first close");
    assert_eq!(wakes.0.load(Ordering::SeqCst), 2);
    assert_eq!(ch.recv(&mut r1, &waker), Poll::Ready(None));
    assert_eq!(ch.recv(&mut r2, &waker), Poll::Ready(None));
    assert_eq!(ch.close(), Err(ChanError::CloseOfClosed));
    assert_eq!(
        ch.send(1, &mut s, &waker),
        Poll::Ready(Err(ChanError::SendOnClosed))
    );

    let ch = Chan::<u8>::new(0);
    let mut s = PendingOp::new();
    assert_eq!(ch.send(5, &mut s, &waker), Poll::Pending);
    ch.close().expect("first close");
    assert_eq!(
        ch.send(5, &mut s, &waker),
        Poll::Ready(Err(ChanError::SendOnClosed))
    );
}

#[test]
fn closed_buffered_channel_drains_before_reporting_closed() {
    let ch = Chan::new(3);
    ch.try_send("a").expect("room");
    ch.close().expect("first close");
    assert_eq!(ch.try_send("b"), Err(TrySendError::Closed("b")));
    assert_eq!(ch.try_recv(), TryRecv::Value("a"));
    assert_eq!(ch.try_recv(), TryRecv::Closed);
    assert!(ch.is_closed());
    assert_eq!(ChanError::CloseOfNil.to_string(), "close of nil channel");
}

#[test]
fn host_threads_block_and_unblock_each_other() {
    let ch = Chan::new(0);
    let tx = ch.clone();
    let sender = std::thread::spawn(move || {
        for i in 0..1_000 {
            tx.send_blocking(i).expect("open");
        }
        tx.close().expect("first close");
    });
    let mut sum = 0;
    while let Some(v) = ch.recv_blocking() {
        sum += v;
    }
    sender.join().expect("sender thread");
    assert_eq!(sum, 999 * 1_000 / 2);
}

#[derive(Debug, Clone)]
enum ModelOp {
    Send(u8),
    Recv,
    Close,
}

fn model_op() -> impl proptest::strategy::Strategy<Value = ModelOp> {
    use proptest::prelude::*;
    prop_oneof![
        4 => any::<u8>().prop_map(ModelOp::Send),
        4 => Just(ModelOp::Recv),
        1 => Just(ModelOp::Close),
    ]
}

/// Applies one operation to the sequential model: a FIFO, a capacity and a closed flag.
fn model_step(
    model: &mut std::collections::VecDeque<u8>,
    closed: &mut bool,
    cap: usize,
    op: &ModelOp,
) -> String {
    match *op {
        ModelOp::Send(v) if *closed => format!("{:?}", Err::<(), _>(TrySendError::Closed(v))),
        ModelOp::Send(v) if model.len() < cap => {
            model.push_back(v);
            format!("{:?}", Ok::<(), TrySendError<u8>>(()))
        }
        ModelOp::Send(v) => format!("{:?}", Err::<(), _>(TrySendError::Full(v))),
        ModelOp::Recv => match model.pop_front() {
            Some(v) => format!("{:?}", TryRecv::Value(v)),
            None if *closed => format!("{:?}", TryRecv::<u8>::Closed),
            None => format!("{:?}", TryRecv::<u8>::Empty),
        },
        ModelOp::Close if *closed => format!("{:?}", Err::<(), _>(ChanError::CloseOfClosed)),
        ModelOp::Close => {
            *closed = true;
            format!("{:?}", Ok::<(), ChanError>(()))
        }
    }
}

proptest::proptest! {
    /// Non-blocking operations on one channel behave like a bounded FIFO with a closed flag.
    #[test]
    fn a_channel_behaves_like_a_sequential_model(
        cap in 0usize..4,
        ops in proptest::collection::vec(model_op(), 0..64),
    ) {
        let ch = Chan::new(cap);
        let (mut model, mut closed) = (std::collections::VecDeque::new(), false);
        for op in &ops {
            let got = match *op {
                ModelOp::Send(v) => format!("{:?}", ch.try_send(v)),
                ModelOp::Recv => format!("{:?}", ch.try_recv()),
                ModelOp::Close => format!("{:?}", ch.close()),
            };
            proptest::prop_assert_eq!(got, model_step(&mut model, &mut closed, cap, op));
            proptest::prop_assert_eq!(ch.len(), model.len());
        }
    }
}
