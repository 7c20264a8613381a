//! Go panics: run-time error texts, stacks, `defer`, `recover` and the chained reports.

use minigo_vm::heap::object::{IfaceObj, NO_ITAB, string_bytes};
use minigo_vm::op::{ConstIdx, FuncIdx, GlobalIdx, ItabIdx, Off, Op, Reg, TypeIdx};
use minigo_vm::program::{Const, TypeDesc, TypeKind};
use minigo_vm::{Exit, Program};

use crate::asm::{INT, STRING, config, func, program, run_program};

const R0: Reg = Reg(0);
const R1: Reg = Reg(1);
const R2: Reg = Reg(2);
const R3: Reg = Reg(3);
const R4: Reg = Reg(4);
const CELL: TypeIdx = TypeIdx(4);

fn with_cell(mut p: Program) -> Program {
    p.types
        .push(TypeDesc::scalar("cell", TypeKind::Struct { n_fields: 1 }));
    p.types
        .push(TypeDesc::scalar("[]int", TypeKind::Slice { elem: INT }));
    p
}

/// The string inside an interface value holding a string (or a runtime.Error).
fn iface_string(v: u64) -> String {
    assert_ne!(v, 0, "expected a non-nil interface");
    // SAFETY: the VM that made `v` is alive in the caller and not collecting.
    unsafe {
        let b = &*(v as *const IfaceObj);
        String::from_utf8_lossy(string_bytes(b.data)).into_owned()
    }
}

#[test]
fn index_out_of_range_reports_go_text_and_stack() {
    // func at(s []int, i int) int { return s[i] }  ;  main: at(make([]int, 3), 5)
    let at = func(
        "main.at",
        2,
        1,
        3,
        vec![
            Op::IndexSlice {
                dst: R2,
                s: R0,
                idx: R1,
            },
            Op::Return { src: R2, n: 1 },
        ],
    );
    let mut main = func(
        "main.main",
        0,
        0,
        4,
        vec![
            Op::LoadInt { dst: R0, imm: 3 },
            Op::LoadInt { dst: R1, imm: 3 },
            Op::MakeSlice {
                dst: R2,
                ty: TypeIdx(5),
                len: R0,
            },
            Op::LoadInt { dst: R3, imm: 5 },
            Op::Call {
                func: FuncIdx(0),
                base: R2,
            },
            Op::Return { src: R0, n: 0 },
        ],
    );
    main.lines = vec![(0, 10), (4, 12)];
    let mut at = at;
    at.lines = vec![(0, 7)];
    let out = run_program(
        with_cell(program(vec![at, main])),
        "main.main",
        &[],
        config(),
    );
    assert_eq!(
        out.panic_text(),
        "panic: runtime error: index out of range [5] with length 3"
    );
    let Exit::Panic(p) = &out.exit else {
        unreachable!()
    };
    let frames: Vec<(&str, u32)> = p
        .stack
        .iter()
        .map(|f| (f.function.as_str(), f.line))
        .collect();
    assert_eq!(frames, [("main.at", 7), ("main.main", 12)]);
    assert!(
        p.stack_dump("x.go")
            .starts_with("goroutine 1 [running]:\nmain.at(...)\n\tx.go:7\n")
    );
}

/// `func safe(a, b int) (q int) { q = -1; defer func() { if recover() != nil { q = 99 } }(); q = a / b; return }`
fn safe_div() -> Vec<minigo_vm::Function> {
    let mut safe = func(
        "main.safe",
        2,
        1,
        5,
        vec![
            Op::NewObject { dst: R2, ty: CELL },
            Op::LoadInt { dst: R4, imm: -1 },
            Op::StoreField {
                obj: R2,
                field: 0,
                src: R4,
            },
            Op::MakeClosure {
                dst: R3,
                func: FuncIdx(1),
                captures: R2,
                n: 1,
            },
            Op::Defer { closure: R3 },
            Op::DivInt {
                dst: R4,
                a: R0,
                b: R1,
            },
            Op::StoreField {
                obj: R2,
                field: 0,
                src: R4,
            },
            Op::RunDefers,
            Op::LoadField {
                dst: R4,
                obj: R2,
                field: 0,
            },
            Op::Return { src: R4, n: 1 },
        ],
    );
    safe.recover_pc = Some(7);
    let rec = func(
        "main.safe.func1",
        0,
        0,
        3,
        vec![
            Op::Recover { dst: R0 },
            Op::LoadInt { dst: R1, imm: 0 },
            Op::JumpIfEqWord {
                a: R0,
                b: R1,
                off: Off(3),
            },
            Op::LoadCapture { dst: R1, idx: 0 },
            Op::LoadInt { dst: R2, imm: 99 },
            Op::StoreField {
                obj: R1,
                field: 0,
                src: R2,
            },
            Op::Return { src: R0, n: 0 },
        ],
    );
    vec![safe, rec]
}

