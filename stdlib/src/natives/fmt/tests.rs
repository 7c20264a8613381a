//! Unit tests of the `fmt` natives on a hand-made program: operands are boxed by hand on a
//! real VM heap and printed with the same entry points the natives use.

use std::sync::Arc;

use minigo_vm::heap::object::{NO_ITAB, TY_SCALARS, store_slot};
use minigo_vm::native::NativeCtx;
use minigo_vm::program::{FieldDesc, Layout, TypeDesc, TypeKind};
use minigo_vm::{Config, Program, Vm};

use super::{sprint, sprintf, sprintln};
use crate::natives::heapval;
use minigo_vm::op::TypeIdx;

const INT: u16 = 0;
const STRING: u16 = 1;
const POINT: u16 = 2;
const PTR_POINT: u16 = 3;
const SLICE_INT: u16 = 4;
const MAP_STR_INT: u16 = 5;
const ANY_SLICE: u16 = 6;
const FLOAT: u16 = 7;

fn types() -> Vec<TypeDesc> {
    let mut point = TypeDesc::scalar("main.P", TypeKind::Struct { n_fields: 2 });
    point.is_pointer = true;
    point.fields = vec![
        FieldDesc {
            name: "X".into(),
            ty: TypeIdx(INT),
        },
        FieldDesc {
            name: "Y".into(),
            ty: TypeIdx(INT),
        },
    ];
    let mut string = TypeDesc::scalar("string", TypeKind::String);
    string.is_pointer = true;
    let mut any_slice = TypeDesc::scalar(
        "[]interface {}",
        TypeKind::Slice {
            elem: TypeIdx(ANY_SLICE),
        },
    );
    any_slice.layout = Layout::Pointers;
    vec![
        TypeDesc::scalar("int", TypeKind::Int(64)),
        string,
        point,
        TypeDesc::scalar("*main.P", TypeKind::Pointer(TypeIdx(POINT))),
        TypeDesc::scalar("[]int", TypeKind::Slice { elem: TypeIdx(INT) }),
        TypeDesc::scalar(
            "map[string]int",
            TypeKind::Map {
                key: TypeIdx(STRING),
                value: TypeIdx(INT),
            },
        ),
        any_slice,
        TypeDesc::scalar("float64", TypeKind::Float(64)),
    ]
}

fn vm() -> Arc<Vm> {
    let program = Program {
        types: types(),
        ..Program::default()
    };
    match Vm::new(
        program,
        Config {
            gogc: None,
            ..Config::default()
        },
    ) {
        Ok(vm) => vm,
        Err(e) => unreachable!("hand-made program verifies: {e:?}"),
    }
}

fn boxed(ctx: &NativeCtx<'_>, ty: u16, data: u64) -> u64 {
    ctx.heap().alloc_iface(ty, NO_ITAB, data)
}

fn point(ctx: &NativeCtx<'_>, x: i64, y: i64) -> u64 {
    let obj = ctx.heap().alloc_words(TY_SCALARS, 2);
    // SAFETY: a fresh two-word object.
    unsafe {
        store_slot(obj, 0, x as u64);
        store_slot(obj, 1, y as u64);
    }
    obj as u64
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn print_functions_space_operands_like_go() {
    let vm = vm();
    let ctx = NativeCtx {
        vm: &vm,
        goroutine: 1,
    };
    let s = boxed(&ctx, STRING, heapval::new_string(&ctx, b"a"));
    let one = boxed(&ctx, INT, 1);
    let two = boxed(&ctx, INT, 2);
    let args = heapval::new_slice(&ctx, &[s, one, two, s, 0], true);
    assert_eq!(text(sprint(&ctx, args)), "a1 2a<nil>");
    assert_eq!(text(sprintln(&ctx, args)), "a 1 2 a <nil>\n");
}

#[test]
fn structs_pointers_slices_and_maps_print_like_go() {
    let vm = vm();
    let ctx = NativeCtx {
        vm: &vm,
        goroutine: 1,
    };
    let p = point(&ctx, 1, 2);
    let ints = heapval::new_slice(&ctx, &[3, 1], false);
    let mut map = minigo_vm::map::MapTable::new(minigo_vm::map::KeyKind::String, true, false);
    // SAFETY: the keys are live strings of this heap, matching the table's key kind.
    unsafe {
        map.set(heapval::new_string(&ctx, b"b"), 2, &vm.program);
        map.set(heapval::new_string(&ctx, b"a"), 1, &vm.program);
    }
    let m = ctx.heap().alloc_map(MAP_STR_INT, map);
    let args = heapval::new_slice(
        &ctx,
        &[
            boxed(&ctx, POINT, p),
            boxed(&ctx, PTR_POINT, p),
            boxed(&ctx, SLICE_INT, ints),
            boxed(&ctx, MAP_STR_INT, m),
        ],
        true,
    );
    let format = heapval::new_string(&ctx, b"%[1]v %+[1]v %#[1]v|%[2]v|%[3]v %[3]d|%[4]v %[4]T");
    let (out, wrapped) = sprintf(&ctx, format, args, false);
    assert!(wrapped.is_empty());
    assert_eq!(
        text(out),
        "{1 2} {X:1 Y:2} main.P{X:1, Y:2}|&{1 2}|[3 1] [3 1]|map[a:1 b:2] map[string]int"
    );
}

#[test]
fn bad_verbs_and_extra_operands_are_reported_inline() {
    let vm = vm();
    let ctx = NativeCtx {
        vm: &vm,
        goroutine: 1,
    };
    let hi = boxed(&ctx, STRING, heapval::new_string(&ctx, b"hi"));
    let f = boxed(&ctx, FLOAT, 2.5f64.to_bits());
    let args = heapval::new_slice(&ctx, &[hi, f, boxed(&ctx, INT, 3)], true);
    let format = heapval::new_string(&ctx, b"%d %x");
    let (out, _) = sprintf(&ctx, format, args, false);
    assert_eq!(text(out), "%!d(string=hi) 0x1.4p+01%!(EXTRA int=3)");
}

#[test]
fn percent_w_wraps_only_under_errorf() {
    let vm = vm();
    let ctx = NativeCtx {
        vm: &vm,
        goroutine: 1,
    };
    let args = heapval::new_slice(&ctx, &[boxed(&ctx, INT, 3)], true);
    let format = heapval::new_string(&ctx, b"%w");
    assert_eq!(text(sprintf(&ctx, format, args, false).0), "%!w(int=3)");
    let (out, wrapped) = sprintf(&ctx, format, args, true);
    assert_eq!(
        (text(out).as_str(), wrapped.as_slice()),
        ("%!w(int=3)", &[0][..])
    );
}
