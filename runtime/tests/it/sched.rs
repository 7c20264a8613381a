//! The scheduler's services: spawning, yielding, the main task ending the program, panics,
//! `NumGoroutine`, stop-the-world, and idle workers that use no CPU.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::Poll;
use std::time::Duration;

use minigo_runtime::{Chan, Exit, Handle, Outcome, PendingOp, TaskId, WaitReason};

use crate::common::{Script, await_n, runtime, sleeper};

#[test]
fn main_finishing_ends_the_program_while_others_still_run() {
    let spins = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&spins);
    let mut started = false;
    let main = Script::new(move |cx, _| {
        if !started {
            started = true;
            let counter = Arc::clone(&counter);
            cx.spawn(Script::new(move |_, _| {
                counter.fetch_add(1, Ordering::Relaxed);
                Exit::Yield
            }));
            return Exit::Yield;
        }
        if counter.load(Ordering::Relaxed) < 100 {
            return Exit::Yield;
        }
        Exit::Done
    });
    let outcome = runtime(2).run(main);
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
    assert!(spins.load(Ordering::Relaxed) >= 100);
}

#[test]
fn a_yielding_busy_loop_does_not_starve_others_on_one_worker() {
    let flag = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&flag);
    let mut spawned = false;
    let main = Script::new(move |cx, _| {
        if !spawned {
            spawned = true;
            let flag = Arc::clone(&flag);
            cx.spawn(Script::new(move |_, _| {
                flag.store(true, Ordering::SeqCst);
                Exit::Done
            }));
        }
        // `for !flag {}`: the budget runs out, the task yields, the other task gets a turn.
        if seen.load(Ordering::SeqCst) {
            Exit::Done
        } else {
            Exit::Yield
        }
    });
    assert!(matches!(runtime(1).run(main), Outcome::Completed));
}

#[test]
fn a_panic_in_any_task_ends_the_program_with_it() {
    let mut spawned = None;
    let main = Script::new(move |cx, _| {
        spawned.get_or_insert_with(|| cx.spawn(Script::new(|_, _| Exit::Panic("boom".into()))));
        Exit::Yield
    });
    match runtime(2).run(main) {
        Outcome::Panicked { task, payload } => {
            assert_eq!(task, TaskId(2));
            assert_eq!(payload, "boom");
        }
        other => panic!("expected a panic outcome, got {other:?}"),
    }
}

#[test]
fn num_tasks_counts_live_tasks() {
    let gate = Chan::<u64>::new(0);
    let done = Chan::<u64>::new(10);
    let counts = Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = Arc::clone(&counts);
    let mut phase = 0;
    let mut waiter = await_n(done.clone(), 10, || {});
    let main = Script::new(move |cx, budget| {
        if phase == 0 {
            for _ in 0..10 {
                let done = done.clone();
                let gate = gate.clone();
                let mut op = PendingOp::new();
                cx.spawn(Script::new(move |cx, _| {
                    match gate.recv(&mut op, cx.waker()) {
                        Poll::Ready(_) => {
                            done.try_send(1).expect("room");
                            Exit::Done
                        }
                        Poll::Pending => Exit::Park(WaitReason::ChanReceive),
                    }
                }));
            }
            record.lock().expect("lock").push(cx.num_tasks());
            gate.close().expect("closed once");
            phase = 1;
        }
        let exit = (waiter_step(&mut waiter))(cx, budget);
        if matches!(exit, Exit::Done) {
            record.lock().expect("lock").push(cx.num_tasks());
        }
        exit
    });
    assert!(matches!(runtime(2).run(main), Outcome::Completed));
    assert_eq!(*counts.lock().expect("lock"), vec![11, 1]);
}