#[test]
fn deferred_recover_turns_a_panic_into_a_normal_return() {
    let ok = run_program(
        with_cell(program(safe_div())),
        "main.safe",
        &[7, 2],
        config(),
    );
    assert_eq!(ok.results, [3]);
    let recovered = run_program(
        with_cell(program(safe_div())),
        "main.safe",
        &[7, 0],
        config(),
    );
    assert!(recovered.is_done(), "{}", recovered.panic_text());
    assert_eq!(recovered.results, [99]);
}

/// A `main` that defers `deferred` (function 1) and then panics with the string constant 0.
fn panicking_main(deferred: Vec<Op>, consts: &[&str]) -> Program {
    let mut main = func(
        "main.main",
        0,
        0,
        3,
        vec![
            Op::MakeClosure {
                dst: R0,
                func: FuncIdx(1),
                captures: R0,
                n: 0,
            },
            Op::Defer { closure: R0 },
            Op::LoadConst {
                dst: R1,
                k: ConstIdx(0),
            },
            Op::BoxIface {
                dst: R1,
                src: R1,
                ty: STRING,
                itab: ItabIdx(NO_ITAB),
            },
            Op::Panic { src: R1 },
            Op::RunDefers,
            Op::Return { src: R0, n: 0 },
        ],
    );
    main.recover_pc = Some(5);
    let d = func("main.main.func1", 0, 0, 3, deferred);
    let mut p = with_cell(program(vec![main, d]));
    p.consts = consts.iter().map(|s| Const::Str((*s).into())).collect();
    p.n_globals = 1;
    p
}

#[test]
fn a_panic_in_a_deferred_call_after_recover_prints_both() {
    let p = panicking_main(
        vec![
            Op::Recover { dst: R0 },
            Op::LoadConst {
                dst: R1,
                k: ConstIdx(1),
            },
            Op::BoxIface {
                dst: R1,
                src: R1,
                ty: STRING,
                itab: ItabIdx(NO_ITAB),
            },
            Op::Panic { src: R1 },
        ],
        &["first", "second"],
    );
    let out = run_program(p, "main.main", &[], config());
    assert_eq!(
        out.panic_text(),
        "panic: first [recovered]\n\tpanic: second"
    );
}

#[test]
fn repanicking_the_recovered_value_prints_once() {
    let p = panicking_main(
        vec![Op::Recover { dst: R0 }, Op::Panic { src: R0 }],
        &["boom"],
    );
    let out = run_program(p, "main.main", &[], config());
    assert_eq!(out.panic_text(), "panic: boom [recovered, repanicked]");
}

#[test]
fn an_unrecovered_panic_runs_deferred_calls_first() {
    let p = panicking_main(
        vec![
            Op::LoadInt { dst: R0, imm: 42 },
            Op::StoreGlobal {
                g: GlobalIdx(0),
                src: R0,
            },
            Op::Return { src: R0, n: 0 },
        ],
        &["boom"],
    );
    let out = run_program(p, "main.main", &[], config());
    assert_eq!(out.panic_text(), "panic: boom");
    assert_eq!(out.vm.global(0), Some(42));
}

#[test]
fn recover_outside_a_directly_deferred_call_returns_nil() {
    // The deferred call stores what a helper's recover() returned, then recovers itself.
    let mut p = panicking_main(
        vec![
            Op::Call {
                func: FuncIdx(2),
                base: R0,
            },
            Op::StoreGlobal {
                g: GlobalIdx(0),
                src: R0,
            },
            Op::Recover { dst: R1 },
            Op::Return { src: R0, n: 0 },
        ],
        &["indirect"],
    );
    p.functions.push(func(
        "main.helper",
        0,
        1,
        1,
        vec![Op::Recover { dst: R0 }, Op::Return { src: R0, n: 1 }],
    ));
    let out = run_program(p, "main.main", &[], config());
    assert!(out.is_done(), "{}", out.panic_text());
    assert_eq!(out.vm.global(0), Some(0));
}

#[test]
fn a_recovered_runtime_error_carries_go_text() {
    // defer func() { g0 = recover() }(); _ = 1 / 0
    let mut main = func(
        "main.main",
        0,
        0,
        3,
        vec![
            Op::MakeClosure {
                dst: R0,
                func: FuncIdx(1),
                captures: R0,
                n: 0,
            },
            Op::Defer { closure: R0 },
            Op::LoadInt { dst: R1, imm: 1 },
            Op::LoadInt { dst: R2, imm: 0 },
            Op::DivInt {
                dst: R1,
                a: R1,
                b: R2,
            },
            Op::RunDefers,
            Op::Return { src: R0, n: 0 },
        ],
    );
    main.recover_pc = Some(5);
    let d = func(
        "main.main.func1",
        0,
        0,
        1,
        vec![
            Op::Recover { dst: R0 },
            Op::StoreGlobal {
                g: GlobalIdx(0),
                src: R0,
            },
            Op::Return { src: R0, n: 0 },
        ],
    );
    let mut p = program(vec![main, d]);
    p.n_globals = 1;
    let out = run_program(p, "main.main", &[], config());
    assert!(out.is_done(), "{}", out.panic_text());
    let v = out.vm.global(0).unwrap_or(0);
    assert_eq!(iface_string(v), "runtime error: integer divide by zero");
    // SAFETY: `v` is a live interface box (the VM is alive and not collecting).
    let dynamic = unsafe { (*(v as *const IfaceObj)).ty };
    assert_eq!(dynamic, 2, "a runtime.Error");
}

