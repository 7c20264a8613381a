//! Goroutines on the M:N runtime through `rt::run_main`: hand-assembled programs that
//! exercise channels, select, timers, preemption, the end-of-program reports and
//! collection under concurrency.

use std::sync::Arc;
use std::time::{Duration, Instant};

use minigo_vm::op::{FuncIdx, GlobalIdx, NativeIdx, Off, Op, Reg, TypeIdx};
use minigo_vm::program::{TypeDesc, TypeKind};
use minigo_vm::rt::{RunConfig, RunOutcome, run_main, scheduler_natives};
use minigo_vm::{Function, Program, Vm};

use crate::asm::{INT, config, func, pointer_struct, program};

/// `chan int`.
pub(crate) const CHAN_INT: TypeIdx = TypeIdx(4);
/// `*main.box`, a one-word struct.
pub(crate) const BOX: TypeIdx = TypeIdx(5);
/// `chan *main.box`.
pub(crate) const CHAN_BOX: TypeIdx = TypeIdx(6);

/// Indices of the scheduler natives in every test program's native table.
const SLEEP: NativeIdx = NativeIdx(0);
const START_TIMER: NativeIdx = NativeIdx(1);
const GOSCHED: NativeIdx = NativeIdx(4);

pub(crate) const R: fn(u8) -> Reg = Reg;

/// A program of `functions` (the first is `main.main`) with channel and box types, the
/// scheduler natives and `n_globals` globals.
pub(crate) fn sched_program(functions: Vec<Function>, n_globals: u16) -> Program {
    let mut p = program(functions);
    let mut chan_int = TypeDesc::scalar("chan int", TypeKind::Chan { elem: INT });
    chan_int.is_pointer = true;
    p.types.push(chan_int);
    p.types.push(pointer_struct("*main.box", 1));
    let mut chan_box = TypeDesc::scalar("chan *main.box", TypeKind::Chan { elem: BOX });
    chan_box.is_pointer = true;
    p.types.push(chan_box);
    p.natives = scheduler_natives();
    p.n_globals = n_globals;
    p
}

pub(crate) fn with_line(mut f: Function, line: u32) -> Function {
    f.lines = vec![(0, line)];
    f
}

pub(crate) fn run(p: Program, workers: usize) -> (RunOutcome, Arc<Vm>) {
    let vm = match Vm::new(p, config()) {
        Ok(vm) => vm,
        Err(e) => panic!("program rejected: {e}"),
    };
    let cfg = RunConfig {
        workers,
        seed: Some(7),
        budget: 1_000,
        file: "main.go".into(),
        control: None,
    };
    (run_main(&vm, cfg), vm)
}

pub(crate) fn assert_ok(out: &RunOutcome) {
    assert_eq!(out.exit_code, 0, "{}", out.report);
    assert_eq!(out.report, "");
}

/// `make(chan T, cap)` into `dst`, with `scratch` holding the capacity.
pub(crate) fn make_chan(dst: u8, ty: TypeIdx, cap: i32, scratch: u8) -> [Op; 2] {
    [
        Op::LoadInt {
            dst: R(scratch),
            imm: cap,
        },
        Op::MakeChan {
            dst: R(dst),
            ty,
            size: R(scratch),
        },
    ]
}

