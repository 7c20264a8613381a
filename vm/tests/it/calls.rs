//! Calls, returns, loops, arithmetic, closures and stack limits.

use minigo_vm::Exit;
use minigo_vm::op::{ConstIdx, FuncIdx, IntWidth, NativeIdx, Off, Op, Reg};
use minigo_vm::program::Const;

use crate::asm::{Output, config, func, program, run_program};

const R0: Reg = Reg(0);
const R1: Reg = Reg(1);
const R2: Reg = Reg(2);
const R3: Reg = Reg(3);

/// `func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }`
pub fn fib() -> minigo_vm::Function {
    let fib = FuncIdx(0);
    func(
        "main.fib",
        1,
        1,
        3,
        vec![
            Op::LoadInt { dst: R1, imm: 2 },
            Op::JumpIfLtInt {
                a: R0,
                b: R1,
                off: Off(6),
            },
            Op::AddIntImm {
                dst: R1,
                a: R0,
                imm: -1,
            },
            Op::Call {
                func: fib,
                base: R1,
            },
            Op::AddIntImm {
                dst: R2,
                a: R0,
                imm: -2,
            },
            Op::Call {
                func: fib,
                base: R2,
            },
            Op::AddInt {
                dst: R0,
                a: R1,
                b: R2,
            },
            Op::Return { src: R0, n: 1 },
            Op::Return { src: R0, n: 1 },
        ],
    )
}

#[test]
fn recursive_fib_computes_without_host_recursion() {
    let out = run_program(program(vec![fib()]), "main.fib", &[20], config());
    assert!(out.is_done(), "{}", out.panic_text());
    assert_eq!(out.results, [6765]);
}

/// `func sum(n int) int { s := 0; for i := 0; i < n; i++ { s += i }; return s }`
fn sum() -> minigo_vm::Function {
    func(
        "main.sum",
        1,
        1,
        3,
        vec![
            Op::LoadInt { dst: R1, imm: 0 },
            Op::LoadInt { dst: R2, imm: 0 },
            Op::Jump { off: Off(2) },
            Op::AddInt {
                dst: R1,
                a: R1,
                b: R2,
            },
            Op::AddIntImm {
                dst: R2,
                a: R2,
                imm: 1,
            },
            Op::JumpIfLtInt {
                a: R2,
                b: R0,
                off: Off(-3),
            },
            Op::Return { src: R1, n: 1 },
        ],
    )
}

#[test]
fn counting_loop_yields_and_resumes_across_budgets() {
    let out = run_program(program(vec![sum()]), "main.sum", &[100_000], config());
    assert_eq!(out.results, [4_999_950_000]);
}

#[test]
fn narrow_integers_wrap_and_divide_like_go() {
    let f = func(
        "main.narrow",
        0,
        3,
        4,
        vec![
            Op::LoadInt { dst: R0, imm: 127 },
            Op::AddIntImm {
                dst: R0,
                a: R0,
                imm: 1,
            },
            Op::WrapInt {
                dst: R0,
                a: R0,
                width: IntWidth::I8,
            },
            Op::LoadInt { dst: R1, imm: -7 },
            Op::LoadInt { dst: R2, imm: 2 },
            Op::RemInt {
                dst: R1,
                a: R1,
                b: R2,
            },
            Op::LoadInt { dst: R2, imm: 1 },
            Op::LoadInt { dst: R3, imm: 70 },
            Op::Shl {
                dst: R2,
                a: R2,
                b: R3,
                signed_count: true,
            },
            Op::Return { src: R0, n: 3 },
        ],
    );
    let out = run_program(program(vec![f]), "main.narrow", &[], config());
    assert_eq!(out.results, [(-128i64) as u64, (-1i64) as u64, 0]);
}

#[test]
fn closures_capture_cells_and_natives_print() {
    // counter := 0; bump := func(d int) { counter += d }; bump(2); bump(3); printint(counter)
    let output = Output::default();
    let cell = minigo_vm::op::TypeIdx(4);
    let bump = func(
        "main.main.func1",
        1,
        0,
        3,
        vec![
            Op::LoadCapture { dst: R1, idx: 0 },
            Op::LoadField {
                dst: R2,
                obj: R1,
                field: 0,
            },
            Op::AddInt {
                dst: R2,
                a: R2,
                b: R0,
            },
            Op::StoreField {
                obj: R1,
                field: 0,
                src: R2,
            },
            Op::Return { src: R0, n: 0 },
        ],
    );
    let main = func(
        "main.main",
        0,
        0,
        4,
        vec![
            Op::NewObject { dst: R0, ty: cell },
            Op::MakeClosure {
                dst: R1,
                func: FuncIdx(0),
                captures: R0,
                n: 1,
            },
            Op::LoadInt { dst: R2, imm: 2 },
            Op::CallClosure {
                callee: R1,
                base: R2,
            },
            Op::LoadInt { dst: R2, imm: 3 },
            Op::CallClosure {
                callee: R1,
                base: R2,
            },
            Op::LoadField {
                dst: R2,
                obj: R0,
                field: 0,
            },
            Op::CallNative {
                native: NativeIdx(0),
                base: R2,
            },
            Op::LoadConst {
                dst: R2,
                k: ConstIdx(0),
            },
            Op::CallNative {
                native: NativeIdx(1),
                base: R2,
            },
            Op::Return { src: R0, n: 0 },
        ],
    );
    let mut p = program(vec![bump, main]);
    p.types.push(minigo_vm::program::TypeDesc::scalar(
        "int cell",
        minigo_vm::program::TypeKind::Struct { n_fields: 1 },
    ));
    p.natives = vec![output.print_int(), output.print_str()];
    p.consts = vec![Const::Str("done".into())];
    let out = run_program(p, "main.main", &[], config());
    assert!(out.is_done(), "{}", out.panic_text());
    assert_eq!(output.text(), "5\ndone\n");
}

