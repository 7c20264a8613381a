//! Timer unit tests against the real clock, with generous margins for a loaded machine.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::{Callback, SendTime, SystemClock, Timers};
use crate::chan::{Chan, TryRecv};

fn timers() -> (Timers, std::thread::JoinHandle<()>) {
    let timers = Timers::new(Arc::new(SystemClock::new()));
    let thread = timers.spawn_thread().expect("timer thread");
    (timers, thread)
}

/// Polls `cond` until it holds, for up to five seconds (a loaded machine delays the timer
/// thread; the deadlines themselves are short).
fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while std::time::Instant::now() < deadline {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    cond()
}

fn stop(timers: Timers, thread: std::thread::JoinHandle<()>) {
    timers.shutdown();
    thread.join().expect("timer thread");
}

#[test]
fn timers_fire_in_deadline_order_and_disarm() {
    let (timers, thread) = timers();
    let order = Arc::new(std::sync::Mutex::new(Vec::new()));
    for (delay, tag) in [(30, 'c'), (10, 'a'), (20, 'b')] {
        let order = Arc::clone(&order);
        let action = Callback(move |_| order.lock().expect("lock").push(tag));
        let _ = timers.start(Duration::from_millis(delay), None, action);
    }
    assert_eq!(timers.armed(), 3);
    assert!(eventually(|| order.lock().expect("lock").len() == 3));
    assert_eq!(*order.lock().expect("lock"), vec!['a', 'b', 'c']);
    assert_eq!(timers.armed(), 0);
    stop(timers, thread);
}

#[test]
fn stop_before_firing_cancels_and_reports_it_was_armed() {
    let (timers, thread) = timers();
    let fired = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&fired);
    let action = Callback(move |_| {
        count.fetch_add(1, Ordering::SeqCst);
    });
    let timer = timers.start(Duration::from_millis(40), None, action);
    assert!(timer.stop());
    assert!(!timer.stop(), "a second stop finds it disarmed");
    std::thread::sleep(Duration::from_millis(80));
    assert_eq!(fired.load(Ordering::SeqCst), 0);
    assert_eq!(timers.armed(), 0);
    stop(timers, thread);
}

#[test]
fn stop_after_firing_discards_the_undelivered_value() {
    let (timers, thread) = timers();
    let ch = Chan::new(1);
    let timer = timers.start(
        Duration::from_millis(5),
        None,
        SendTime::new(ch.clone(), |_| 1),
    );
    assert!(
        eventually(|| ch.len() == 1),
        "the timer fired into its channel"
    );
    assert!(!timer.stop(), "already fired");
    assert_eq!(
        ch.try_recv(),
        TryRecv::Empty,
        "Go 1.23: no stale value after Stop"
    );
    stop(timers, thread);
}

#[test]
fn reset_rearms_and_a_ticker_keeps_ticking() {
    let (timers, thread) = timers();
    let ch = Chan::new(1);
    let timer = timers.start(
        Duration::from_secs(60),
        None,
        SendTime::new(ch.clone(), |_| 7),
    );
    assert!(timer.reset(Duration::from_millis(5), None), "it was armed");
    assert!(eventually(|| ch.len() == 1));
    assert_eq!(ch.try_recv(), TryRecv::Value(7));

    let ticks = Chan::new(1);
    let ticker = timers.start(
        Duration::from_millis(5),
        Some(Duration::from_millis(5)),
        SendTime::new(ticks.clone(), |now| now),
    );
    let mut seen = 0;
    assert!(eventually(|| {
        if let TryRecv::Value(_) = ticks.try_recv() {
            seen += 1;
        }
        seen == 3
    }));
    assert!(ticker.stop());
    assert_eq!(timers.armed(), 0);
    stop(timers, thread);
}

#[test]
fn a_sleep_wakes_its_waker_once_elapsed() {
    let (timers, thread) = timers();
    let sleep = timers.sleep(Duration::from_millis(10), std::task::Waker::noop());
    assert!(!sleep.is_elapsed());
    assert!(eventually(|| sleep.is_elapsed()));
    let early = timers.sleep(Duration::from_secs(60), std::task::Waker::noop());
    drop(early);
    assert_eq!(timers.armed(), 0, "dropping an unfinished sleep disarms it");
    stop(timers, thread);
}

#[test]
fn resetting_in_a_loop_does_not_grow_the_heap() {
    let (timers, thread) = timers();
    let timer = timers.start(Duration::from_secs(60), None, Callback(|_| {}));
    for _ in 0..10_000 {
        timer.reset(Duration::from_secs(60), None);
    }
    let entries = timers.shared.heap.lock().len();
    assert!(
        entries <= 2 * super::COMPACT_ABOVE,
        "{entries} heap entries for one timer"
    );
    assert!(timer.stop());
    stop(timers, thread);
}
