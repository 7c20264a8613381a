//! GOMAXPROCS while a program runs: `Handle::set_workers` starts or wakes workers when the
//! limit grows, retires the surplus when it shrinks, and deadlock detection stays right.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;
use std::time::{Duration, Instant};

use minigo_runtime::{Chan, Exit, Outcome, PendingOp, WaitReason};

use crate::common::{Script, runtime};

/// A task that, on each run, counts itself inside, spins for `spin`, records the most tasks
/// it saw inside at once into `max_inside`, and finishes after `runs` runs (or as soon as it
/// saw `stop_at` tasks inside at once).
fn spinner(
    inside: Arc<AtomicUsize>,
    max_inside: Arc<AtomicUsize>,
    done: Arc<AtomicUsize>,
    spin: Duration,
    (runs, stop_at): (usize, usize),
) -> Script {
    let mut left = runs;
    Script::new(move |_, _| {
        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
        let mut seen = now;
        let start = Instant::now();
        while start.elapsed() < spin && seen < stop_at {
            seen = seen.max(inside.load(Ordering::SeqCst));
            std::hint::spin_loop();
        }
        max_inside.fetch_max(seen, Ordering::SeqCst);
        inside.fetch_sub(1, Ordering::SeqCst);
        left -= 1;
        if left == 0 || seen >= stop_at {
            done.fetch_add(1, Ordering::SeqCst);
            Exit::Done
        } else {
            Exit::Yield
        }
    })
}

/// Runs two spinners after setting the worker count to `workers` from inside the program;
/// returns the most spinners seen running at once and what `set_workers` returned.
fn run_two_spinners(start_workers: usize, workers: usize, spin: Duration) -> (usize, usize) {
    let inside = Arc::new(AtomicUsize::new(0));
    let max_inside = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let prev = Arc::new(AtomicUsize::new(0));
    let (max_seen, prev_seen) = (Arc::clone(&max_inside), Arc::clone(&prev));
    let mut settle: Option<Instant> = None;
    let mut spawned = false;
    let main = Script::new(move |cx, _| {
        // Set the limit, then let any retiring worker finish its run before the spinners.
        let since = *settle.get_or_insert_with(|| {
            prev.store(cx.handle().set_workers(workers), Ordering::SeqCst);
            Instant::now()
        });
        if since.elapsed() < Duration::from_millis(50) {
            return Exit::Yield;
        }
        if !spawned {
            spawned = true;
            for _ in 0..2 {
                let (i, m, d) = (
                    Arc::clone(&inside),
                    Arc::clone(&max_inside),
                    Arc::clone(&done),
                );
                cx.spawn(spinner(i, m, d, spin, (40, 2)));
            }
        }
        if done.load(Ordering::SeqCst) == 2 {
            Exit::Done
        } else {
            Exit::Yield
        }
    });
    let outcome = runtime(start_workers).run(main);
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
    (
        max_seen.load(Ordering::SeqCst),
        prev_seen.load(Ordering::SeqCst),
    )
}

#[test]
fn growing_the_limit_starts_a_worker_that_runs_tasks_in_parallel() {
    // Each spinner waits up to 2 s per run for the other to be inside too: only a second
    // worker can make that happen.
    let (max_inside, prev) = run_two_spinners(1, 2, Duration::from_secs(2));
    assert_eq!(prev, 1);
    assert_eq!(
        max_inside, 2,
        "two tasks ran at the same time on two workers"
    );
}

#[test]
fn shrinking_the_limit_retires_the_surplus_workers() {
    let (max_inside, prev) = run_two_spinners(3, 1, Duration::from_millis(2));
    assert_eq!(prev, 3);
    assert_eq!(max_inside, 1, "one worker left: tasks never overlap");
}

#[test]
fn the_limit_is_clamped_and_readable() {
    let rt = runtime(2);
    let handle = rt.handle();
    assert_eq!(handle.workers(), 2);
    assert_eq!(handle.set_workers(0), 2);
    assert_eq!(handle.workers(), 1);
    assert_eq!(handle.set_workers(usize::MAX), 1);
    assert_eq!(handle.workers(), minigo_runtime::MAX_WORKERS);
    drop(rt);
}

#[test]
fn a_deadlock_after_shrinking_is_still_reported() {
    let never = Chan::<u64>::new(0);
    let mut op = PendingOp::new();
    let mut shrunk = false;
    let main = Script::new(move |cx, _| {
        if !shrunk {
            shrunk = true;
            cx.handle().set_workers(1);
        }
        match never.recv(&mut op, cx.waker()) {
            Poll::Ready(_) => Exit::Done,
            Poll::Pending => Exit::Park(WaitReason::ChanReceive),
        }
    });
    match runtime(3).run(main) {
        Outcome::Deadlock { parked } => assert_eq!(parked.len(), 1),
        other => panic!("expected a deadlock, got {other:?}"),
    }
}
