//! Data races cannot break the VM: two OS threads hammer one heap object through the
//! interpreter's own load and store paths.

use std::time::{Duration, Instant};

use minigo_vm::op::{ConstIdx, FuncIdx, GlobalIdx, Off, Op, Reg, TypeIdx};
use minigo_vm::program::Const;
use minigo_vm::{Exit, Goroutine, Vm, run};

use crate::asm::{func, pointer_struct, program, run_goroutine};

const OBJ: TypeIdx = TypeIdx(4);
const SLICE: TypeIdx = TypeIdx(5);

fn racy_program() -> minigo_vm::Program {
    let r = Reg;
    // setup: obj := &T{"a", make([]int, 1)}; g0 = obj
    let setup = func(
        "main.setup",
        0,
        0,
        4,
        vec![
            Op::NewObject { dst: r(0), ty: OBJ },
            Op::LoadConst {
                dst: r(1),
                k: ConstIdx(0),
            },
            Op::StoreField {
                obj: r(0),
                field: 0,
                src: r(1),
            },
            Op::LoadInt { dst: r(2), imm: 1 },
            Op::LoadInt { dst: r(3), imm: 1 },
            Op::MakeSlice {
                dst: r(1),
                ty: SLICE,
                len: r(2),
            },
            Op::StoreField {
                obj: r(0),
                field: 1,
                src: r(1),
            },
            Op::StoreGlobal {
                g: GlobalIdx(0),
                src: r(0),
            },
            Op::Return { src: r(0), n: 0 },
        ],
    );
    // writer: alternate each field between a short and a long value, forever.
    let writer = func(
        "main.writer",
        0,
        0,
        7,
        vec![
            Op::LoadGlobal {
                dst: r(0),
                g: GlobalIdx(0),
            },
            Op::LoadConst {
                dst: r(1),
                k: ConstIdx(0),
            },
            Op::LoadConst {
                dst: r(2),
                k: ConstIdx(1),
            },
            Op::LoadInt { dst: r(5), imm: 1 },
            Op::LoadInt { dst: r(6), imm: 1 },
            Op::MakeSlice {
                dst: r(3),
                ty: SLICE,
                len: r(5),
            },
            Op::LoadInt { dst: r(5), imm: 50 },
            Op::LoadInt { dst: r(6), imm: 50 },
            Op::MakeSlice {
                dst: r(4),
                ty: SLICE,
                len: r(5),
            },
            Op::StoreField {
                obj: r(0),
                field: 0,
                src: r(1),
            },
            Op::StoreField {
                obj: r(0),
                field: 1,
                src: r(3),
            },
            Op::StoreField {
                obj: r(0),
                field: 0,
                src: r(2),
            },
            Op::StoreField {
                obj: r(0),
                field: 1,
                src: r(4),
            },
            Op::Jump { off: Off(-5) },
        ],
    );
    // reader: index the last byte and element of whatever it loads, forever.
    let reader = func(
        "main.reader",
        0,
        0,
        7,
        vec![
            Op::LoadGlobal {
                dst: r(0),
                g: GlobalIdx(0),
            },
            Op::LoadField {
                dst: r(1),
                obj: r(0),
                field: 0,
            },
            Op::LenString { dst: r(2), s: r(1) },
            Op::AddIntImm {
                dst: r(2),
                a: r(2),
                imm: -1,
            },
            Op::IndexString {
                dst: r(3),
                s: r(1),
                idx: r(2),
            },
            Op::LoadField {
                dst: r(4),
                obj: r(0),
                field: 1,
            },
            Op::LenSlice { dst: r(5), s: r(4) },
            Op::AddIntImm {
                dst: r(5),
                a: r(5),
                imm: -1,
            },
            Op::IndexSlice {
                dst: r(6),
                s: r(4),
                idx: r(5),
            },
            Op::Jump { off: Off(-9) },
        ],
    );
    let mut p = program(vec![setup, writer, reader]);
    p.types.push(pointer_struct("main.T", 2));
    p.types.push(minigo_vm::program::TypeDesc::scalar(
        "[]int",
        minigo_vm::program::TypeKind::Slice {
            elem: crate::asm::INT,
        },
    ));
    p.consts = vec![
        Const::Str("a".into()),
        Const::Str("a much longer string".into()),
    ];
    p.n_globals = 1;
    p
}

#[test]
fn racing_loads_and_stores_on_one_object_never_crash() {
    let cfg = minigo_vm::Config {
        gogc: None,
        ..minigo_vm::Config::default()
    };
    let vm = match Vm::new(racy_program(), cfg) {
        Ok(vm) => vm,
        Err(e) => panic!("{e}"),
    };
    assert!(run_goroutine(&vm, FuncIdx(0), &[]).is_done());
    let seconds = if cfg!(miri) { 0.05 } else { 2.0 };
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let threads: Vec<_> = [FuncIdx(1), FuncIdx(2)]
        .into_iter()
        .map(|f| {
            let vm = vm.clone();
            std::thread::spawn(move || {
                let Ok(mut g) = Goroutine::new(&vm, f, &[]) else {
                    return Some("cannot start".to_string());
                };
                let mut slices = 0u64;
                while Instant::now() < deadline {
                    match run(&mut g, 50_000) {
                        Exit::Yield => slices += 1,
                        other => return Some(format!("{other:?}")),
                    }
                }
                assert!(slices > 0);
                None
            })
        })
        .collect();
    for t in threads {
        let failure = t
            .join()
            .unwrap_or_else(|_| Some("the thread panicked".to_string()));
        assert_eq!(failure, None, "both goroutines ran until the deadline");
    }
}
