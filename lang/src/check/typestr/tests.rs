//! Tests of type printing: every kind of type in both of Go's styles.

use super::*;
use crate::check::testkit::{Kit, SYNC, package_name};
use crate::check::types::Term;

fn reflect(kit: &Kit, ty: TypeId) -> String {
    TypeFmt::reflect(&kit.types, &kit.objects, &package_name).type_str(ty)
}

#[test]
fn basic_and_untyped_types_use_go_names() {
    let kit = Kit::new();
    assert_eq!(kit.show(TypeId::INT), "int");
    assert_eq!(kit.show(TypeId::BYTE), "uint8");
    assert_eq!(kit.show(TypeId::RUNE), "int32");
    assert_eq!(kit.show(TypeId::UNTYPED_INT), "untyped int");
    assert_eq!(kit.show(TypeId::UNTYPED_NIL), "untyped nil");
    assert_eq!(kit.show(TypeId::INVALID), "invalid type");
}

#[test]
fn composite_types_in_message_style() {
    let mut kit = Kit::new();
    let slice = kit.types.slice(TypeId::STRING);
    let map = kit.types.map(TypeId::STRING, slice);
    let arr = kit.types.array(3, TypeId::INT);
    let ptr = kit.types.pointer(arr);
    assert_eq!(kit.show(map), "map[string][]string");
    assert_eq!(kit.show(ptr), "*[3]int");
    let tuple = kit.types.tuple(vec![TypeId::INT, TypeId::BOOL]);
    assert_eq!(kit.show(tuple), "(int, bool)");
}

#[test]
fn channel_directions_and_nested_receive_channel() {
    let mut kit = Kit::new();
    let both = kit.types.chan(ChanDir::Both, TypeId::INT);
    let send = kit.types.chan(ChanDir::Send, TypeId::INT);
    let recv = kit.types.chan(ChanDir::Recv, TypeId::INT);
    let chan_of_recv = kit.types.chan(ChanDir::Both, recv);
    let send_of_recv = kit.types.chan(ChanDir::Send, recv);
    assert_eq!(kit.show(both), "chan int");
    assert_eq!(kit.show(send), "chan<- int");
    assert_eq!(kit.show(recv), "<-chan int");
    assert_eq!(kit.show(chan_of_recv), "chan (<-chan int)");
    assert_eq!(kit.show(send_of_recv), "chan<- <-chan int");
}

#[test]
fn signatures_print_variadics_and_result_lists() {
    let mut kit = Kit::new();
    let error = kit.named_in(SYNC, "Err", TypeId::STRING);
    let one = kit.sig(&[TypeId::INT], &[TypeId::STRING]);
    let none = kit.sig(&[], &[]);
    let ints = kit.types.slice(TypeId::INT);
    let var = kit.variadic_sig(&[TypeId::STRING, ints], &[TypeId::INT, error]);
    assert_eq!(kit.show(one), "func(int) string");
    assert_eq!(kit.show(none), "func()");
    assert_eq!(kit.show(var), "func(string, ...int) (int, sync.Err)");
    assert_eq!(kit.fmt().method_str("M", one), "M(int) string");
    assert_eq!(kit.fmt().method_str("Do", none), "Do()");
}

#[test]
fn named_types_are_bare_in_the_current_package_and_qualified_elsewhere() {
    let mut kit = Kit::new();
    let celsius = kit.named("Celsius", TypeId::FLOAT64);
    let wg = kit.named_in(SYNC, "WaitGroup", TypeId::INT);
    let ptr = kit.types.pointer(wg);
    assert_eq!(kit.show(celsius), "Celsius");
    assert_eq!(kit.show(ptr), "*sync.WaitGroup");
    assert_eq!(reflect(&kit, celsius), "main.Celsius");
    assert_eq!(reflect(&kit, ptr), "*sync.WaitGroup");
}

