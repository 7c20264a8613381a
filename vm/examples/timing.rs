//! Runs one hand-assembled benchmark program once, for timing with `time` against other
//! interpreters (criterion measures wall-clock time, which a busy machine distorts):
//! `cargo run --release -p minigo_vm --example timing -- fib 30` or `-- loop 100000000`.

#![allow(clippy::print_stdout, reason = "an example that reports its result")]

use minigo_vm::op::{FuncIdx, Off, Op, Reg};
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
    let program = Program {
        functions: vec![program(which)],
        ..Program::default()
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
            Exit::Yield => {}
            Exit::Done => return println!("{:?}", g.results),
            other => return println!("stopped: {other:?}"),
        }
    }
}
