//! The `sync` natives on the M:N runtime: mutual exclusion and WaitGroup under contention,
//! and the fatal error of unlocking an unlocked mutex.

use minigo_vm::op::{FuncIdx, GlobalIdx, NativeIdx, Off, Op, TypeIdx};
use minigo_vm::program::{TypeDesc, TypeKind};

use crate::asm::func;
use crate::sched::{BOX, R, assert_ok, run, sched_program, with_line};

/// Indices in `scheduler_natives()`.
const GOSCHED: NativeIdx = NativeIdx(4);
const MUTEX_LOCK: NativeIdx = NativeIdx(8);
const MUTEX_UNLOCK: NativeIdx = NativeIdx(10);
const WAIT_GROUP_ADD: NativeIdx = NativeIdx(17);
const WAIT_GROUP_WAIT: NativeIdx = NativeIdx(18);

/// `sync.Mutex` (two words) and `sync.WaitGroup` (three words), after the shared types.
const MUTEX: TypeIdx = TypeIdx(7);
const WAIT_GROUP: TypeIdx = TypeIdx(8);

fn sync_program(functions: Vec<minigo_vm::Function>) -> minigo_vm::Program {
    let mut p = sched_program(functions, 1);
    p.types.push(TypeDesc::scalar(
        "sync.Mutex",
        TypeKind::Struct { n_fields: 2 },
    ));
    p.types.push(TypeDesc::scalar(
        "sync.WaitGroup",
        TypeKind::Struct { n_fields: 3 },
    ));
    p
}

/// Calls native `native` with `R[base] = R[arg]` (and `R[base+1] = R[arg2]`).
fn call1(native: NativeIdx, arg: u8, base: u8) -> [Op; 2] {
    [
        Op::Move {
            dst: R(base),
            src: R(arg),
        },
        Op::CallNative {
            native,
            base: R(base),
        },
    ]
}

#[test]
fn a_mutex_and_a_wait_group_count_every_increment() {
    const K: i32 = 8;
    const M: i32 = 200;
    let mut main = vec![
        Op::NewObject {
            dst: R(1),
            ty: MUTEX,
        },
        Op::NewObject {
            dst: R(2),
            ty: WAIT_GROUP,
        },
        Op::NewObject { dst: R(3), ty: BOX },
        Op::Move {
            dst: R(10),
            src: R(2),
        },
        Op::LoadInt { dst: R(11), imm: K },
        Op::CallNative {
            native: WAIT_GROUP_ADD,
            base: R(10),
        },
        Op::MakeClosure {
            dst: R(4),
            func: FuncIdx(1),
            captures: R(1),
            n: 3,
        },
    ];
    main.extend((0..K).map(|_| Op::Go { closure: R(4) }));
    main.extend(call1(WAIT_GROUP_WAIT, 2, 10));
    main.extend([
        Op::LoadField {
            dst: R(5),
            obj: R(3),
            field: 0,
        },
        Op::StoreGlobal {
            g: GlobalIdx(0),
            src: R(5),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    // for i := 0; i < M; i++ { mu.Lock(); v := c.n; runtime.Gosched(); c.n = v + 1;
    // mu.Unlock() }; wg.Add(-1)
    let mut worker = vec![
        Op::LoadCapture { dst: R(0), idx: 0 },
        Op::LoadCapture { dst: R(1), idx: 1 },
        Op::LoadCapture { dst: R(2), idx: 2 },
        Op::LoadInt { dst: R(3), imm: 0 },
        Op::LoadInt { dst: R(4), imm: M },
        Op::LoadInt { dst: R(6), imm: 1 },
    ];
    let body = [
        call1(MUTEX_LOCK, 0, 8).to_vec(),
        vec![Op::LoadField {
            dst: R(5),
            obj: R(2),
            field: 0,
        }],
        call1(GOSCHED, 0, 8).to_vec(),
        vec![
            Op::AddInt {
                dst: R(5),
                a: R(5),
                b: R(6),
            },
            Op::StoreField {
                obj: R(2),
                field: 0,
                src: R(5),
            },
        ],
        call1(MUTEX_UNLOCK, 0, 8).to_vec(),
    ]
    .concat();
    let back = -(body.len() as i32) - 1;
    worker.extend(body);
    worker.push(Op::ForLoopInt {
        a: R(3),
        b: R(4),
        off: Off(back),
    });
    worker.extend([
        Op::Move {
            dst: R(8),
            src: R(1),
        },
        Op::LoadInt { dst: R(9), imm: -1 },
        Op::CallNative {
            native: WAIT_GROUP_ADD,
            base: R(8),
        },
        Op::Return { src: R(0), n: 0 },
    ]);
    for workers in [1, 4] {
        let p = sync_program(vec![
            func("main.main", 0, 0, 12, main.clone()),
            func("main.main.func1", 0, 0, 10, worker.clone()),
        ]);
        let (out, vm) = run(p, workers);
        assert_ok(&out);
        assert_eq!(vm.global(0), Some((K * M) as u64), "workers={workers}");
    }
}

#[test]
fn unlocking_an_unlocked_mutex_is_fatal() {
    let mut main = vec![Op::NewObject {
        dst: R(1),
        ty: MUTEX,
    }];
    main.extend(call1(MUTEX_UNLOCK, 1, 2));
    main.push(Op::Return { src: R(0), n: 0 });
    let p = sync_program(vec![with_line(func("main.main", 0, 0, 3, main), 5)]);
    let (out, _) = run(p, 1);
    assert_eq!(out.exit_code, 2);
    assert!(
        out.report
            .starts_with("fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\n"),
        "{}",
        out.report
    );
}

#[test]
fn waiting_on_a_wait_group_nobody_finishes_is_a_deadlock() {
    let mut main = vec![
        Op::NewObject {
            dst: R(1),
            ty: WAIT_GROUP,
        },
        Op::Move {
            dst: R(2),
            src: R(1),
        },
        Op::LoadInt { dst: R(3), imm: 1 },
        Op::CallNative {
            native: WAIT_GROUP_ADD,
            base: R(2),
        },
    ];
    main.extend(call1(WAIT_GROUP_WAIT, 1, 2));
    main.push(Op::Return { src: R(0), n: 0 });
    let p = sync_program(vec![with_line(func("main.main", 0, 0, 4, main), 3)]);
    let (out, _) = run(p, 2);
    assert_eq!(out.exit_code, 2);
    assert_eq!(
        out.report,
        "fatal error: all goroutines are asleep - deadlock!\n\n\
         goroutine 1 [sync.WaitGroup.Wait]:\nmain.main(...)\n\tmain.go:3\n"
    );
}