#[test]
fn structs_in_both_styles() {
    let mut kit = Kit::new();
    let empty = kit.strukt(&[]);
    let point = kit.strukt(&[("X", TypeId::INT), ("Y", TypeId::STRING)]);
    assert_eq!(kit.show(empty), "struct{}");
    assert_eq!(kit.show(point), "struct{X int; Y string}");
    assert_eq!(reflect(&kit, empty), "struct {}");
    assert_eq!(reflect(&kit, point), "struct { X int; Y string }");
    let inner = kit.named("Inner", point);
    let outer = kit.strukt(&[("", inner), ("n", TypeId::INT)]);
    assert_eq!(kit.show(outer), "struct{Inner; n int}");
}

#[test]
fn struct_tags_are_quoted() {
    let mut kit = Kit::new();
    let plain = kit.strukt(&[("A", TypeId::INT)]);
    let mut fields = match kit.types.get(plain) {
        Type::Struct(fields) => fields.clone(),
        _ => unreachable!("a struct"),
    };
    fields[0].tag = Some("json:\"a\"".to_string());
    let tagged = kit.types.intern(Type::Struct(fields));
    assert_eq!(kit.show(tagged), "struct{A int \"json:\\\"a\\\"\"}");
}

#[test]
fn interfaces_in_both_styles() {
    let mut kit = Kit::new();
    let any = kit.iface(&[]);
    assert_eq!(kit.show(any), "any");
    assert_eq!(reflect(&kit, any), "interface {}");
    let slice = kit.types.slice(any);
    assert_eq!(reflect(&kit, slice), "[]interface {}");
    let string_sig = kit.sig(&[], &[TypeId::STRING]);
    let unit = kit.sig(&[], &[]);
    let stringer = kit.iface(&[("String", string_sig), ("Close", unit)]);
    assert_eq!(kit.show(stringer), "interface{Close(); String() string}");
    assert_eq!(
        reflect(&kit, stringer),
        "interface { Close(); String() string }"
    );
}

#[test]
fn constraint_interfaces_show_terms_and_comparable() {
    let mut kit = Kit::new();
    let number = kit.union(&[(true, TypeId::INT), (true, TypeId::FLOAT64)]);
    assert_eq!(kit.show(number), "interface{~int | ~float64}");
    let comparable = kit.comparable();
    assert_eq!(kit.show(comparable), "interface{comparable}");
    let terms = [
        Term {
            tilde: false,
            ty: TypeId::STRING,
        },
        Term {
            tilde: true,
            ty: TypeId::INT8,
        },
    ];
    assert_eq!(kit.fmt().terms_str(&terms), "string | ~int8");
}

#[test]
fn instances_and_type_parameters() {
    let mut kit = Kit::new();
    let (pair, params, _) = kit.generic("Pair", &["K", "V"]);
    let fields = kit.strukt(&[("Key", params[0]), ("Val", params[1])]);
    kit.set_underlying(pair, fields);
    let Type::Named(origin) = *kit.types.get(pair) else {
        unreachable!("named")
    };
    let inst = crate::check::generic::instantiate_named(
        &mut kit.types,
        origin,
        vec![TypeId::INT, TypeId::BOOL],
    );
    assert_eq!(kit.show(inst), "Pair[int,bool]");
    assert_eq!(reflect(&kit, inst), "main.Pair[int,bool]");
    assert_eq!(kit.show(params[0]), "K");
    let slice_of_k = kit.types.slice(params[0]);
    assert_eq!(kit.show(slice_of_k), "[]K");
}

#[test]
fn type_lists() {
    let kit = Kit::new();
    assert_eq!(
        kit.fmt().type_list_str(&[TypeId::INT, TypeId::STRING]),
        "int, string"
    );
    assert_eq!(kit.fmt().type_list_str(&[]), "");
}

#[test]
fn go_programs_print_types_in_messages() {
    let funcs =
        "package main\nfunc main() { var f func(int) string; var g func(string) int = f; _ = g }\n";
    assert_eq!(
        crate::check::testkit::diagnostics(funcs),
        [
            "2:64: cannot use f (variable of type func(int) string) as func(string) int value in variable declaration"
        ]
    );
    let composite = "package main\nfunc main() { var m map[string][]int; var x struct{ A int; B string } = m; _ = x }\n";
    assert_eq!(
        crate::check::testkit::diagnostics(composite),
        [
            "2:73: cannot use m (variable of type map[string][]int) as struct{A int; B string} value in variable declaration"
        ]
    );
}
