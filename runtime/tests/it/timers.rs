//! Timers seen from tasks: sleeping tasks wake in deadline order.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use minigo_runtime::{Exit, Outcome, Sleep, WaitReason};

use crate::common::{Script, runtime};

/// A task that sleeps `ms`, then records `tag`.
fn sleeper(ms: u64, tag: u64, log: Arc<Mutex<Vec<u64>>>) -> Script {
    let mut sleep: Option<Sleep> = None;
    Script::new(move |cx, _| {
        let s =
            sleep.get_or_insert_with(|| cx.timers().sleep(Duration::from_millis(ms), cx.waker()));
        if !s.is_elapsed() {
            return Exit::Park(WaitReason::Sleep);
        }
        log.lock().expect("lock").push(tag);
        Exit::Done
    })
}

#[test]
fn sleeping_tasks_wake_in_deadline_order() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut spawned = false;
    let mut main_sleep = sleeper(120, 0, Arc::clone(&log));
    let record = Arc::clone(&log);
    let main = Script::new(move |cx, budget| {
        if !spawned {
            spawned = true;
            for (ms, tag) in [(60, 3), (20, 1), (40, 2)] {
                cx.spawn(sleeper(ms, tag, Arc::clone(&record)));
            }
        }
        minigo_runtime::Task::run(&mut main_sleep, cx, budget)
    });
    assert!(matches!(runtime(2).run(main), Outcome::Completed));
    assert_eq!(*log.lock().expect("lock"), vec![1, 2, 3, 0]);
}
