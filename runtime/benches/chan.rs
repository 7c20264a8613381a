//! Micro-benchmarks of the runtime: a ping-pong round trip over two unbuffered channels
//! between two tasks on one worker (a channel hand-off plus a task switch each way), an
//! uncontended buffered send+receive, a select over two ready channels, and the cost of
//! spawning a task that finishes at once.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Poll, Waker};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use minigo_runtime::{
    Chan, Config, Context, Exit, Outcome, PendingOp, Rng, Runtime, SelectCase, Task, TryRecv,
    WaitReason, select,
};

/// One run of a benchmark task.
type BenchStep = dyn FnMut(&mut Context<'_, Bench>) -> Exit<()> + Send;

/// A benchmark task: a closure run until it parks, yields or finishes.
struct Bench(Box<BenchStep>);

impl Task for Bench {
    type Panic = ();

    fn run(&mut self, cx: &mut Context<'_, Self>, _budget: u32) -> Exit<()> {
        (self.0)(cx)
    }
}

fn one_worker() -> Runtime<Bench> {
    Runtime::new(Config {
        workers: 1,
        seed: 1,
        ..Config::default()
    })
    .expect("start runtime")
}

/// The partner: receives on `ping`, answers on `pong`, until `ping` closes.
fn echo(ping: Chan<u64>, pong: Chan<u64>) -> Bench {
    let (mut op, mut held) = (PendingOp::new(), None);
    Bench(Box::new(move |cx| {
        loop {
            if held.is_none() {
                match ping.recv(&mut op, cx.waker()) {
                    Poll::Ready(Some(v)) => held = Some(v + 1),
                    Poll::Ready(None) => return Exit::Done,
                    Poll::Pending => return Exit::Park(WaitReason::ChanReceive),
                }
            }
            match pong.send(held.unwrap_or_default(), &mut op, cx.waker()) {
                Poll::Ready(_) => held = None,
                Poll::Pending => return Exit::Park(WaitReason::ChanSend),
            }
        }
    }))
}

/// Runs `rounds` ping-pong round trips and returns the time they took.
fn ping_pong(rounds: u64) -> Duration {
    let (ping, pong) = (Chan::new(0), Chan::new(0));
    let (mut op, mut sent, mut spawned) = (PendingOp::new(), 0, false);
    let mut awaiting = false;
    let main = Bench(Box::new(move |cx| {
        if !spawned {
            spawned = true;
            cx.spawn(echo(ping.clone(), pong.clone()));
        }
        while sent < rounds {
            if !awaiting {
                match ping.send(sent, &mut op, cx.waker()) {
                    Poll::Ready(_) => awaiting = true,
                    Poll::Pending => return Exit::Park(WaitReason::ChanSend),
                }
            }
            match pong.recv(&mut op, cx.waker()) {
                Poll::Ready(v) => black_box(v),
                Poll::Pending => return Exit::Park(WaitReason::ChanReceive),
            };
            awaiting = false;
            sent += 1;
        }
        Exit::Done
    }));
    let mut rt = one_worker();
    let start = Instant::now();
    let outcome = rt.run(main);
    let elapsed = start.elapsed();
    assert!(matches!(outcome, Outcome::Completed));
    elapsed
}

/// Spawns `n` tasks that finish at once and returns the time until all have run.
fn spawn_many(n: u64) -> Duration {
    let (mut spawned, finished) = (0, Chan::new(1));
    let done = finished.clone();
    let counter = Arc::new(AtomicU64::new(0));
    let mut op = PendingOp::new();
    let main = Bench(Box::new(move |cx| {
        while spawned < n {
            let (counter, done) = (counter.clone(), done.clone());
            cx.spawn(Bench(Box::new(move |_| {
                if counter.fetch_add(1, Ordering::Relaxed) + 1 == n {
                    let _ = done.try_send(());
                }
                Exit::Done
            })));
            spawned += 1;
        }
        match finished.recv(&mut op, cx.waker()) {
            Poll::Ready(_) => Exit::Done,
            Poll::Pending => Exit::Park(WaitReason::ChanReceive),
        }
    }));
    let mut rt = one_worker();
    let start = Instant::now();
    assert!(matches!(rt.run(main), Outcome::Completed));
    start.elapsed()
}

fn benches(c: &mut Criterion) {
    c.bench_function("pingpong_round_trip_1_worker", |b| {
        b.iter_custom(|iters| ping_pong(iters.max(1)))
    });
    c.bench_function("buffered_send_recv_uncontended", |b| {
        let ch = Chan::new(1);
        b.iter(|| {
            ch.try_send(black_box(1u64)).ok();
            matches!(ch.try_recv(), TryRecv::Value(_))
        })
    });
    c.bench_function("select_two_ready_cases", |b| {
        let (x, y) = (Chan::new(1), Chan::new(1));
        let (mut op, mut rng) = (PendingOp::new(), Rng::new(7));
        b.iter(|| {
            x.try_send(1u64).ok();
            y.try_send(2u64).ok();
            let cases = vec![SelectCase::Recv(Some(&x)), SelectCase::Recv(Some(&y))];
            black_box(select(cases, false, &mut op, Waker::noop(), &mut rng))
        })
    });
    c.bench_function("spawn_and_finish", |b| {
        b.iter_custom(|iters| spawn_many(iters.max(1)))
    });
}

criterion_group!(name = runtime_benches; config = Criterion::default().sample_size(20); targets = benches);
criterion_main!(runtime_benches);
