//! The collector: cyclic garbage is reclaimed, live data reachable from registers survives.

use minigo_vm::op::{Off, Op, Reg, TypeIdx};

use crate::asm::{config, func, pointer_struct, program, run_program};

const PAIR: TypeIdx = TypeIdx(4);

/// Builds a 100-node list held only in a register, allocates `n` two-object cycles of
/// garbage, then returns the list's length.
fn churn() -> minigo_vm::Program {
    let r = Reg;
    let code = vec![
        Op::LoadInt { dst: r(1), imm: 0 },
        Op::LoadInt { dst: r(2), imm: 0 },
        Op::LoadInt {
            dst: r(5),
            imm: 100,
        },
        Op::NewObject {
            dst: r(3),
            ty: PAIR,
        },
        Op::StoreField {
            obj: r(3),
            field: 0,
            src: r(2),
        },
        Op::Move {
            dst: r(2),
            src: r(3),
        },
        Op::AddIntImm {
            dst: r(1),
            a: r(1),
            imm: 1,
        },
        Op::JumpIfLtInt {
            a: r(1),
            b: r(5),
            off: Off(-5),
        },
        Op::LoadInt { dst: r(1), imm: 0 },
        Op::NewObject {
            dst: r(3),
            ty: PAIR,
        },
        Op::NewObject {
            dst: r(4),
            ty: PAIR,
        },
        Op::StoreField {
            obj: r(3),
            field: 0,
            src: r(4),
        },
        Op::StoreField {
            obj: r(4),
            field: 0,
            src: r(3),
        },
        Op::AddIntImm {
            dst: r(1),
            a: r(1),
            imm: 1,
        },
        Op::JumpIfLtInt {
            a: r(1),
            b: r(0),
            off: Off(-6),
        },
        Op::LoadInt { dst: r(1), imm: 0 },
        Op::LoadInt { dst: r(4), imm: 0 },
        Op::JumpIfEqWord {
            a: r(2),
            b: r(4),
            off: Off(3),
        },
        Op::AddIntImm {
            dst: r(1),
            a: r(1),
            imm: 1,
        },
        Op::LoadField {
            dst: r(2),
            obj: r(2),
            field: 0,
        },
        Op::Jump { off: Off(-4) },
        Op::Return { src: r(1), n: 1 },
    ];
    let mut p = program(vec![func("main.churn", 1, 1, 6, code)]);
    p.types.push(pointer_struct("main.pair", 2));
    p
}

#[test]
fn cyclic_garbage_is_reclaimed_and_live_data_survives() {
    let iterations = if cfg!(miri) { 2_000 } else { 500_000 };
    let out = run_program(churn(), "main.churn", &[iterations], config());
    assert!(out.is_done(), "{}", out.panic_text());
    assert_eq!(
        out.results,
        [100],
        "the register-rooted list survived every collection"
    );
    let stats = out.vm.heap.stats();
    if !cfg!(miri) {
        assert!(stats.num_gc >= 2, "{stats:?}");
        assert!(stats.total_alloc > 30 << 20, "{stats:?}");
        assert!(
            stats.sys < 16 << 20,
            "the live heap stayed bounded: {stats:?}"
        );
    }
}

#[test]
fn with_collection_off_nothing_is_freed() {
    let cfg = minigo_vm::Config {
        gogc: None,
        ..config()
    };
    let out = run_program(churn(), "main.churn", &[10_000], cfg);
    let stats = out.vm.heap.stats();
    assert_eq!(stats.num_gc, 0);
    assert!(stats.objects >= 20_100, "{stats:?}");
}

#[test]
fn an_explicit_collection_frees_everything_unreachable() {
    let out = run_program(churn(), "main.churn", &[1_000], config());
    let vm = out.vm;
    // SAFETY: no goroutine of this VM is alive any more.
    unsafe { vm.collect(&[]) };
    let stats = vm.heap.stats();
    assert_eq!(
        stats.objects, 1,
        "only the globals object is left: {stats:?}"
    );
}
