//! Runs one hand-assembled benchmark program once, for timing with `time` against other
//! interpreters (criterion measures wall-clock time, which a busy machine distorts):
//! `cargo run --release -p minigo_vm --example timing -- fib 30`, `-- loop 100000000` or
//! `-- trees 16` (allocate and check binary trees of that depth, 20 times), `-- edge N` /
//! `-- mid N` (N calls whose frame starts at a segment edge / mid-segment).

#![allow(clippy::print_stdout, reason = "an example that reports its result")]

use minigo_vm::op::{FuncIdx, Off, Op, Reg, TypeIdx};
use minigo_vm::program::{Layout, TypeDesc, TypeKind};
use minigo_vm::{Config, Exit, Function, Goroutine, Program, Vm, run};

fn func(name: &str, n_regs: u16, code: Vec<Op>) -> Function {
    Function {
        name: name.to_string(),
        code: code.into(),
        n_regs,
        n_params: 1,
        n_results: 1,
        ..Function::default()
    }
}

/// `make(d)` builds a tree of depth `d`, `check(t)` counts its nodes, `main(d)` does both
/// 20 times and sums the counts.
fn trees() -> Vec<Function> {
    let r = Reg;
    let node = TypeIdx(0);
    let mut make = func(
        "main.make",
        4,
        vec![
            Op::NewObject {
                dst: r(1),
                ty: node,
            },
            Op::LoadInt { dst: r(2), imm: 0 },
            Op::JumpIfLeInt {
                a: r(0),
                b: r(2),
                off: Off(6),
            },
            Op::AddIntImm {
                dst: r(2),
                a: r(0),
                imm: -1,
            },
            Op::Call {
                func: FuncIdx(1),
                base: r(2),
            },
            Op::StoreField {
                obj: r(1),
                field: 0,
                src: r(2),
            },
            Op::AddIntImm {
                dst: r(2),
                a: r(0),
                imm: -1,
            },
            Op::Call {
                func: FuncIdx(1),
                base: r(2),
            },
            Op::StoreField {
                obj: r(1),
                field: 1,
                src: r(2),
            },
            Op::Return { src: r(1), n: 1 },
        ],
    );
    make.mark_pointer_regs([1, 2]);
    let mut check = func(
        "main.check",
        4,
        vec![
            Op::LoadField {
                dst: r(1),
                obj: r(0),
                field: 0,
            },
            Op::LoadInt { dst: r(2), imm: 1 },
            Op::LoadInt { dst: r(3), imm: 0 },
            Op::JumpIfEqWord {
                a: r(1),
                b: r(3),
                off: Off(5),
            },
            Op::Call {
                func: FuncIdx(2),
                base: r(1),
            },
            Op::LoadField {
                dst: r(3),
                obj: r(0),
                field: 1,
            },
            Op::Call {
                func: FuncIdx(2),
                base: r(3),
            },
            Op::AddInt {
                dst: r(2),
                a: r(2),
                b: r(1),
            },
            Op::AddInt {
                dst: r(2),
                a: r(2),
                b: r(3),
            },
            Op::Return { src: r(2), n: 1 },
        ],
    );
    check.mark_pointer_regs([0, 1, 3]);
    let mut main = func(
        "main.main",
        6,
        vec![
            Op::LoadInt { dst: r(1), imm: 0 },
            Op::LoadInt { dst: r(2), imm: 0 },
            Op::LoadInt { dst: r(3), imm: 20 },
            Op::Move {
                dst: r(4),
                src: r(0),
            },
            Op::Call {
                func: FuncIdx(1),
                base: r(4),
            },
            Op::Call {
                func: FuncIdx(2),
                base: r(4),
            },
            Op::AddInt {
                dst: r(1),
                a: r(1),
                b: r(4),
            },
            Op::ForLoopInt {
                a: r(2),
                b: r(3),
                off: Off(-5),
            },
            Op::Return { src: r(1), n: 1 },
        ],
    );
    main.mark_pointer_regs([4]);
    vec![main, make, check]
}

