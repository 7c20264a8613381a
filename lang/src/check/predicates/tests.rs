//! Tests of the type predicates, including type parameters judged by their type sets.

use super::*;
use crate::ast::ChanDir;
use crate::check::testkit::Kit;

#[test]
fn basic_kinds_look_through_defined_types() {
    let mut kit = Kit::new();
    let my_int = kit.named("MyInt", TypeId::INT);
    let name = kit.named("Name", TypeId::STRING);
    let t = &kit.types;
    assert!(is_integer(t, my_int) && is_numeric(t, my_int) && is_ordered(t, my_int));
    assert!(!is_unsigned(t, my_int) && is_unsigned(t, TypeId::UINT8));
    assert!(is_float(t, TypeId::UNTYPED_FLOAT) && !is_float(t, TypeId::UNTYPED_INT));
    assert!(is_string(t, name) && is_ordered(t, name) && !is_numeric(t, name));
    assert!(is_boolean(t, TypeId::UNTYPED_BOOL) && !is_ordered(t, TypeId::BOOL));
    assert!(is_integer(t, TypeId::UNTYPED_RUNE));
}

#[test]
fn invalid_satisfies_nothing_but_is_invalid() {
    let kit = Kit::new();
    let t = &kit.types;
    assert!(is_invalid(t, TypeId::INVALID));
    assert!(!is_integer(t, TypeId::INVALID) && !is_comparable(t, TypeId::INVALID));
    assert!(!has_nil(t, TypeId::INVALID) && !is_interface(t, TypeId::INVALID));
}

#[test]
fn type_parameters_are_judged_by_their_type_set() {
    let mut kit = Kit::new();
    let ints = kit.union(&[(true, TypeId::INT), (true, TypeId::INT64)]);
    let nums = kit.union(&[(true, TypeId::INT), (true, TypeId::FLOAT64)]);
    let any = kit.iface(&[]);
    let (ti, _) = kit.tparam("I", 0, ints);
    let (tn, _) = kit.tparam("N", 1, nums);
    let (ta, _) = kit.tparam("A", 2, any);
    let t = &kit.types;
    assert!(is_integer(t, ti) && is_numeric(t, ti) && is_ordered(t, ti));
    assert!(!is_integer(t, tn) && is_numeric(t, tn));
    assert!(!is_numeric(t, ta) && !is_ordered(t, ta));
    assert!(!is_const_type(t, ti), "a type parameter has no constants");
    assert!(is_type_param(t, ti) && !is_interface(t, ti));
}

#[test]
fn comparability_of_composites() {
    let mut kit = Kit::new();
    let ints = kit.types.slice(TypeId::INT);
    let ok_struct = kit.strukt(&[("A", TypeId::INT), ("B", TypeId::STRING)]);
    let bad_struct = kit.strukt(&[("A", TypeId::INT), ("B", ints)]);
    let ok_array = kit.types.array(2, ok_struct);
    let bad_array = kit.types.array(2, bad_struct);
    let func = kit.sig(&[], &[]);
    let map = kit.types.map(TypeId::INT, TypeId::INT);
    let any = kit.iface(&[]);
    let ch = kit.types.chan(ChanDir::Both, ints);
    let ptr = kit.types.pointer(ints);
    let t = &kit.types;
    assert!(is_comparable(t, ok_struct) && is_comparable(t, ok_array));
    assert!(!is_comparable(t, bad_struct) && !is_comparable(t, bad_array));
    assert!(!is_comparable(t, ints) && !is_comparable(t, func) && !is_comparable(t, map));
    assert!(is_comparable(t, any) && is_comparable(t, ch) && is_comparable(t, ptr));
    assert!(!is_comparable(t, TypeId::UNTYPED_NIL));
}

#[test]
fn comparability_of_type_parameters() {
    let mut kit = Kit::new();
    let comparable = kit.comparable();
    let any = kit.iface(&[]);
    let ints = kit.types.slice(TypeId::INT);
    let with_slice = kit.union(&[(false, TypeId::INT), (false, ints)]);
    let only_basic = kit.union(&[(false, TypeId::INT), (true, TypeId::STRING)]);
    let (tc, _) = kit.tparam("C", 0, comparable);
    let (ta, _) = kit.tparam("A", 1, any);
    let (ts, _) = kit.tparam("S", 2, with_slice);
    let (tb, _) = kit.tparam("B", 3, only_basic);
    let t = &kit.types;
    assert!(is_comparable(t, tc) && is_comparable(t, tb));
    assert!(!is_comparable(t, ta) && !is_comparable(t, ts));
}

#[test]
fn nil_belongs_to_reference_types() {
    let mut kit = Kit::new();
    let ptr = kit.types.pointer(TypeId::INT);
    let slice = kit.types.slice(TypeId::INT);
    let map = kit.types.map(TypeId::INT, TypeId::INT);
    let ch = kit.types.chan(ChanDir::Recv, TypeId::INT);
    let func = kit.sig(&[], &[]);
    let any = kit.iface(&[]);
    let arr = kit.types.array(1, TypeId::INT);
    let strukt = kit.strukt(&[]);
    let t = &kit.types;
    for ty in [ptr, slice, map, ch, func, any, TypeId::UNTYPED_NIL] {
        assert!(has_nil(t, ty), "{ty:?} has nil");
    }
    for ty in [TypeId::INT, TypeId::STRING, arr, strukt] {
        assert!(!has_nil(t, ty), "{ty:?} has no nil");
    }
}

