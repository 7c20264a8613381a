//! Strings, slices, maps and interfaces through the interpreter.

use minigo_vm::Program;
use minigo_vm::heap::object::{NO_ITAB, string_bytes};
use minigo_vm::op::{ConstIdx, FuncIdx, ItabIdx, Op, Reg, TypeIdx};
use minigo_vm::program::{Const, Itab, Layout, TypeDesc, TypeKind};

use crate::asm::{INT, STRING, config, func, program, run_program};

const MAP: TypeIdx = TypeIdx(4);
const INTS: TypeIdx = TypeIdx(5);
const SQUARE: TypeIdx = TypeIdx(6);
const SQUARE_PTR: TypeIdx = TypeIdx(7);
const SHAPE: TypeIdx = TypeIdx(8);
const CIRCLE_PTR: TypeIdx = TypeIdx(9);

fn r(i: u8) -> Reg {
    Reg(i)
}

fn with_types(mut p: Program) -> Program {
    let mut map = TypeDesc::scalar(
        "map[string]int",
        TypeKind::Map {
            key: STRING,
            value: INT,
        },
    );
    map.is_pointer = true;
    let mut ints = TypeDesc::scalar("[]int", TypeKind::Slice { elem: INT });
    ints.is_pointer = true;
    let square = TypeDesc::scalar("main.Square", TypeKind::Struct { n_fields: 1 });
    let mut square_ptr = TypeDesc::scalar("*main.Square", TypeKind::Pointer(SQUARE));
    square_ptr.is_pointer = true;
    square_ptr.methods = vec![("Area".into(), FuncIdx(1))];
    let shape = TypeDesc::scalar(
        "main.Shape",
        TypeKind::Interface {
            methods: vec!["Area".into()],
        },
    );
    let mut circle_ptr = TypeDesc::scalar("*main.Circle", TypeKind::Pointer(SQUARE));
    circle_ptr.is_pointer = true;
    circle_ptr.layout = Layout::Scalars;
    p.types
        .extend([map, ints, square, square_ptr, shape, circle_ptr]);
    p
}

#[test]
fn strings_concatenate_compare_and_slice() {
    let f = func(
        "main.s",
        0,
        3,
        6,
        vec![
            Op::LoadConst {
                dst: r(0),
                k: ConstIdx(0),
            },
            Op::LoadConst {
                dst: r(1),
                k: ConstIdx(1),
            },
            Op::Concat {
                dst: r(2),
                a: r(0),
                b: r(1),
            },
            Op::LoadInt { dst: r(3), imm: 1 },
            Op::LoadInt { dst: r(4), imm: 4 },
            Op::SliceString {
                dst: r(2),
                src: r(2),
                bounds: r(3),
            },
            Op::LtString {
                dst: r(1),
                a: r(0),
                b: r(1),
            },
            Op::LenString { dst: r(0), s: r(2) },
            Op::Return { src: r(0), n: 3 },
        ],
    );
    let mut p = with_types(program(vec![f]));
    p.consts = vec![Const::Str("go".into()), Const::Str("pher".into())];
    let out = run_program(p, "main.s", &[], config());
    assert_eq!(out.results[..2], [3, 1]);
    // SAFETY: the VM is alive and not collecting.
    assert_eq!(unsafe { string_bytes(out.results[2]) }, b"oph");
}

#[test]
fn maps_set_get_delete_and_reject_nil_writes() {
    let f = func(
        "main.m",
        0,
        4,
        8,
        vec![
            Op::MakeMap { dst: r(0), ty: MAP },
            Op::LoadConst {
                dst: r(1),
                k: ConstIdx(0),
            },
            Op::LoadConst {
                dst: r(2),
                k: ConstIdx(1),
            },
            Op::LoadInt { dst: r(3), imm: 10 },
            Op::MapSet {
                m: r(0),
                key: r(1),
                src: r(3),
            },
            Op::LoadInt { dst: r(3), imm: 20 },
            Op::MapSet {
                m: r(0),
                key: r(2),
                src: r(3),
            },
            Op::MapLen { dst: r(4), m: r(0) },
            Op::MapDelete { m: r(0), key: r(1) },
            Op::MapGetOk {
                dst: r(5),
                m: r(0),
                key: r(1),
            },
            Op::MapGet {
                dst: r(7),
                m: r(0),
                key: r(2),
            },
            Op::Move {
                dst: r(0),
                src: r(4),
            },
            Op::Move {
                dst: r(1),
                src: r(5),
            },
            Op::Move {
                dst: r(2),
                src: r(6),
            },
            Op::Move {
                dst: r(3),
                src: r(7),
            },
            Op::Return { src: r(0), n: 4 },
        ],
    );
    let nil_write = func(
        "main.nilw",
        0,
        0,
        2,
        vec![
            Op::LoadInt { dst: r(0), imm: 0 },
            Op::MapSet {
                m: r(0),
                key: r(0),
                src: r(0),
            },
            Op::Return { src: r(0), n: 0 },
        ],
    );
    let mut p = with_types(program(vec![f, nil_write]));
    p.consts = vec![Const::Str("a".into()), Const::Str("b".into())];
    let out = run_program(p, "main.m", &[], config());
    assert_eq!(out.results, [2, 0, 0, 20]);
    let mut p = with_types(program(vec![func(
        "main.x",
        0,
        0,
        1,
        vec![Op::Return { src: r(0), n: 0 }],
    )]));
    p.functions.push(func(
        "main.nilw",
        0,
        0,
        2,
        vec![
            Op::LoadInt { dst: r(0), imm: 0 },
            Op::MapSet {
                m: r(0),
                key: r(0),
                src: r(0),
            },
            Op::Return { src: r(0), n: 0 },
        ],
    ));
    let out = run_program(p, "main.nilw", &[], config());
    assert_eq!(out.panic_text(), "panic: assignment to entry in nil map");
}

