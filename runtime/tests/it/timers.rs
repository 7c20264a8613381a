//! Timers seen from tasks: sleeping tasks wake in deadline order, and an `AfterFunc`-style
//! callback spawns a task.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use minigo_runtime::{Callback, Chan, Outcome};

use crate::common::{Script, await_n, runtime, sleeper};

/// A task that sleeps `ms`, then records `tag`.
fn logger(ms: u64, tag: u64, log: Arc<Mutex<Vec<u64>>>) -> Script {
    sleeper(ms, move || log.lock().expect("lock").push(tag))
}

#[test]
fn sleeping_tasks_wake_in_deadline_order() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut spawned = false;
    let mut main_sleep = logger(120, 0, Arc::clone(&log));
    let record = Arc::clone(&log);
    let main = Script::new(move |cx, budget| {
        if !spawned {
            spawned = true;
            for (ms, tag) in [(60, 3), (20, 1), (40, 2)] {
                cx.spawn(logger(ms, tag, Arc::clone(&record)));
            }
        }
        minigo_runtime::Task::run(&mut main_sleep, cx, budget)
    });
    // One worker: woken tasks then run in the order their timers fired, whatever the load.
    assert!(matches!(runtime(1).run(main), Outcome::Completed));
    assert_eq!(*log.lock().expect("lock"), vec![1, 2, 3, 0]);
}

#[test]
fn an_after_func_timer_spawns_a_task_that_wakes_main() {
    let ch = Chan::<u64>::new(0);
    let mut armed = false;
    let mut waiter = await_n(ch.clone(), 1, || {});
    let main = Script::new(move |cx, budget| {
        if !armed {
            armed = true;
            let (handle, ch) = (cx.handle(), ch.clone());
            let spawn_sender = Callback(move |_now| {
                let ch = ch.clone();
                handle.spawn(crate::common::sender(ch, 0..1, || {}));
            });
            let _ = cx
                .timers()
                .start(Duration::from_millis(10), None, spawn_sender);
        }
        minigo_runtime::Task::run(&mut waiter, cx, budget)
    });
    let outcome = runtime(2).run(main);
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
}
