//! Deadlock detection: reported with every parked task and its wait reason, never while a
//! timer or an external waker could still wake someone.

use std::task::Poll;
use std::time::Duration;

use minigo_runtime::{Chan, Exit, Outcome, ParkedTask, PendingOp, TaskId, WaitReason};

use crate::common::{Script, await_n, runtime};

#[test]
fn all_tasks_blocked_is_reported_with_wait_reasons() {
    let never = Chan::<u64>::new(0);
    let mut spawned = false;
    let mut op = PendingOp::new();
    let main = Script::new(move |cx, _| {
        if !spawned {
            spawned = true;
            cx.spawn(Script::new(|_, _| {
                Exit::Park(WaitReason::SyncWaitGroupWait)
            }));
        }
        match never.recv(&mut op, cx.waker()) {
            Poll::Ready(_) => Exit::Done,
            Poll::Pending => Exit::Park(WaitReason::ChanReceive),
        }
    });
    let mut rt = runtime(2);
    match rt.run(main) {
        Outcome::Deadlock { parked } => assert_eq!(
            parked,
            vec![
                ParkedTask {
                    id: TaskId(1),
                    reason: WaitReason::ChanReceive
                },
                ParkedTask {
                    id: TaskId(2),
                    reason: WaitReason::SyncWaitGroupWait
                },
            ]
        ),
        other => panic!("expected a deadlock, got {other:?}"),
    }
    let mut dumped = Vec::new();
    rt.for_each_task(|id, reason, _| dumped.push(format!("goroutine {id} [{reason}]")));
    assert_eq!(
        dumped,
        [
            "goroutine 1 [chan receive]",
            "goroutine 2 [sync.WaitGroup.Wait]"
        ]
    );
}

#[test]
fn select_with_no_cases_deadlocks_alone() {
    let main = Script::new(|_, _| Exit::Park(WaitReason::SelectNoCases));
    match runtime(1).run(main) {
        Outcome::Deadlock { parked } => {
            assert_eq!(parked.len(), 1);
            assert_eq!(parked[0].reason.to_string(), "select (no cases)");
        }
        other => panic!("expected a deadlock, got {other:?}"),
    }
}

#[test]
fn a_pending_timer_is_not_a_deadlock() {
    let ch = Chan::<u64>::new(0);
    let mut spawned = false;
    let mut waiter = await_n(ch.clone(), 1, || {});
    let main = Script::new(move |cx, budget| {
        if !spawned {
            spawned = true;
            let ch = ch.clone();
            let mut sleep = None;
            cx.spawn(Script::new(move |cx, _| {
                let s = sleep.get_or_insert_with(|| {
                    cx.timers().sleep(Duration::from_millis(30), cx.waker())
                });
                if !s.is_elapsed() {
                    return Exit::Park(WaitReason::Sleep);
                }
                ch.try_send(1).map_or(Exit::Yield, |()| Exit::Done)
            }));
        }
        minigo_runtime::Task::run(&mut waiter, cx, budget)
    });
    let outcome = runtime(2).run(main);
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
}

#[test]
fn an_external_waker_defers_the_verdict_until_released() {
    let ch = Chan::<u64>::new(0);
    let mut rt = runtime(2);
    let guard = rt.handle().external();
    let host = {
        let ch = ch.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            ch.send_blocking(1).expect("open");
            std::thread::sleep(Duration::from_millis(30));
            drop(guard);
        })
    };
    // Main receives the host's value, then blocks on a second one that never comes.
    let main = await_n(ch, 2, || {});
    let outcome = rt.run(main);
    host.join().expect("host thread");
    match outcome {
        Outcome::Deadlock { parked } => assert_eq!(parked.len(), 1),
        other => panic!("expected a deadlock after the guard went, got {other:?}"),
    }
}

#[test]
fn a_timer_that_wakes_nobody_leads_to_the_verdict_once_it_fires() {
    let never = Chan::<u64>::new(0);
    let mut op = PendingOp::new();
    let mut armed = None;
    let main = Script::new(move |cx, _| {
        armed.get_or_insert_with(|| {
            let unread = Chan::new(1);
            let action = minigo_runtime::SendTime::new(unread, |_| 0u64);
            cx.timers().start(Duration::from_millis(20), None, action)
        });
        match never.recv(&mut op, cx.waker()) {
            Poll::Ready(_) => Exit::Done,
            Poll::Pending => Exit::Park(WaitReason::ChanReceive),
        }
    });
    let outcome = runtime(2).run(main);
    assert!(matches!(outcome, Outcome::Deadlock { .. }), "{outcome:?}");
}