/// Runs another script's step inside this one (the waiting half of a task).
fn waiter_step(
    script: &mut Script,
) -> impl FnMut(&mut minigo_runtime::Context<'_, Script>, u32) -> Exit<String> + '_ {
    move |cx, budget| minigo_runtime::Task::run(script, cx, budget)
}

#[test]
fn a_million_short_tasks_spawn_and_finish() {
    const N: usize = if cfg!(miri) { 1_000 } else { 1_000_000 };
    let finished = Arc::new(AtomicUsize::new(0));
    let done = Chan::<u64>::new(1);
    let mut spawned = 0;
    let mut waiter = await_n(done.clone(), 1, || {});
    let count = Arc::clone(&finished);
    let main = Script::new(move |cx, budget| {
        while spawned < N {
            let (count, done) = (Arc::clone(&count), done.clone());
            cx.spawn(Script::new(move |_, _| {
                if count.fetch_add(1, Ordering::Relaxed) + 1 == N {
                    done.try_send(1).expect("room");
                }
                Exit::Done
            }));
            spawned += 1;
            if spawned % 1024 == 0 {
                return Exit::Yield;
            }
        }
        minigo_runtime::Task::run(&mut waiter, cx, budget)
    });
    assert!(matches!(runtime(2).run(main), Outcome::Completed));
    assert_eq!(finished.load(Ordering::Relaxed), N);
}

/// The host side of the stop-the-world test: once tasks run, stop the world, check that no
/// task runs while stopped, count the visited tasks, resume, and tell main to finish.
fn stop_and_visit(handle: &Handle<Script>, runs: &AtomicUsize, stop: &AtomicBool) -> usize {
    while runs.load(Ordering::SeqCst) < 1_000 {
        std::thread::yield_now();
    }
    let mut world = handle.stop_the_world();
    let before = runs.load(Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(
        runs.load(Ordering::SeqCst),
        before,
        "a task ran while stopped"
    );
    let mut visited = 0;
    world.for_each_task(|_, _| visited += 1);
    drop(world);
    stop.store(true, Ordering::SeqCst);
    visited
}

#[test]
fn stop_the_world_halts_every_task_and_visits_them() {
    let runs = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut rt = runtime(2);
    let handle = rt.handle();
    let host = {
        let (runs, stop) = (Arc::clone(&runs), Arc::clone(&stop));
        std::thread::spawn(move || stop_and_visit(&handle, &runs, &stop))
    };
    let mut spawned = false;
    let (r, s) = (Arc::clone(&runs), Arc::clone(&stop));
    let main = Script::new(move |cx, _| {
        if !spawned {
            spawned = true;
            for _ in 0..4 {
                let r = Arc::clone(&r);
                cx.spawn(Script::new(move |_, _| {
                    r.fetch_add(1, Ordering::SeqCst);
                    Exit::Yield
                }));
            }
        }
        r.fetch_add(1, Ordering::SeqCst);
        if s.load(Ordering::SeqCst) {
            Exit::Done
        } else {
            Exit::Yield
        }
    });
    assert!(matches!(rt.run(main), Outcome::Completed));
    assert_eq!(
        host.join().expect("host thread"),
        5,
        "main and its four tasks"
    );
}

/// CPU time (user + system) of the whole process.
fn process_cpu() -> Duration {
    // SAFETY: `getrusage` only writes the struct we pass, which is zero-initialized and valid.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

const IDLE_CHILD: &str = "MINIGO_RUNTIME_IDLE_CHILD";

/// Runs the test named `name` alone in a child process and checks that it passed.
fn run_in_child(name: &str) {
    let exe = std::env::current_exe().expect("test binary path");
    let status = std::process::Command::new(exe)
        .args(["--exact", name, "--test-threads=1"])
        .env(IDLE_CHILD, "1")
        .status()
        .expect("run the child test");
    assert!(status.success(), "{name} failed in the child process");
}

/// A program whose tasks all sleep must leave the CPU idle. Process CPU time includes every
/// test thread, so the measurement runs in a child process running only this test.
#[test]
fn sleeping_tasks_use_no_cpu() {
    if std::env::var_os(IDLE_CHILD).is_none() {
        run_in_child("sched::sleeping_tasks_use_no_cpu");
        return;
    }
    let mut rt = runtime(2);
    let mut spawned = false;
    let mut main_sleep = sleeper(300, || {});
    let main = Script::new(move |cx, budget| {
        if !spawned {
            spawned = true;
            for _ in 0..4 {
                cx.spawn(sleeper(300, || {}));
            }
        }
        minigo_runtime::Task::run(&mut main_sleep, cx, budget)
    });
    let cpu_before = process_cpu();
    let wall = std::time::Instant::now();
    assert!(matches!(rt.run(main), Outcome::Completed));
    let (cpu, wall) = (process_cpu() - cpu_before, wall.elapsed());
    assert!(wall >= Duration::from_millis(300));
    assert!(
        cpu.as_secs_f64() < 0.10 * wall.as_secs_f64(),
        "cpu {cpu:?} over wall {wall:?}"
    );
}

#[test]
fn a_task_can_stop_the_world_without_waiting_for_itself() {
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&runs);
    let mut spawned = false;
    let main = Script::new(move |cx, _| {
        if !spawned {
            spawned = true;
            for _ in 0..3 {
                let counter = Arc::clone(&counter);
                cx.spawn(Script::new(move |_, _| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    Exit::Yield
                }));
            }
        }
        if counter.load(Ordering::SeqCst) < 100 {
            return Exit::Yield;
        }
        let mut world = cx.stop_the_world();
        let before = counter.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(10));
        let mut visited = Vec::new();
        world.for_each_task(|id, _| visited.push(id));
        // Read before resuming: once the world runs again the count may move at once.
        let after = counter.load(Ordering::SeqCst);
        drop(world);
        assert_eq!(after, before, "a task ran while stopped");
        assert_eq!(
            visited,
            [TaskId(2), TaskId(3), TaskId(4)],
            "all but the requester"
        );
        Exit::Done
    });
    let outcome = runtime(2).run(main);
    assert!(matches!(outcome, Outcome::Completed), "{outcome:?}");
}

#[test]
fn a_rust_panic_inside_run_ends_the_program_as_a_crash() {
    let main = Script::new(|_, _| panic!("interpreter bug"));
    match runtime(1).run(main) {
        Outcome::Crashed { task, message } => {
            assert_eq!(task, TaskId(1));
            assert_eq!(message, "interpreter bug");
        }
        other => panic!("expected a crash outcome, got {other:?}"),
    }
}

#[test]
fn yielding_tasks_take_turns_on_one_worker() {
    let log = Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = Arc::clone(&log);
    let mut spawned = false;
    let main = Script::new(move |cx, _| {
        if !spawned {
            spawned = true;
            for tag in ['a', 'b'] {
                let (log, mut turns) = (Arc::clone(&record), 0);
                cx.spawn(Script::new(move |_, _| {
                    log.lock().expect("lock").push(tag);
                    turns += 1;
                    if turns == 3 { Exit::Done } else { Exit::Yield }
                }));
            }
        }
        if record.lock().expect("lock").len() < 6 {
            Exit::Yield
        } else {
            Exit::Done
        }
    });
    assert!(matches!(runtime(1).run(main), Outcome::Completed));
    assert_eq!(*log.lock().expect("lock"), ['a', 'b', 'a', 'b', 'a', 'b']);
}
