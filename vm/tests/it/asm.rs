//! Hand-assembly helpers for the VM's integration tests: build functions and programs from
//! `Op` lists, run a goroutine to completion on the current thread (collecting garbage when
//! the heap asks), and capture what a `print` native writes.

use std::sync::Arc;

use minigo_vm::native::{NativeCtx, NativeFn, NativeOutcome};
use minigo_vm::op::{FuncIdx, Op, TypeIdx};
use minigo_vm::program::{Layout, TypeDesc, TypeKind, WellKnown};
use minigo_vm::{Config, Exit, Function, Goroutine, Program, Vm, run};
use parking_lot::Mutex;

/// A function named `name` with the given shape and code, every register marked as a
/// possible pointer (the collector validates every word it finds in a register).
pub fn func(name: &str, n_params: u8, n_results: u8, n_regs: u16, code: Vec<Op>) -> Function {
    let mut f = Function {
        name: name.to_string(),
        code: code.into(),
        n_regs,
        n_params,
        n_results,
        ..Function::default()
    };
    f.mark_pointer_regs((0..n_regs).map(|r| r as u8));
    f
}

/// The types most tests need: 0 `int`, 1 `string`, 2 `runtime.Error`, 3 `interface {}`.
pub fn base_types() -> Vec<TypeDesc> {
    let mut string = TypeDesc::scalar("string", TypeKind::String);
    string.is_pointer = true;
    let mut rt_error = TypeDesc::scalar("runtime.Error", TypeKind::String);
    rt_error.is_pointer = true;
    let empty = TypeDesc::scalar("interface {}", TypeKind::Interface { methods: vec![] });
    vec![
        TypeDesc::scalar("int", TypeKind::Int(64)),
        string,
        rt_error,
        empty,
    ]
}

pub const INT: TypeIdx = TypeIdx(0);
pub const STRING: TypeIdx = TypeIdx(1);

/// A struct type of `n` words, all pointers.
pub fn pointer_struct(name: &str, n: u8) -> TypeDesc {
    TypeDesc {
        name: name.to_string(),
        kind: TypeKind::Struct { n_fields: n },
        is_pointer: true,
        layout: Layout::Pointers,
        methods: Vec::new(),
        size: 8 * u64::from(n),
        fields: Vec::new(),
    }
}

/// A program of `functions` with the base types and the well-known types set.
pub fn program(functions: Vec<Function>) -> Program {
    Program {
        functions,
        types: base_types(),
        well_known: WellKnown {
            runtime_error: Some(TypeIdx(2)),
            string: Some(STRING),
        },
        ..Program::default()
    }
}

/// Captured output of the `print` natives.
#[derive(Clone, Default)]
pub struct Output(pub Arc<Mutex<String>>);

impl Output {
    pub fn text(&self) -> String {
        self.0.lock().clone()
    }

    /// `printint(x)`: appends the int and a newline.
    pub fn print_int(&self) -> NativeFn {
        let out = self.clone();
        NativeFn::new(
            "printint",
            1,
            0,
            move |_: &mut NativeCtx<'_>, args: &mut [u64]| {
                out.0.lock().push_str(&format!("{}\n", args[0] as i64));
                NativeOutcome::Return
            },
        )
    }

    /// `printstr(s)`: appends the string and a newline.
    pub fn print_str(&self) -> NativeFn {
        let out = self.clone();
        NativeFn::new(
            "printstr",
            1,
            0,
            move |_: &mut NativeCtx<'_>, args: &mut [u64]| {
                // SAFETY: the argument is a string value of a live goroutine.
                let s = unsafe { minigo_vm::heap::object::string_bytes(args[0]) };
                out.0
                    .lock()
                    .push_str(&format!("{}\n", String::from_utf8_lossy(s)));
                NativeOutcome::Return
            },
        )
    }
}

/// What a run ended with.
pub struct Outcome {
    pub exit: Exit,
    pub results: Vec<u64>,
    pub vm: Arc<Vm>,
}

impl Outcome {
    /// The panic report, or an empty string when the run did not panic.
    pub fn panic_text(&self) -> String {
        match &self.exit {
            Exit::Panic(p) => p.to_string(),
            _ => String::new(),
        }
    }

    pub fn is_done(&self) -> bool {
        matches!(self.exit, Exit::Done)
    }
}

/// Runs `entry` of `program` with `args` until it finishes, panics or parks.
pub fn run_program(program: Program, entry: &str, args: &[u64], config: Config) -> Outcome {
    let vm = match Vm::new(program, config) {
        Ok(vm) => vm,
        Err(e) => panic!("program rejected: {e}"),
    };
    let Some(f) = vm.program.function_named(entry) else {
        panic!("no function {entry}");
    };
    run_goroutine(&vm, f, args)
}

/// Runs one goroutine of `vm` to its end on this thread.
pub fn run_goroutine(vm: &Arc<Vm>, f: FuncIdx, args: &[u64]) -> Outcome {
    let mut g = match Goroutine::new(vm, f, args) {
        Ok(g) => g,
        Err(e) => panic!("cannot start: {e:?}"),
    };
    loop {
        match run(&mut g, 10_000) {
            Exit::Yield => {
                if vm.heap.wants_gc() {
                    // SAFETY: this thread runs the only goroutine, and it is stopped.
                    unsafe { vm.collect(&[&g]) };
                }
            }
            exit => {
                return Outcome {
                    exit,
                    results: g.results.clone(),
                    vm: Arc::clone(vm),
                };
            }
        }
    }
}

/// A config with automatic collection at the default ratio.
pub fn config() -> Config {
    Config {
        gogc: Some(100),
        ..Config::default()
    }
}