#[test]
fn nil_in_type_parameters_needs_every_term() {
    let mut kit = Kit::new();
    let ints = kit.types.slice(TypeId::INT);
    let strs = kit.types.slice(TypeId::STRING);
    let slices = kit.union(&[(false, ints), (false, strs)]);
    let mixed = kit.union(&[(false, ints), (false, TypeId::INT)]);
    let (a, _) = kit.tparam("A", 0, slices);
    let (b, _) = kit.tparam("B", 1, mixed);
    assert!(has_nil(&kit.types, a) && !has_nil(&kit.types, b));
}

#[test]
fn default_types_of_untyped_constants() {
    let kit = Kit::new();
    let t = &kit.types;
    assert_eq!(default_type(t, TypeId::UNTYPED_INT), TypeId::INT);
    assert_eq!(default_type(t, TypeId::UNTYPED_RUNE), TypeId::RUNE);
    assert_eq!(default_type(t, TypeId::UNTYPED_FLOAT), TypeId::FLOAT64);
    assert_eq!(default_type(t, TypeId::UNTYPED_STRING), TypeId::STRING);
    assert_eq!(default_type(t, TypeId::UNTYPED_BOOL), TypeId::BOOL);
    assert_eq!(default_type(t, TypeId::UNTYPED_NIL), TypeId::UNTYPED_NIL);
    assert_eq!(default_type(t, TypeId::UINT16), TypeId::UINT16);
    assert!(is_untyped(t, TypeId::UNTYPED_NIL) && !is_untyped(t, TypeId::INT));
}

#[test]
fn interfaces_and_their_flattened_form() {
    let mut kit = Kit::new();
    let sig = kit.sig(&[], &[TypeId::STRING]);
    let stringer = kit.iface(&[("String", sig)]);
    let named = kit.named("Stringer", stringer);
    let ptr = kit.types.pointer(named);
    assert!(is_interface(&kit.types, named) && !is_interface(&kit.types, ptr));
    let iface = interface_of(&kit.types, named).map(|i| i.methods.len());
    assert_eq!(iface, Some(1));
    assert!(interface_of(&kit.types, TypeId::INT).is_none());
}

#[test]
fn core_types() {
    let mut kit = Kit::new();
    let my_ints = {
        let s = kit.types.slice(TypeId::INT);
        kit.named("MyInts", s)
    };
    let ints = kit.types.slice(TypeId::INT);
    let same_core = kit.union(&[(true, ints)]);
    let different = kit.union(&[(false, TypeId::INT), (false, TypeId::STRING)]);
    let any = kit.iface(&[]);
    let (a, _) = kit.tparam("A", 0, same_core);
    let (b, _) = kit.tparam("B", 1, different);
    let (c, _) = kit.tparam("C", 2, any);
    let t = &kit.types;
    assert_eq!(core_type(t, my_ints), Some(ints));
    assert_eq!(core_type(t, a), Some(ints));
    assert_eq!(core_type(t, b), None);
    assert_eq!(core_type(t, c), None);
}

#[test]
fn core_type_of_channels_takes_the_restrictive_direction() {
    let mut kit = Kit::new();
    let both = kit.types.chan(ChanDir::Both, TypeId::INT);
    let recv = kit.types.chan(ChanDir::Recv, TypeId::INT);
    let send = kit.types.chan(ChanDir::Send, TypeId::INT);
    let ok = kit.union(&[(false, both), (false, recv)]);
    let bad = kit.union(&[(false, send), (false, recv)]);
    let (a, _) = kit.tparam("A", 0, ok);
    let (b, _) = kit.tparam("B", 1, bad);
    assert_eq!(core_type(&kit.types, a), Some(recv));
    assert_eq!(core_type(&kit.types, b), None);
}

#[test]
fn bytestring_core_type() {
    let mut kit = Kit::new();
    let bytes = kit.types.slice(TypeId::BYTE);
    let both = kit.union(&[(false, bytes), (false, TypeId::STRING)]);
    let (a, _) = kit.tparam("A", 0, both);
    assert_eq!(core_type(&kit.types, a), None);
    assert_eq!(core_string_type(&kit.types, a), Some(TypeId::STRING));
}

#[test]
fn identity_ignoring_tags() {
    let mut kit = Kit::new();
    let plain = kit.strukt(&[("A", TypeId::INT)]);
    let mut fields = match kit.types.get(plain) {
        Type::Struct(f) => f.clone(),
        _ => unreachable!("a struct"),
    };
    fields[0].tag = Some("x".into());
    let tagged = kit.types.intern(Type::Struct(fields));
    let other = kit.strukt(&[("B", TypeId::INT)]);
    assert!(!identical(plain, tagged));
    assert!(identical_ignore_tags(&kit.types, plain, tagged));
    assert!(!identical_ignore_tags(&kit.types, plain, other));
}
