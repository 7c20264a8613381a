//! Tests of map key equality: words, floats, strings, interfaces, and struct and array keys
//! compared by contents.

use super::*;
use crate::heap::Heap;
use crate::heap::object::{NO_ITAB, store_slot};
use crate::program::{FieldDesc, TypeDesc, TypeKind};

const INT: TypeIdx = TypeIdx(0);
const STRING: TypeIdx = TypeIdx(1);
const PAIR: TypeIdx = TypeIdx(2);
const GRID: TypeIdx = TypeIdx(3);

/// Types `int`, `string`, `struct{a int; b string}` and `[2]pair`.
fn program() -> Program {
    let mut pair = TypeDesc::scalar("main.pair", TypeKind::Struct { n_fields: 2 });
    pair.fields = vec![
        FieldDesc {
            name: "a".into(),
            ty: INT,
        },
        FieldDesc {
            name: "b".into(),
            ty: STRING,
        },
    ];
    let types = vec![
        TypeDesc::scalar("int", TypeKind::Int(64)),
        TypeDesc::scalar("string", TypeKind::String),
        pair,
        TypeDesc::scalar("[2]main.pair", TypeKind::Array { elem: PAIR, len: 2 }),
    ];
    Program {
        types,
        ..Program::default()
    }
}

/// A fresh `pair{a, b}` object.
fn pair(heap: &Heap, a: u64, b: &str) -> u64 {
    let obj = heap.alloc_words(u32::from(PAIR.0), 2);
    // SAFETY: `obj` is a fresh two-word object.
    unsafe {
        store_slot(obj, 0, a);
        store_slot(obj, 1, heap.alloc_string(b.as_bytes()));
    }
    obj as u64
}

/// A fresh `[2]pair{x, y}` object.
fn grid(heap: &Heap, x: u64, y: u64) -> u64 {
    let obj = heap.alloc_words(u32::from(GRID.0), 2);
    // SAFETY: `obj` is a fresh two-word object.
    unsafe {
        store_slot(obj, 0, x);
        store_slot(obj, 1, y);
    }
    obj as u64
}

#[test]
fn struct_keys_compare_by_fields_not_by_address() {
    let (heap, program) = (Heap::new(None), program());
    let mut t = MapTable::new(KeyKind::Composite(PAIR), true, false);
    // SAFETY: every key is a live `pair` of this heap.
    unsafe {
        t.set(pair(&heap, 1, "x"), 10, &program);
        t.set(pair(&heap, 1, "x"), 11, &program);
        assert_eq!(t.get(pair(&heap, 1, "x"), &program), Some(11));
        assert_eq!(t.get(pair(&heap, 1, "y"), &program), None);
        assert_eq!(t.get(pair(&heap, 2, "x"), &program), None);
        // A zero struct that was never allocated equals an allocated zero struct.
        t.set(0, 5, &program);
        assert_eq!(t.get(pair(&heap, 0, ""), &program), Some(5));
        t.delete(pair(&heap, 1, "x"), &program);
    }
    assert_eq!(t.len(), 1);
}

#[test]
fn array_keys_of_structs_compare_by_elements() {
    let (heap, program) = (Heap::new(None), program());
    let mut t = MapTable::new(KeyKind::Composite(GRID), true, false);
    let key = |a: u64| grid(&heap, pair(&heap, a, "p"), pair(&heap, 7, "q"));
    // SAFETY: every key is a live `[2]pair` of this heap.
    unsafe {
        t.set(key(1), 1, &program);
        t.set(key(2), 2, &program);
        assert_eq!(t.get(key(1), &program), Some(1));
        assert_eq!(t.get(key(2), &program), Some(2));
        assert_eq!(t.get(key(3), &program), None);
    }
}

#[test]
fn interface_keys_holding_structs_compare_by_type_and_fields() {
    let (heap, program) = (Heap::new(None), program());
    let mut t = MapTable::new(KeyKind::Iface, true, false);
    let boxed = |a: u64| heap.alloc_iface(PAIR.0, NO_ITAB, pair(&heap, a, "s"));
    let text = |s: &str| heap.alloc_iface(STRING.0, NO_ITAB, heap.alloc_string(s.as_bytes()));
    // SAFETY: every key is 0 or a live interface box of this heap.
    unsafe {
        t.set(boxed(1), 1, &program);
        t.set(text("s"), 2, &program);
        t.set(0, 3, &program);
        assert_eq!(t.get(boxed(1), &program), Some(1));
        assert_eq!(t.get(boxed(2), &program), None);
        assert_eq!(t.get(text("s"), &program), Some(2));
        assert_eq!(t.get(0, &program), Some(3));
    }
}

#[test]
fn a_deep_copy_does_not_change_with_the_original() {
    let (heap, program) = (Heap::new(None), program());
    let inner = pair(&heap, 1, "a");
    let original = grid(&heap, inner, pair(&heap, 2, "b"));
    // SAFETY: `original` is a live `[2]pair`.
    let copy = unsafe { deep_copy(&heap, &program, GRID, original) };
    // SAFETY: `inner` is a live two-word object.
    unsafe { store_slot(inner as *const crate::heap::object::Header, 0, 99) };
    let mut t = MapTable::new(KeyKind::Composite(GRID), true, false);
    // SAFETY: both keys are live `[2]pair`s.
    unsafe {
        t.set(copy, 1, &program);
        assert_eq!(t.get(original, &program), None);
        let again = grid(&heap, pair(&heap, 1, "a"), pair(&heap, 2, "b"));
        assert_eq!(t.get(again, &program), Some(1));
    }
}

#[test]
fn float_zero_keys_are_one_key() {
    let mut t = MapTable::new(KeyKind::Float, false, false);
    // SAFETY: float keys are plain words.
    unsafe {
        t.set(0.0f64.to_bits(), 1, &Program::default());
        t.set((-0.0f64).to_bits(), 2, &Program::default());
        assert_eq!(t.get(0.0f64.to_bits(), &Program::default()), Some(2));
    }
    assert_eq!(t.len(), 1);
}

#[test]
fn delete_removes_only_its_key() {
    let mut t = MapTable::new(KeyKind::Word, false, false);
    // SAFETY: word keys are plain words.
    unsafe {
        let program = Program::default();
        t.set(1, 10, &program);
        t.set(2, 20, &program);
        t.delete(1, &program);
        assert_eq!(t.get(1, &program), None);
        assert_eq!(t.get(2, &program), Some(20));
    }
}
