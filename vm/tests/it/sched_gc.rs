//! Collection under concurrency: several goroutines on four workers allocate hard enough that
//! several of them ask for a collection at once, while each keeps an object of its own alive
//! across the collections; nothing they keep may be freed.

use minigo_vm::op::{FuncIdx, GlobalIdx, Off, Op};

use crate::asm::func;
use crate::sched::{BOX, CHAN_BOX, CHAN_INT, R, assert_ok, make_chan, run, sched_program};

#[test]
fn objects_kept_by_goroutines_waiting_for_a_stop_survive_it() {
    const N: i32 = 3_000;
    const WORKERS: i32 = 4;
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_INT, 64, 0));
    main.push(Op::MakeClosure {
        dst: R(3),
        func: FuncIdx(1),
        captures: R(1),
        n: 1,
    });
    main.extend((0..WORKERS).map(|_| Op::Go { closure: R(3) }));
    main.extend([
        Op::LoadInt { dst: R(4), imm: 0 },
        Op::LoadInt {
            dst: R(5),
            imm: N * WORKERS,
        },
        Op::LoadInt { dst: R(7), imm: 0 },
        Op::Recv {
            dst: R(6),
            ch: R(1),
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
    // for i := 0; i < N; i++ { kept := &box{i}; for j := 0; j < 50; j++ { _ = &box{} };
    // ch <- kept.v }
    let worker = vec![
        Op::LoadCapture { dst: R(0), idx: 0 },
        Op::LoadInt { dst: R(1), imm: 0 },
        Op::LoadInt { dst: R(2), imm: N },
        Op::NewObject { dst: R(3), ty: BOX },
        Op::StoreField {
            obj: R(3),
            field: 0,
            src: R(1),
        },
        Op::LoadInt { dst: R(5), imm: 0 },
        Op::LoadInt { dst: R(6), imm: 50 },
        Op::NewObject { dst: R(4), ty: BOX },
        Op::ForLoopInt {
            a: R(5),
            b: R(6),
            off: Off(-2),
        },
        Op::LoadField {
            dst: R(7),
            obj: R(3),
            field: 0,
        },
        Op::Send {
            ch: R(0),
            src: R(7),
        },
        Op::ForLoopInt {
            a: R(1),
            b: R(2),
            off: Off(-9),
        },
        Op::Return { src: R(0), n: 0 },
    ];
    let p = sched_program(
        vec![
            func("main.main", 0, 0, 8, main),
            func("main.main.func1", 0, 0, 8, worker),
        ],
        1,
    );
    let (out, vm) = run(p, 4);
    assert_ok(&out);
    let n = i64::from(N);
    assert_eq!(
        vm.global(0),
        Some((i64::from(WORKERS) * n * (n - 1) / 2) as u64),
        "every kept box still held its value"
    );
    assert!(vm.heap.stats().num_gc > 1, "the test must collect");
}

#[test]
fn collections_during_channel_traffic_lose_nothing() {
    const N: i32 = 30_000;
    const PRODUCERS: i32 = 4;
    let mut main = Vec::new();
    main.extend(make_chan(1, CHAN_BOX, 16, 0));
    main.push(Op::LoadInt { dst: R(2), imm: N });
    main.push(Op::MakeClosure {
        dst: R(3),
        func: FuncIdx(1),
        captures: R(1),
        n: 2,
    });
    for _ in 0..PRODUCERS {
        main.push(Op::Go { closure: R(3) });
    }
    main.extend([
        Op::LoadInt { dst: R(4), imm: 0 },
        Op::LoadInt {
            dst: R(5),
            imm: N * PRODUCERS,
        },
        Op::LoadInt { dst: R(7), imm: 0 },
        Op::Recv {
            dst: R(6),
            ch: R(1),
        },
        Op::LoadField {
            dst: R(8),
            obj: R(6),
            field: 0,
        },
        Op::AddInt {
            dst: R(7),
            a: R(7),
            b: R(8),
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
    // for i := 0; i < n; i++ { b := &box{i}; _ = make([]byte, ...); ch <- b }
    let producer = vec![
        Op::LoadCapture { dst: R(0), idx: 0 },
        Op::LoadCapture { dst: R(1), idx: 1 },
        Op::LoadInt { dst: R(2), imm: 0 },
        Op::NewObject { dst: R(3), ty: BOX },
        Op::StoreField {
            obj: R(3),
            field: 0,
            src: R(2),
        },
        Op::NewObject { dst: R(4), ty: BOX },
        Op::NewObject { dst: R(4), ty: BOX },
        Op::Send {
            ch: R(0),
            src: R(3),
        },
        Op::ForLoopInt {
            a: R(2),
            b: R(1),
            off: Off(-6),
        },
        Op::Return { src: R(0), n: 0 },
    ];
    let p = sched_program(
        vec![
            func("main.main", 0, 0, 10, main),
            func("main.main.func1", 0, 0, 5, producer),
        ],
        1,
    );
    let (out, vm) = run(p, 4);
    assert_ok(&out);
    assert_eq!(
        vm.global(0),
        Some((i64::from(PRODUCERS) * i64::from(N) * i64::from(N - 1) / 2) as u64),
        "every box arrived with its value"
    );
    assert!(vm.heap.stats().num_gc > 0, "the test must collect");
}
