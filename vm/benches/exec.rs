//! Interpreter micro-benchmarks on hand-assembled programs: recursive calls (`fib(30)`), a
//! 100M-iteration counting loop, and a call loop whose callee frame lands exactly on a
//! segment boundary versus in the middle of a segment.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use minigo_vm::op::{FuncIdx, Off, Op, Reg};
use minigo_vm::stack::FIRST_SEGMENT_WORDS;
use minigo_vm::{Config, Exit, Function, Goroutine, Program, Vm, run};

fn func(name: &str, n_params: u8, n_results: u8, n_regs: u16, code: Vec<Op>) -> Function {
    Function {
        name: name.to_string(),
        code: code.into(),
        n_regs,
        n_params,
        n_results,
        ..Function::default()
    }
}

fn vm(functions: Vec<Function>) -> Arc<Vm> {
    let program = Program {
        functions,
        ..Program::default()
    };
    match Vm::new(program, Config::default()) {
        Ok(vm) => vm,
        Err(e) => panic!("invalid benchmark program: {e}"),
    }
}

/// Runs function 0 of `vm` with `arg` to completion and returns its first result.
fn call(vm: &Arc<Vm>, entry: FuncIdx, arg: u64) -> u64 {
    let Ok(mut g) = Goroutine::new(vm, entry, &[arg]) else {
        panic!("cannot start");
    };
    loop {
        match run(&mut g, 1 << 20) {
            Exit::Yield => {}
            Exit::Done => return g.results.first().copied().unwrap_or(0),
            other => panic!("benchmark stopped: {other:?}"),
        }
    }
}

fn fib() -> Function {
    let r = Reg;
    func(
        "main.fib",
        1,
        1,
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
    )
}

/// `s := 0; for i := 0; i < n; i++ { s += i }; return s`
fn counting_loop() -> Function {
    let r = Reg;
    func(
        "main.loop",
        1,
        1,
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
    )
}

/// A loop calling a small function `n` times from a frame of `caller_regs` registers, so
/// the callee's frame starts at word `caller_regs` of the first segment.
fn call_loop(caller_regs: u16) -> Vec<Function> {
    let r = Reg;
    let top = (caller_regs - 1) as u8;
    let caller = func(
        "main.caller",
        1,
        1,
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
        1,
        1,
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

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("exec");
    group.sample_size(10);
    let fib_vm = vm(vec![fib()]);
    group.bench_function("fib(30)", |b| {
        b.iter(|| assert_eq!(call(&fib_vm, FuncIdx(0), black_box(30)), 832_040));
    });
    let loop_vm = vm(vec![counting_loop()]);
    group.bench_function("loop 100M", |b| {
        b.iter(|| call(&loop_vm, FuncIdx(0), black_box(100_000_000)));
    });
    // The callee needs 8 registers: from a frame of FIRST_SEGMENT_WORDS - 4 registers it
    // does not fit and chains the next segment; from a frame of 8 it fits.
    let edge = (FIRST_SEGMENT_WORDS - 4) as u16;
    for (name, caller_regs) in [("calls at a segment edge", edge), ("calls mid-segment", 8)] {
        let vm = vm(call_loop(caller_regs));
        group.bench_function(name, |b| {
            b.iter(|| call(&vm, FuncIdx(0), black_box(10_000_000)));
        });
    }
    group.finish();
}

criterion_group!(exec, benches);
criterion_main!(exec);