#[test]
fn a_panic_replaced_inside_a_deferred_call_is_recovered_as_the_new_value() {
    // Go's panicInDefer: defer recover-into-g0; defer panic("second"); panic("first").
    let mut main = func(
        "main.main",
        0,
        0,
        3,
        vec![
            Op::MakeClosure {
                dst: R0,
                func: FuncIdx(1),
                captures: R0,
                n: 0,
            },
            Op::Defer { closure: R0 },
            Op::MakeClosure {
                dst: R0,
                func: FuncIdx(2),
                captures: R0,
                n: 0,
            },
            Op::Defer { closure: R0 },
            Op::LoadConst {
                dst: R1,
                k: ConstIdx(0),
            },
            Op::BoxIface {
                dst: R1,
                src: R1,
                ty: STRING,
                itab: ItabIdx(NO_ITAB),
            },
            Op::Panic { src: R1 },
            Op::RunDefers,
            Op::Return { src: R0, n: 0 },
        ],
    );
    main.recover_pc = Some(7);
    let recoverer = func(
        "main.main.func1",
        0,
        0,
        1,
        vec![
            Op::Recover { dst: R0 },
            Op::StoreGlobal {
                g: GlobalIdx(0),
                src: R0,
            },
            Op::Return { src: R0, n: 0 },
        ],
    );
    let replacer = func(
        "main.main.func2",
        0,
        0,
        2,
        vec![
            Op::LoadConst {
                dst: R1,
                k: ConstIdx(1),
            },
            Op::BoxIface {
                dst: R1,
                src: R1,
                ty: STRING,
                itab: ItabIdx(NO_ITAB),
            },
            Op::Panic { src: R1 },
        ],
    );
    let mut p = program(vec![main, recoverer, replacer]);
    p.consts = vec![Const::Str("first".into()), Const::Str("second".into())];
    p.n_globals = 1;
    let out = run_program(p, "main.main", &[], config());
    assert!(out.is_done(), "{}", out.panic_text());
    assert_eq!(iface_string(out.vm.global(0).unwrap_or(0)), "second");
    let _ = (R3, R4);
}

#[test]
fn an_error_value_panics_with_its_error_text() {
    // type E struct{}; func (*E) Error() string { return "validation failed" }; panic(&E{})
    let main = func(
        "main.main",
        0,
        0,
        1,
        vec![
            Op::NewObject {
                dst: R0,
                ty: TypeIdx(6),
            },
            Op::BoxIface {
                dst: R0,
                src: R0,
                ty: TypeIdx(7),
                itab: ItabIdx(NO_ITAB),
            },
            Op::Panic { src: R0 },
        ],
    );
    let error = func(
        "main.(*E).Error",
        1,
        1,
        1,
        vec![
            Op::LoadConst {
                dst: R0,
                k: ConstIdx(0),
            },
            Op::Return { src: R0, n: 1 },
        ],
    );
    let mut p = with_cell(program(vec![main, error]));
    p.types
        .push(TypeDesc::scalar("main.E", TypeKind::Struct { n_fields: 0 }));
    let mut ptr = TypeDesc::scalar("*main.E", TypeKind::Pointer(TypeIdx(6)));
    ptr.is_pointer = true;
    ptr.methods = vec![("Error".into(), FuncIdx(1))];
    p.types.push(ptr);
    p.consts = vec![Const::Str("validation failed".into())];
    let out = run_program(p, "main.main", &[], config());
    assert_eq!(out.panic_text(), "panic: validation failed");
}

#[test]
fn repanicking_a_recovered_runtime_error_prints_its_plain_text() {
    let mut main = func(
        "main.main",
        0,
        0,
        3,
        vec![
            Op::MakeClosure {
                dst: R0,
                func: FuncIdx(1),
                captures: R0,
                n: 0,
            },
            Op::Defer { closure: R0 },
            Op::LoadInt { dst: R1, imm: 0 },
            Op::DivInt {
                dst: R1,
                a: R1,
                b: R1,
            },
            Op::RunDefers,
            Op::Return { src: R0, n: 0 },
        ],
    );
    main.recover_pc = Some(4);
    let d = func(
        "main.main.func1",
        0,
        0,
        1,
        vec![Op::Recover { dst: R0 }, Op::Panic { src: R0 }],
    );
    let out = run_program(program(vec![main, d]), "main.main", &[], config());
    assert_eq!(
        out.panic_text(),
        "panic: runtime error: integer divide by zero [recovered, repanicked]"
    );
}