#[test]
fn unbounded_recursion_is_a_go_fatal_error_not_a_host_crash() {
    let f = func(
        "main.down",
        1,
        1,
        2,
        vec![
            Op::AddIntImm {
                dst: R1,
                a: R0,
                imm: 1,
            },
            Op::Call {
                func: FuncIdx(0),
                base: R1,
            },
            Op::Return { src: R1, n: 1 },
        ],
    );
    let cfg = minigo_vm::Config {
        max_stack_bytes: 1 << 20,
        ..config()
    };
    let out = run_program(program(vec![f]), "main.down", &[0], cfg);
    assert_eq!(
        out.panic_text(),
        "runtime: goroutine stack exceeds 1048576-byte limit\nfatal error: stack overflow"
    );
}

#[test]
fn a_yielded_goroutine_resumes_exactly_where_it_stopped() {
    let vm = match minigo_vm::Vm::new(program(vec![sum()]), config()) {
        Ok(vm) => vm,
        Err(e) => panic!("{e}"),
    };
    let Ok(mut g) = minigo_vm::Goroutine::new(&vm, FuncIdx(0), &[1000]) else {
        panic!("cannot start");
    };
    let mut yields = 0;
    loop {
        match minigo_vm::run(&mut g, 7) {
            Exit::Yield => yields += 1,
            Exit::Done => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(yields > 100);
    assert_eq!(g.results, [499_500]);
}

#[test]
fn go_statements_hand_new_goroutines_to_the_scheduler() {
    // main: go func() { g0 = 7 }(); the spawned goroutine runs when the caller drives it.
    let main = func(
        "main.main",
        0,
        0,
        1,
        vec![
            Op::MakeClosure {
                dst: R0,
                func: FuncIdx(1),
                captures: R0,
                n: 0,
            },
            Op::Go { closure: R0 },
            Op::Return { src: R0, n: 0 },
        ],
    );
    let body = func(
        "main.main.func1",
        0,
        0,
        1,
        vec![
            Op::LoadInt { dst: R0, imm: 7 },
            Op::StoreGlobal {
                g: minigo_vm::op::GlobalIdx(0),
                src: R0,
            },
            Op::Return { src: R0, n: 0 },
        ],
    );
    let mut p = program(vec![main, body]);
    p.n_globals = 1;
    let vm = match minigo_vm::Vm::new(p, config()) {
        Ok(vm) => vm,
        Err(e) => panic!("{e}"),
    };
    let Ok(mut g) = minigo_vm::Goroutine::new(&vm, FuncIdx(0), &[]) else {
        panic!("cannot start");
    };
    assert!(matches!(minigo_vm::run(&mut g, 100), Exit::Done));
    assert_eq!(vm.global(0), Some(0), "the new goroutine has not run yet");
    let mut spawned = std::mem::take(&mut g.spawned);
    assert_eq!(spawned.len(), 1);
    assert_ne!(spawned[0].id, g.id);
    assert!(matches!(minigo_vm::run(&mut spawned[0], 100), Exit::Done));
    assert_eq!(vm.global(0), Some(7));
}

#[test]
fn the_disassembly_of_fib_is_stable() {
    let p = program(vec![fib()]);
    let text = minigo_vm::disasm::program(&p);
    let expected = "\
func main.fib (params 1, results 1, registers 3)
     0     0  LoadInt { dst: r1, imm: 2 }
     1     0  JumpIfLtInt { a: r0, b: r1, off: 6 }  ; -> 8
     2     0  AddIntImm { dst: r1, a: r0, imm: -1 }
     3     0  Call { func: f0, base: r1 }  ; main.fib
     4     0  AddIntImm { dst: r2, a: r0, imm: -2 }
     5     0  Call { func: f0, base: r2 }  ; main.fib
     6     0  AddInt { dst: r0, a: r1, b: r2 }
     7     0  Return { src: r0, n: 1 }
     8     0  Return { src: r0, n: 1 }
";
    assert_eq!(text, expected);
}
