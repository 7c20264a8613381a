//! `Script`, a task whose run is a closure, and helpers to build tasks that perform blocking
//! channel operations the way the VM will (re-run the operation after every wake-up).

use std::task::Poll;
use std::time::Duration;

use minigo_runtime::{Chan, Config, Context, Exit, PendingOp, Runtime, Sleep, Task, WaitReason};

/// What a script step returns.
pub type Step = Exit<String>;

/// One run of a script, given the budget.
type StepFn = dyn FnMut(&mut Context<'_, Script>, u32) -> Step + Send;

/// A task driven by a closure that keeps its own state between runs.
pub struct Script {
    step: Box<StepFn>,
}

impl Script {
    pub fn new(step: impl FnMut(&mut Context<'_, Script>, u32) -> Step + Send + 'static) -> Self {
        Self {
            step: Box::new(step),
        }
    }
}

impl Task for Script {
    type Panic = String;

    fn run(&mut self, cx: &mut Context<'_, Self>, budget: u32) -> Step {
        (self.step)(cx, budget)
    }
}

/// A runtime with `workers` workers and a fixed seed.
pub fn runtime(workers: usize) -> Runtime<Script> {
    Runtime::new(Config {
        workers,
        seed: 0x5EED,
        budget: 64,
        ..Config::default()
    })
    .expect("start runtime")
}

/// A task that sends each value of `values` on `ch`, then runs `then` once.
pub fn sender<I>(ch: Chan<u64>, values: I, mut then: impl FnMut() + Send + 'static) -> Script
where
    I: Iterator<Item = u64> + Send + 'static,
{
    let mut values = values.peekable();
    let mut op = PendingOp::new();
    Script::new(move |cx, budget| {
        for _ in 0..budget {
            let Some(&v) = values.peek() else {
                then();
                return Exit::Done;
            };
            match ch.send(v, &mut op, cx.waker()) {
                Poll::Ready(Ok(())) => {
                    values.next();
                }
                Poll::Ready(Err(err)) => return Exit::Panic(err.to_string()),
                Poll::Pending => return Exit::Park(WaitReason::ChanSend),
            }
        }
        Exit::Yield
    })
}

/// A task that receives from `ch` until it is closed, handing each value to `each`, then
/// runs `then` once.
pub fn receiver(
    ch: Chan<u64>,
    mut each: impl FnMut(u64) + Send + 'static,
    mut then: impl FnMut() + Send + 'static,
) -> Script {
    let mut op = PendingOp::new();
    Script::new(move |cx, budget| {
        for _ in 0..budget {
            match ch.recv(&mut op, cx.waker()) {
                Poll::Ready(Some(v)) => each(v),
                Poll::Ready(None) => {
                    then();
                    return Exit::Done;
                }
                Poll::Pending => return Exit::Park(WaitReason::ChanReceive),
            }
        }
        Exit::Yield
    })
}

/// Receives `n` values from `ch` (blocking the task), then runs `then` and finishes.
pub fn await_n(ch: Chan<u64>, n: usize, mut then: impl FnMut() + Send + 'static) -> Script {
    let mut got = 0;
    let mut op = PendingOp::new();
    Script::new(move |cx, _budget| {
        while got < n {
            match ch.recv(&mut op, cx.waker()) {
                Poll::Ready(_) => got += 1,
                Poll::Pending => return Exit::Park(WaitReason::ChanReceive),
            }
        }
        then();
        Exit::Done
    })
}

/// A task that sleeps `ms` milliseconds (parking with `WaitReason::Sleep`), then runs `then`.
pub fn sleeper(ms: u64, mut then: impl FnMut() + Send + 'static) -> Script {
    let mut sleep: Option<Sleep> = None;
    Script::new(move |cx, _| {
        let s =
            sleep.get_or_insert_with(|| cx.timers().sleep(Duration::from_millis(ms), cx.waker()));
        if !s.is_elapsed() {
            return Exit::Park(WaitReason::Sleep);
        }
        then();
        Exit::Done
    })
}