/// A loop calling a small function `n` times from a frame of `caller_regs` registers.
fn call_loop(caller_regs: u16) -> Vec<Function> {
    let r = Reg;
    let top = (caller_regs - 1) as u8;
    let caller = func(
        "main.caller",
        caller_regs,
        vec![
            Op::LoadInt { dst: r(1), imm: 0 },
            Op::Move {
                dst: r(top),
                src: r(1),
            },
            Op::Call {
                func: FuncIdx(1),
                base: r(top),
            },
            Op::AddIntImm {
                dst: r(1),
                a: r(1),
                imm: 1,
            },
            Op::JumpIfLtInt {
                a: r(1),
                b: r(0),
                off: Off(-4),
            },
            Op::Return { src: r(1), n: 1 },
        ],
    );
    let callee = func(
        "main.callee",
        8,
        vec![
            Op::AddIntImm {
                dst: r(0),
                a: r(0),
                imm: 1,
            },
            Op::Return { src: r(0), n: 1 },
        ],
    );
    vec![caller, callee]
}

fn program(which: &str) -> Function {
    let r = Reg;
    match which {
        "fib" => func(
            "main.fib",
            3,
            vec![
                Op::LoadInt { dst: r(1), imm: 2 },
                Op::JumpIfLtInt {
                    a: r(0),
                    b: r(1),
                    off: Off(6),
                },
                Op::AddIntImm {
                    dst: r(1),
                    a: r(0),
                    imm: -1,
                },
                Op::Call {
                    func: FuncIdx(0),
                    base: r(1),
                },
                Op::AddIntImm {
                    dst: r(2),
                    a: r(0),
                    imm: -2,
                },
                Op::Call {
                    func: FuncIdx(0),
                    base: r(2),
                },
                Op::AddInt {
                    dst: r(0),
                    a: r(1),
                    b: r(2),
                },
                Op::Return { src: r(0), n: 1 },
                Op::Return { src: r(0), n: 1 },
            ],
        ),
        _ => func(
            "main.loop",
            3,
            vec![
                Op::LoadInt { dst: r(1), imm: 0 },
                Op::LoadInt { dst: r(2), imm: 0 },
                Op::JumpIfLeInt {
                    a: r(0),
                    b: r(2),
                    off: Off(2),
                },
                Op::AddInt {
                    dst: r(1),
                    a: r(1),
                    b: r(2),
                },
                Op::ForLoopInt {
                    a: r(2),
                    b: r(0),
                    off: Off(-2),
                },
                Op::Return { src: r(1), n: 1 },
            ],
        ),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map_or("fib", String::as_str);
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let program = match which {
        "trees" => Program {
            functions: trees(),
            types: vec![TypeDesc {
                name: "main.Node".into(),
                kind: TypeKind::Struct { n_fields: 2 },
                is_pointer: true,
                layout: Layout::Pointers,
                methods: Vec::new(),
                size: 16,
                fields: Vec::new(),
            }],
            ..Program::default()
        },
        "edge" | "mid" => Program {
            functions: call_loop(if which == "edge" { 60 } else { 8 }),
            ..Program::default()
        },
        _ => Program {
            functions: vec![program(which)],
            ..Program::default()
        },
    };
    let vm = match Vm::new(program, Config::default()) {
        Ok(vm) => vm,
        Err(e) => return println!("invalid program: {e}"),
    };
    let Ok(mut g) = Goroutine::new(&vm, FuncIdx(0), &[n]) else {
        return println!("cannot start");
    };
    loop {
        match run(&mut g, 1 << 20) {
            Exit::Yield => {
                if vm.heap.wants_gc() {
                    // SAFETY: this thread runs the only goroutine, and it is stopped.
                    unsafe { vm.collect(&[&g]) };
                }
            }
            Exit::Done => return println!("{:?} {:?}", g.results, vm.heap.stats()),
            other => return println!("stopped: {other:?}"),
        }
    }
}
