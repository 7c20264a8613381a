//! Stress: 8 producers and 8 consumers move 1,000,000 numbered messages through an
//! unbuffered channel, a buffered one, and a select over several channels; every message
//! must arrive exactly once.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::Poll;

use minigo_runtime::{Chan, Exit, Outcome, PendingOp, SelectCase, Selected, WaitReason, select};

use crate::common::{Script, receiver, runtime, sender};

const PRODUCERS: u64 = 8;
const CONSUMERS: u64 = 8;
const MESSAGES: u64 = if cfg!(miri) { 800 } else { 1_000_000 };
const PER_PRODUCER: u64 = MESSAGES / PRODUCERS;

type Seen = Arc<Vec<AtomicU8>>;

fn new_seen() -> Seen {
    Arc::new((0..MESSAGES).map(|_| AtomicU8::new(0)).collect())
}

fn mark(seen: &Seen) -> impl FnMut(u64) + Send + 'static {
    let seen = Arc::clone(seen);
    move |v| {
        let slot = usize::try_from(v).ok().and_then(|i| seen.get(i));
        slot.expect("message number in range")
            .fetch_add(1, Ordering::Relaxed);
    }
}

fn assert_each_once(seen: &Seen) {
    let wrong: Vec<usize> = (0..seen.len())
        .filter(|&i| seen[i].load(Ordering::Relaxed) != 1)
        .take(5)
        .collect();
    assert!(
        wrong.is_empty(),
        "messages not delivered exactly once: {wrong:?}"
    );
}

/// The main task: spawns the workers from `spawn`, waits for the producers' 8 signals on
/// `done`, runs `close_data`, then waits for the consumers' 8 signals.
fn coordinator(
    done: Chan<u64>,
    mut spawn: impl FnMut(&mut minigo_runtime::Context<'_, Script>) + Send + 'static,
    mut close_data: impl FnMut() + Send + 'static,
) -> Script {
    let (mut spawned, mut got) = (false, 0);
    let mut op = PendingOp::new();
    Script::new(move |cx, _budget| {
        if !spawned {
            spawn(cx);
            spawned = true;
        }
        loop {
            match done.recv(&mut op, cx.waker()) {
                Poll::Ready(_) => got += 1,
                Poll::Pending => return Exit::Park(WaitReason::ChanReceive),
            }
            if got == PRODUCERS {
                close_data();
            }
            if got == PRODUCERS + CONSUMERS {
                return Exit::Done;
            }
        }
    })
}

fn signal(done: &Chan<u64>) -> impl FnMut() + Send + 'static {
    let done = done.clone();
    move || {
        done.try_send(1)
            .expect("the done channel has room for every signal")
    }
}

fn run_plain(cap: usize) {
    let (data, done, seen) = (Chan::new(cap), Chan::new(16), new_seen());
    let spawn = {
        let (data, done, seen) = (data.clone(), done.clone(), Arc::clone(&seen));
        move |cx: &mut minigo_runtime::Context<'_, Script>| {
            for p in 0..PRODUCERS {
                let range = p * PER_PRODUCER..(p + 1) * PER_PRODUCER;
                cx.spawn(sender(data.clone(), range, signal(&done)));
            }
            for _ in 0..CONSUMERS {
                cx.spawn(receiver(data.clone(), mark(&seen), signal(&done)));
            }
        }
    };
    let close = move || data.close().expect("closed once");
    let outcome = runtime(2).run(coordinator(done, spawn, close));
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
    assert_each_once(&seen);
}

#[test]
fn unbuffered_channel_delivers_every_message_once() {
    run_plain(0);
}

#[test]
fn buffered_channel_delivers_every_message_once() {
    run_plain(64);
}

/// A producer that sends each value on whichever of `chans` is ready first.
fn select_sender(chans: Vec<Chan<u64>>, p: u64, mut then: impl FnMut() + Send + 'static) -> Script {
    let mut next = p * PER_PRODUCER;
    let end = next + PER_PRODUCER;
    let mut op = PendingOp::new();
    Script::new(move |cx, budget| {
        for _ in 0..budget {
            if next == end {
                then();
                return Exit::Done;
            }
            let cases = chans
                .iter()
                .map(|c| SelectCase::Send(Some(c), next))
                .collect();
            match select(cases, false, &mut op, cx.waker(), cx.rng()) {
                Poll::Ready(Ok(Selected::Sent(_))) => next += 1,
                Poll::Ready(other) => return Exit::Panic(format!("{other:?}")),
                Poll::Pending => return Exit::Park(WaitReason::Select),
            }
        }
        Exit::Yield
    })
}

/// A consumer that receives from all of `chans` until every one is closed.
fn select_receiver(
    chans: Vec<Chan<u64>>,
    mut each: impl FnMut(u64) + Send + 'static,
    mut then: impl FnMut() + Send + 'static,
) -> Script {
    let mut open = vec![true; chans.len()];
    let mut op = PendingOp::new();
    Script::new(move |cx, budget| {
        for _ in 0..budget {
            if !open.contains(&true) {
                then();
                return Exit::Done;
            }
            let cases = chans
                .iter()
                .zip(&open)
                .map(|(c, &o)| SelectCase::Recv(o.then_some(c)))
                .collect();
            match select(cases, false, &mut op, cx.waker(), cx.rng()) {
                Poll::Ready(Ok(Selected::Received(_, Some(v)))) => each(v),
                Poll::Ready(Ok(Selected::Received(i, None))) => open[i] = false,
                Poll::Ready(other) => return Exit::Panic(format!("{other:?}")),
                Poll::Pending => return Exit::Park(WaitReason::Select),
            }
        }
        Exit::Yield
    })
}

#[test]
fn select_over_several_channels_delivers_every_message_once() {
    let chans: Vec<Chan<u64>> = vec![Chan::new(0), Chan::new(0), Chan::new(4), Chan::new(0)];
    let (done, seen) = (Chan::new(16), new_seen());
    let spawn = {
        let (chans, done, seen) = (chans.clone(), done.clone(), Arc::clone(&seen));
        move |cx: &mut minigo_runtime::Context<'_, Script>| {
            for p in 0..PRODUCERS {
                cx.spawn(select_sender(chans.clone(), p, signal(&done)));
            }
            for _ in 0..CONSUMERS {
                cx.spawn(select_receiver(chans.clone(), mark(&seen), signal(&done)));
            }
        }
    };
    let close = move || chans.iter().for_each(|c| c.close().expect("closed once"));
    let outcome = runtime(2).run(coordinator(done, spawn, close));
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
    assert_each_once(&seen);
}
