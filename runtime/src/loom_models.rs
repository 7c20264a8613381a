//! Loom models of the lock-free and lock-ordering protocols: the task wake/park state machine,
//! channel send/receive/close, select registration (two channels racing to fire one select,
//! and a hand-off racing a close), and the semaphore's release hand-off.
//!
//! Run with `RUSTFLAGS="--cfg loom" cargo test -p minigo_runtime --release loom`. Each model
//! keeps to two or three threads and a few operations, so loom explores every interleaving
//! (within a preemption bound of 3; raise it with `LOOM_MAX_PREEMPTIONS`) in seconds.

use std::sync::Arc;
use std::task::{Poll, Wake, Waker};

use loom::sync::Notify;
use loom::sync::atomic::AtomicUsize;
use loom::thread;

use crate::loom::Ordering;
use crate::park::{TaskState, WakeAction};
use crate::waiter::PendingOp;
use crate::{Chan, Rng, SelectCase, Selected, TryRecv, select};

/// A waker that hands out a permit, standing in for the scheduler's park/unpark.
struct Permit(Notify);

impl Wake for Permit {
    fn wake(self: Arc<Self>) {
        self.0.notify();
    }
}

/// Polls until ready, parking on the permit between polls (no spinning, which loom cannot
/// explore to the end).
fn block<R>(mut poll: impl FnMut(&Waker) -> Poll<R>) -> R {
    let permit = Arc::new(Permit(Notify::new()));
    let waker = Waker::from(Arc::clone(&permit));
    loop {
        if let Poll::Ready(res) = poll(&waker) {
            return res;
        }
        permit.0.wait();
    }
}

/// Checks `f` under loom, with a preemption bound of 3 unless `LOOM_MAX_PREEMPTIONS` sets one.
fn model(f: impl Fn() + Send + Sync + 'static) {
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(3);
    }
    builder.check(f);
}

#[test]
fn loom_wake_during_run_is_never_lost() {
    model(|| {
        let state = Arc::new(TaskState::new_scheduled());
        let enqueued = Arc::new(AtomicUsize::new(0));
        state.start_run();
        let waker = {
            let (state, enqueued) = (Arc::clone(&state), Arc::clone(&enqueued));
            thread::spawn(move || {
                if state.wake() == WakeAction::Enqueue {
                    enqueued.fetch_add(1, Ordering::SeqCst);
                }
            })
        };
        // The worker sees the task return `Park`.
        if !state.park() {
            enqueued.fetch_add(1, Ordering::SeqCst);
        }
        waker.join().expect("waker thread");
        assert_eq!(
            enqueued.load(Ordering::SeqCst),
            1,
            "exactly one party enqueues"
        );
        assert_eq!(
            state.wake(),
            WakeAction::Nothing,
            "and the task is scheduled"
        );
    });
}

#[test]
fn loom_unbuffered_send_meets_receive() {
    model(|| {
        let ch = Chan::new(0);
        let tx = ch.clone();
        let sender = thread::spawn(move || {
            let mut op = PendingOp::new();
            block(|w| tx.send(7u8, &mut op, w)).expect("open channel");
        });
        let mut op = PendingOp::new();
        assert_eq!(block(|w| ch.recv(&mut op, w)), Some(7));
        sender.join().expect("sender thread");
        assert_eq!(ch.waiting(), (0, 0));
    });
}

#[test]
fn loom_buffered_parked_sender_is_refilled_in_order() {
    model(|| {
        let ch = Chan::new(1);
        let tx = ch.clone();
        let sender = thread::spawn(move || {
            for v in [1u8, 2] {
                let mut op = PendingOp::new();
                block(|w| tx.send(v, &mut op, w)).expect("open channel");
            }
        });
        let mut got = Vec::new();
        for _ in 0..2 {
            let mut op = PendingOp::new();
            got.push(block(|w| ch.recv(&mut op, w)));
        }
        sender.join().expect("sender thread");
        assert_eq!(got, [Some(1), Some(2)]);
    });
}

#[test]
fn loom_close_releases_a_parked_receiver() {
    model(|| {
        let ch = Chan::<u8>::new(0);
        let closer = {
            let ch = ch.clone();
            thread::spawn(move || ch.close().expect("closed once"))
        };
        let mut op = PendingOp::new();
        assert_eq!(block(|w| ch.recv(&mut op, w)), None);
        closer.join().expect("closer thread");
        assert_eq!(ch.try_recv(), TryRecv::Closed);
    });
}

#[test]
fn loom_select_fires_once_when_two_channels_race() {
    model(|| {
        let (a, b) = (Chan::new(1), Chan::new(1));
        let senders: Vec<_> = [(a.clone(), 1u8), (b.clone(), 2u8)]
            .into_iter()
            .map(|(ch, v)| thread::spawn(move || ch.try_send(v).expect("room in the buffer")))
            .collect();
        let mut op = PendingOp::new();
        let mut rng = Rng::new(1);
        let got = block(|w| {
            let cases = vec![SelectCase::Recv(Some(&a)), SelectCase::Recv(Some(&b))];
            select(cases, false, &mut op, w, &mut rng)
        });
        for sender in senders {
            sender.join().expect("sender thread");
        }
        let Ok(Selected::Received(case, Some(v))) = got else {
            panic!("select must receive a value, got {got:?}")
        };
        assert_eq!(
            usize::from(v),
            case + 1,
            "the value came from the winning case"
        );
        // The other value is still buffered: nothing was lost or taken twice.
        assert_eq!(a.len() + b.len(), 1);
        assert_eq!(
            (a.waiting(), b.waiting()),
            ((0, 0), (0, 0)),
            "no stale registration"
        );
    });
}

#[test]
fn loom_select_send_case_races_a_close_on_its_other_channel() {
    model(|| {
        let (a, b) = (Chan::<u8>::new(0), Chan::<u8>::new(0));
        let closer = {
            let b = b.clone();
            thread::spawn(move || b.close().expect("closed once"))
        };
        let taker = {
            let a = a.clone();
            thread::spawn(move || a.try_recv())
        };
        let mut op = PendingOp::new();
        let mut rng = Rng::new(2);
        let got = block(|w| {
            let cases = vec![SelectCase::Send(Some(&a), 1), SelectCase::Recv(Some(&b))];
            select(cases, false, &mut op, w, &mut rng)
        });
        closer.join().expect("closer thread");
        let taken = taker.join().expect("taker thread");
        match taken {
            TryRecv::Value(v) => {
                assert_eq!(v, 1);
                assert_eq!(
                    got,
                    Ok(Selected::Sent(0)),
                    "the value went out through case 0"
                );
            }
            _ => assert_eq!(
                got,
                Ok(Selected::Received(1, None)),
                "else the close fired it"
            ),
        }
        assert_eq!(
            (a.waiting(), b.waiting()),
            ((0, 0), (0, 0)),
            "no stale registration"
        );
    });
}

#[test]
fn loom_sema_release_is_never_lost() {
    model(|| {
        let sema = crate::Sema::new(0);
        let releaser = {
            let sema = sema.clone();
            thread::spawn(move || sema.release())
        };
        let mut op = PendingOp::new();
        block(|w| sema.acquire(&mut op, w));
        releaser.join().expect("releaser thread");
        assert!(!sema.try_acquire(), "the one permit was taken once");
        assert_eq!(sema.waiting(), 0);
    });
}
