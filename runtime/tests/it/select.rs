//! Select: uniform choice, default, nil channels, dequeuing after a case fires, and two
//! selects that lock the same channels in opposite case order.

use std::task::{Poll, Waker};

use minigo_runtime::{
    Chan, ChanError, Exit, Outcome, PendingOp, Rng, SelectCase, Selected, TryRecv, WaitReason,
    select,
};

use crate::common::{Script, runtime};

#[test]
fn two_always_ready_cases_are_chosen_evenly() {
    let (a, b) = (Chan::new(1), Chan::new(1));
    let mut rng = Rng::new(99);
    let mut op = PendingOp::new();
    let mut first = 0;
    const ROUNDS: usize = 20_000;
    for _ in 0..ROUNDS {
        a.try_send(1u8).ok();
        b.try_send(2u8).ok();
        let cases = vec![SelectCase::Recv(Some(&a)), SelectCase::Recv(Some(&b))];
        match select(cases, false, &mut op, Waker::noop(), &mut rng) {
            Poll::Ready(Ok(Selected::Received(0, Some(1)))) => first += 1,
            Poll::Ready(Ok(Selected::Received(1, Some(2)))) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    let share = first as f64 / ROUNDS as f64;
    assert!(
        (0.47..0.53).contains(&share),
        "first case chosen {share:.3} of the time"
    );
}

#[test]
fn default_runs_when_nothing_is_ready_and_nil_channels_never_are() {
    let a = Chan::<u8>::new(0);
    let waker = Waker::noop();
    let mut op = PendingOp::new();
    let mut rng = Rng::new(1);
    let cases = vec![SelectCase::Recv(Some(&a)), SelectCase::Send(None, 3)];
    assert_eq!(
        select(cases, true, &mut op, waker, &mut rng),
        Poll::Ready(Ok(Selected::Default))
    );
    let cases = vec![SelectCase::Recv(None), SelectCase::Send(None, 3)];
    assert_eq!(
        select(cases, false, &mut op, waker, &mut rng),
        Poll::Pending
    );
    assert!(
        !op.is_pending(),
        "an all-nil select registers nothing and blocks forever"
    );
    assert_eq!(
        select(Vec::new(), false, &mut op, waker, &mut rng),
        Poll::Pending
    );
}

#[test]
fn a_fired_select_leaves_no_entry_on_its_other_channels() {
    let (a, b, c) = (Chan::<u8>::new(0), Chan::<u8>::new(0), Chan::<u8>::new(0));
    let waker = Waker::noop();
    let mut op = PendingOp::new();
    let mut rng = Rng::new(5);
    let cases = || {
        vec![
            SelectCase::Recv(Some(&a)),
            SelectCase::Send(Some(&b), 9),
            SelectCase::Recv(Some(&c)),
        ]
    };
    assert_eq!(
        select(cases(), false, &mut op, waker, &mut rng),
        Poll::Pending
    );
    assert_eq!(
        (a.waiting(), b.waiting(), c.waiting()),
        ((0, 1), (1, 0), (0, 1))
    );
    c.try_send(4).expect("the select receives it");
    // A second channel cannot fire the same select: its claim fails and the entry is dropped.
    assert_eq!(a.try_send(1), Err(minigo_runtime::TrySendError::Full(1)));
    assert_eq!(b.try_recv(), TryRecv::Empty);
    let res = select(cases(), false, &mut op, waker, &mut rng);
    assert_eq!(res, Poll::Ready(Ok(Selected::Received(2, Some(4)))));
    assert_eq!(
        (a.waiting(), b.waiting(), c.waiting()),
        ((0, 0), (0, 0), (0, 0))
    );
}

#[test]
fn a_send_case_on_a_closed_channel_panics() {
    let a = Chan::<u8>::new(0);
    a.close().expect("closed once");
    let mut op = PendingOp::new();
    let cases = vec![SelectCase::Send(Some(&a), 1), SelectCase::Recv(None)];
    let res = select(cases, false, &mut op, Waker::noop(), &mut Rng::new(3));
    assert_eq!(res, Poll::Ready(Err(ChanError::SendOnClosed)));
}

#[test]
fn a_parked_send_case_sees_close_as_a_panic() {
    let a = Chan::<u8>::new(0);
    let waker = Waker::noop();
    let mut op = PendingOp::new();
    let cases = || vec![SelectCase::Send(Some(&a), 1), SelectCase::Send(Some(&a), 2)];
    assert_eq!(
        select(cases(), false, &mut op, waker, &mut Rng::new(3)),
        Poll::Pending
    );
    a.close().expect("closed once");
    let res = select(cases(), false, &mut op, waker, &mut Rng::new(3));
    assert_eq!(res, Poll::Ready(Err(ChanError::SendOnClosed)));
}

/// A task that runs `rounds` selects over `(first, second)`: each round sends on one and
/// receives on the other, whichever is ready.
fn crossing(first: Chan<u64>, second: Chan<u64>, rounds: u64) -> Script {
    let mut done = 0;
    let mut op = PendingOp::new();
    Script::new(move |cx, budget| {
        for _ in 0..budget {
            if done == rounds {
                return Exit::Done;
            }
            let cases = vec![
                SelectCase::Send(Some(&first), done),
                SelectCase::Recv(Some(&second)),
            ];
            match select(cases, false, &mut op, cx.waker(), cx.rng()) {
                Poll::Ready(Ok(_)) => done += 1,
                Poll::Ready(Err(err)) => return Exit::Panic(err.to_string()),
                Poll::Pending => return Exit::Park(WaitReason::Select),
            }
        }
        Exit::Yield
    })
}

#[test]
fn selects_over_the_same_channels_in_opposite_order_do_not_deadlock() {
    let (a, b) = (Chan::new(0), Chan::new(0));
    let done = Chan::new(2);
    let mut spawned = false;
    let mut waiter = crate::common::await_n(done.clone(), 2, || {});
    let main = Script::new(move |cx, budget| {
        if !spawned {
            spawned = true;
            for (x, y) in [(a.clone(), b.clone()), (b.clone(), a.clone())] {
                let done = done.clone();
                let mut inner = crossing(x, y, 20_000);
                cx.spawn(Script::new(move |cx, budget| {
                    let exit = minigo_runtime::Task::run(&mut inner, cx, budget);
                    if matches!(exit, Exit::Done) {
                        done.try_send(1).expect("room");
                    }
                    exit
                }));
            }
        }
        minigo_runtime::Task::run(&mut waiter, cx, budget)
    });
    let outcome = runtime(2).run(main);
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
}