#[test]
fn ping_pong_over_unbuffered_channels() {
    const N: i32 = 2_000;
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 0, 0));
    main.extend(make_chan(2, CHAN_INT, 0, 0));
    main.extend([
        Op::MakeClosure {
            dst: R(3),
            func: FuncIdx(1),
            captures: R(1),
            n: 2,
        },
        Op::Go { closure: R(3) },
        Op::LoadInt { dst: R(4), imm: 0 },
        Op::LoadInt { dst: R(5), imm: N },
        Op::LoadInt { dst: R(7), imm: 0 },
        // loop: ping <- i; acc += <-pong
        Op::Send {
            ch: R(1),
            src: R(4),
        },
        Op::Recv {
            dst: R(6),
            ch: R(2),
        },
        Op::AddInt {
            dst: R(7),
            a: R(7),
            b: R(6),
        },
        Op::ForLoopInt {
            a: R(4),
            b: R(5),
            off: Off(-4),
        },
        Op::StoreGlobal {
            g: GlobalIdx(0),
            src: R(7),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    // The echo goroutine doubles what it receives, forever.
    let echo = vec![
        Op::LoadCapture { dst: R(0), idx: 0 },
        Op::LoadCapture { dst: R(1), idx: 1 },
        Op::Recv {
            dst: R(2),
            ch: R(0),
        },
        Op::AddInt {
            dst: R(2),
            a: R(2),
            b: R(2),
        },
        Op::Send {
            ch: R(1),
            src: R(2),
        },
        Op::Jump { off: Off(-4) },
    ];
    for workers in [1, 4] {
        let p = sched_program(
            vec![
                func("main.main", 0, 0, 10, main.clone()),
                func("main.main.func1", 0, 0, 4, echo.clone()),
            ],
            1,
        );
        let (out, vm) = run(p, workers);
        assert_ok(&out);
        assert_eq!(
            vm.global(0),
            Some((N * (N - 1)) as u64),
            "workers={workers}"
        );
    }
}

#[test]
fn buffered_channel_is_fifo() {
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 3, 0));
    for v in 1..=3 {
        main.push(Op::LoadInt { dst: R(2), imm: v });
        main.push(Op::Send {
            ch: R(1),
            src: R(2),
        });
    }
    main.push(Op::LoadInt { dst: R(3), imm: 0 });
    main.push(Op::LoadInt { dst: R(4), imm: 10 });
    for _ in 0..3 {
        main.push(Op::MulInt {
            dst: R(3),
            a: R(3),
            b: R(4),
        });
        main.push(Op::Recv {
            dst: R(2),
            ch: R(1),
        });
        main.push(Op::AddInt {
            dst: R(3),
            a: R(3),
            b: R(2),
        });
    }
    main.push(Op::StoreGlobal {
        g: GlobalIdx(0),
        src: R(3),
    });
    main.push(Op::Return { src: R(0), n: 0 });
    let (out, vm) = run(sched_program(vec![func("main.main", 0, 0, 6, main)], 1), 1);
    assert_ok(&out);
    assert_eq!(vm.global(0), Some(123));
}