#[test]
fn append_grows_like_go_and_slicing_checks_capacity() {
    // s := []int(nil); for i := 0; i < 5; i++ { s = append(s, i) }; return len(s), cap(s), s[4]
    let f = func(
        "main.a",
        0,
        3,
        6,
        vec![
            Op::LoadInt { dst: r(0), imm: 0 },
            Op::LoadInt { dst: r(1), imm: 0 },
            Op::LoadInt { dst: r(2), imm: 5 },
            Op::Append {
                dst: r(0),
                s: r(0),
                src: r(1),
                ty: INTS,
            },
            Op::AddIntImm {
                dst: r(1),
                a: r(1),
                imm: 1,
            },
            Op::JumpIfLtInt {
                a: r(1),
                b: r(2),
                off: minigo_vm::op::Off(-3),
            },
            Op::LoadInt { dst: r(3), imm: 4 },
            Op::IndexSlice {
                dst: r(2),
                s: r(0),
                idx: r(3),
            },
            Op::CapSlice { dst: r(1), s: r(0) },
            Op::LenSlice { dst: r(0), s: r(0) },
            Op::Return { src: r(0), n: 3 },
        ],
    );
    let out = run_program(with_types(program(vec![f])), "main.a", &[], config());
    assert_eq!(out.results, [5, 8, 4]);
    let g = func(
        "main.b",
        0,
        0,
        4,
        vec![
            Op::LoadInt { dst: r(0), imm: 3 },
            Op::LoadInt { dst: r(1), imm: 3 },
            Op::MakeSlice {
                dst: r(0),
                ty: INTS,
                len: r(0),
            },
            Op::LoadInt { dst: r(2), imm: 0 },
            Op::LoadInt { dst: r(3), imm: 5 },
            Op::SliceSlice {
                dst: r(0),
                src: r(0),
                bounds: r(2),
                has_max: false,
            },
            Op::Return { src: r(0), n: 0 },
        ],
    );
    let out = run_program(with_types(program(vec![g])), "main.b", &[], config());
    assert_eq!(
        out.panic_text(),
        "panic: runtime error: slice bounds out of range [:5] with capacity 3"
    );
}

/// main: var s Shape = &Square{3}; return s.Area(), then assert s.(*Circle).
fn shapes(assert_circle: bool) -> Program {
    let mut code = vec![
        Op::NewObject {
            dst: r(0),
            ty: SQUARE,
        },
        Op::LoadInt { dst: r(1), imm: 3 },
        Op::StoreField {
            obj: r(0),
            field: 0,
            src: r(1),
        },
        Op::BoxIface {
            dst: r(2),
            src: r(0),
            ty: SQUARE_PTR,
            itab: ItabIdx(0),
        },
        Op::Move {
            dst: r(3),
            src: r(2),
        },
        Op::CallIface {
            base: r(3),
            method: 0,
        },
        Op::IfaceType {
            dst: r(4),
            src: r(2),
        },
    ];
    if assert_circle {
        code.push(Op::AssertType {
            dst: r(0),
            src: r(2),
            ty: CIRCLE_PTR,
            iface: SHAPE,
        });
    }
    code.push(Op::Move {
        dst: r(0),
        src: r(3),
    });
    code.push(Op::Move {
        dst: r(1),
        src: r(4),
    });
    code.push(Op::Return { src: r(0), n: 2 });
    let main = func("main.main", 0, 2, 5, code);
    let area = func(
        "main.(*Square).Area",
        1,
        1,
        2,
        vec![
            Op::LoadField {
                dst: r(1),
                obj: r(0),
                field: 0,
            },
            Op::MulInt {
                dst: r(1),
                a: r(1),
                b: r(1),
            },
            Op::Return { src: r(1), n: 1 },
        ],
    );
    let mut p = with_types(program(vec![main, area]));
    p.itabs = vec![Itab {
        iface: SHAPE,
        ty: SQUARE_PTR,
        methods: vec![FuncIdx(1)],
    }];
    p
}

#[test]
fn interface_methods_dispatch_through_the_itab() {
    let out = run_program(shapes(false), "main.main", &[], config());
    assert!(out.is_done(), "{}", out.panic_text());
    assert_eq!(out.results, [9, u64::from(SQUARE_PTR.0)]);
}

#[test]
fn failed_assertions_report_go_text() {
    let out = run_program(shapes(true), "main.main", &[], config());
    assert_eq!(
        out.panic_text(),
        "panic: interface conversion: main.Shape is *main.Square, not *main.Circle"
    );
    let f = func(
        "main.e",
        0,
        0,
        2,
        vec![
            Op::LoadConst {
                dst: r(0),
                k: ConstIdx(0),
            },
            Op::BoxIface {
                dst: r(0),
                src: r(0),
                ty: STRING,
                itab: ItabIdx(NO_ITAB),
            },
            Op::AssertIface {
                dst: r(1),
                src: r(0),
                iface: SHAPE,
            },
            Op::Return { src: r(0), n: 0 },
        ],
    );
    let mut p = with_types(program(vec![f]));
    p.consts = vec![Const::Str("x".into())];
    let out = run_program(p, "main.e", &[], config());
    assert_eq!(
        out.panic_text(),
        "panic: interface conversion: string is not main.Shape: missing method Area"
    );
}