#[test]
fn close_wakes_every_parked_receiver() {
    const K: i32 = 8;
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 0, 0)); // c
    main.extend(make_chan(2, CHAN_INT, 0, 0)); // done
    main.push(Op::MakeClosure {
        dst: R(3),
        func: FuncIdx(1),
        captures: R(1),
        n: 2,
    });
    for _ in 0..K {
        main.push(Op::Go { closure: R(3) });
    }
    // time.Sleep(10ms) so the receivers park before the close.
    main.push(Op::LoadInt {
        dst: R(8),
        imm: 10_000_000,
    });
    main.push(Op::CallNative {
        native: SLEEP,
        base: R(8),
    });
    main.extend([
        Op::Close { ch: R(1) },
        Op::LoadInt { dst: R(4), imm: 0 },
        Op::LoadInt { dst: R(5), imm: K },
        Op::LoadInt { dst: R(7), imm: 0 },
        Op::Recv {
            dst: R(6),
            ch: R(2),
        },
        Op::AddInt {
            dst: R(7),
            a: R(7),
            b: R(6),
        },
        Op::ForLoopInt {
            a: R(4),
            b: R(5),
            off: Off(-3),
        },
        Op::StoreGlobal {
            g: GlobalIdx(0),
            src: R(7),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    // v, ok := <-c; done <- v + ok + 1  (closed: 0 + 0 + 1)
    let receiver = vec![
        Op::LoadCapture { dst: R(0), idx: 0 },
        Op::LoadCapture { dst: R(1), idx: 1 },
        Op::RecvOk {
            dst: R(2),
            ch: R(0),
        },
        Op::AddInt {
            dst: R(2),
            a: R(2),
            b: R(3),
        },
        Op::LoadInt { dst: R(4), imm: 1 },
        Op::AddInt {
            dst: R(2),
            a: R(2),
            b: R(4),
        },
        Op::Send {
            ch: R(1),
            src: R(2),
        },
        Op::Return { src: R(0), n: 0 },
    ];
    let p = sched_program(
        vec![
            func("main.main", 0, 0, 10, main),
            func("main.main.func1", 0, 0, 6, receiver),
        ],
        1,
    );
    let (out, vm) = run(p, 2);
    assert_ok(&out);
    assert_eq!(
        vm.global(0),
        Some(K as u64),
        "every receiver saw ok == false"
    );
}

#[test]
fn select_takes_default_then_a_timer_case() {
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 0, 0)); // never ready
    main.extend(make_chan(2, CHAN_INT, 1, 0)); // the timer's channel
    main.extend([
        // select { case <-c: default: }
        Op::Move {
            dst: R(4),
            src: R(1),
        },
        Op::LoadInt { dst: R(5), imm: 0 },
        Op::Select {
            dst: R(3),
            cases: R(4),
            n: 1,
            has_default: true,
        },
        Op::StoreGlobal {
            g: GlobalIdx(0),
            src: R(3),
        },
        // startTimer(t, nil, 5ms, 0)
        Op::Move {
            dst: R(12),
            src: R(2),
        },
        Op::LoadInt { dst: R(13), imm: 0 },
        Op::LoadInt {
            dst: R(14),
            imm: 5_000_000,
        },
        Op::LoadInt { dst: R(15), imm: 0 },
        Op::CallNative {
            native: START_TIMER,
            base: R(12),
        },
        // select { case <-c: case <-t: }
        Op::Move {
            dst: R(4),
            src: R(1),
        },
        Op::LoadInt { dst: R(5), imm: 0 },
        Op::Move {
            dst: R(8),
            src: R(2),
        },
        Op::LoadInt { dst: R(9), imm: 0 },
        Op::Select {
            dst: R(3),
            cases: R(4),
            n: 2,
            has_default: false,
        },
        Op::StoreGlobal {
            g: GlobalIdx(1),
            src: R(3),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    let p = sched_program(vec![func("main.main", 0, 0, 16, main)], 2);
    let (out, vm) = run(p, 1);
    assert_ok(&out);
    assert_eq!(vm.global(0), Some(u64::MAX), "the default case ran");
    assert_eq!(vm.global(1), Some(1), "the timer's case fired");
}

#[test]
fn deadlock_reports_every_goroutine_with_its_wait_reason() {
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 0, 0));
    main.extend([
        Op::MakeClosure {
            dst: R(3),
            func: FuncIdx(1),
            captures: R(1),
            n: 0,
        },
        Op::Go { closure: R(3) },
        Op::Recv {
            dst: R(2),
            ch: R(1),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    // A receive from a nil channel.
    let nil_recv = vec![
        Op::LoadInt { dst: R(0), imm: 0 },
        Op::Recv {
            dst: R(1),
            ch: R(0),
        },
        Op::Return { src: R(0), n: 0 },
    ];
    let p = sched_program(
        vec![
            with_line(func("main.main", 0, 0, 4, main), 7),
            with_line(func("main.main.func1", 0, 0, 2, nil_recv), 12),
        ],
        0,
    );
    let (out, _) = run(p, 2);
    assert_eq!(out.exit_code, 2);
    assert_eq!(
        out.report,
        "fatal error: all goroutines are asleep - deadlock!\n\n\
         goroutine 1 [chan receive]:\nmain.main(...)\n\tmain.go:7\n\n\
         goroutine 2 [chan receive (nil chan)]:\nmain.main.func1(...)\n\tmain.go:12\n"
    );
}

#[test]
fn a_panic_in_another_goroutine_ends_the_program_with_status_2() {
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 0, 0));
    main.extend([
        Op::MakeClosure {
            dst: R(3),
            func: FuncIdx(1),
            captures: R(1),
            n: 0,
        },
        Op::Go { closure: R(3) },
        Op::Recv {
            dst: R(2),
            ch: R(1),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    let close_nil = vec![
        Op::LoadInt { dst: R(0), imm: 0 },
        Op::Close { ch: R(0) },
        Op::Return { src: R(0), n: 0 },
    ];
    let p = sched_program(
        vec![
            func("main.main", 0, 0, 4, main),
            with_line(func("main.main.func1", 0, 0, 1, close_nil), 9),
        ],
        0,
    );
    let (out, _) = run(p, 1);
    assert_eq!(out.exit_code, 2);
    assert_eq!(
        out.report,
        "panic: close of nil channel\n\ngoroutine 2 [running]:\nmain.main.func1(...)\n\tmain.go:9\n"
    );
}

#[test]
fn a_spinning_goroutine_does_not_starve_main_on_one_worker() {
    let main = vec![
        Op::MakeClosure {
            dst: R(0),
            func: FuncIdx(1),
            captures: R(0),
            n: 0,
        },
        Op::Go { closure: R(0) },
        Op::CallNative {
            native: GOSCHED,
            base: R(0),
        },
        Op::LoadInt { dst: R(1), imm: 0 },
        Op::LoadInt {
            dst: R(2),
            imm: 20_000,
        },
        Op::ForLoopInt {
            a: R(1),
            b: R(2),
            off: Off(-1),
        },
        Op::StoreGlobal {
            g: GlobalIdx(0),
            src: R(1),
        },
        Op::Return { src: R(0), n: 0 },
    ];
    let spin = vec![Op::Jump { off: Off(-1) }];
    let p = sched_program(
        vec![
            func("main.main", 0, 0, 3, main),
            func("main.main.func1", 0, 0, 1, spin),
        ],
        1,
    );
    let (out, vm) = run(p, 1);
    assert_ok(&out);
    assert_eq!(vm.global(0), Some(20_000));
}

#[test]
fn sleeping_goroutines_park_instead_of_blocking_workers() {
    const K: i32 = 40;
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 0, 0));
    main.push(Op::MakeClosure {
        dst: R(3),
        func: FuncIdx(1),
        captures: R(1),
        n: 1,
    });
    for _ in 0..K {
        main.push(Op::Go { closure: R(3) });
    }
    main.extend([
        Op::LoadInt { dst: R(4), imm: 0 },
        Op::LoadInt { dst: R(5), imm: K },
        Op::Recv {
            dst: R(6),
            ch: R(1),
        },
        Op::ForLoopInt {
            a: R(4),
            b: R(5),
            off: Off(-2),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    // time.Sleep(50ms); done <- 1
    let sleeper = vec![
        Op::LoadCapture { dst: R(0), idx: 0 },
        Op::LoadInt {
            dst: R(1),
            imm: 50_000_000,
        },
        Op::CallNative {
            native: SLEEP,
            base: R(1),
        },
        Op::Send {
            ch: R(0),
            src: R(1),
        },
        Op::Return { src: R(0), n: 0 },
    ];
    let p = sched_program(
        vec![
            func("main.main", 0, 0, 8, main),
            func("main.main.func1", 0, 0, 2, sleeper),
        ],
        0,
    );
    let start = Instant::now();
    let (out, _) = run(p, 1);
    let took = start.elapsed();
    assert_ok(&out);
    assert!(took >= Duration::from_millis(50), "slept {took:?}");
    assert!(
        took < Duration::from_millis(1_000),
        "{K} sleeps of 50ms on one worker overlapped: {took:?}"
    );
}
