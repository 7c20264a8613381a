//! Tests of assignability, convertibility and interface implementation, with Go's
//! reasons checked word for word.

use super::*;
use crate::check::testkit::Kit;

fn assign(kit: &mut Kit, value: TypeId, target: TypeId) -> Result<(), NotAssignable> {
    assignable(&mut kit.types, &kit.objects, value, target)
}

fn convert(kit: &mut Kit, value: TypeId, target: TypeId) -> bool {
    convertible(&mut kit.types, &kit.objects, value, target)
}

fn why_not(kit: &mut Kit, ty: TypeId, iface: TypeId) -> String {
    match implements(&mut kit.types, &kit.objects, ty, iface) {
        Ok(()) => "implements".to_string(),
        Err(missing) => missing.cause(&kit.fmt(), ty),
    }
}

/// `type Shape interface{ Area() float64; Name() string }`.
fn shape(kit: &mut Kit) -> TypeId {
    let area = kit.sig(&[], &[TypeId::FLOAT64]);
    let name = kit.sig(&[], &[TypeId::STRING]);
    let iface = kit.iface(&[("Area", area), ("Name", name)]);
    kit.named("Shape", iface)
}

#[test]
fn identical_and_invalid_types_are_assignable() {
    let mut kit = Kit::new();
    let my_int = kit.named("MyInt", TypeId::INT);
    assert_eq!(assign(&mut kit, my_int, my_int), Ok(()));
    assert_eq!(assign(&mut kit, TypeId::INVALID, TypeId::STRING), Ok(()));
    assert_eq!(assign(&mut kit, TypeId::STRING, TypeId::INVALID), Ok(()));
    assert_eq!(
        assign(&mut kit, TypeId::INT, TypeId::STRING),
        Err(NotAssignable::Mismatch)
    );
    assert_eq!(
        assign(&mut kit, my_int, TypeId::INT),
        Err(NotAssignable::Mismatch)
    );
    assert_eq!(
        assign(&mut kit, TypeId::INT, my_int),
        Err(NotAssignable::Mismatch)
    );
}

#[test]
fn identical_underlying_types_need_one_unnamed_side() {
    let mut kit = Kit::new();
    let ints = kit.types.slice(TypeId::INT);
    let list = kit.named("List", ints);
    let other = kit.named("Other", ints);
    assert_eq!(assign(&mut kit, ints, list), Ok(()));
    assert_eq!(assign(&mut kit, list, ints), Ok(()));
    assert_eq!(assign(&mut kit, list, other), Err(NotAssignable::Mismatch));
}

#[test]
fn bidirectional_channels_assign_to_directional_ones() {
    let mut kit = Kit::new();
    let both = kit.types.chan(ChanDir::Both, TypeId::INT);
    let recv = kit.types.chan(ChanDir::Recv, TypeId::INT);
    let send = kit.types.chan(ChanDir::Send, TypeId::INT);
    let other = kit.types.chan(ChanDir::Recv, TypeId::STRING);
    assert_eq!(assign(&mut kit, both, recv), Ok(()));
    assert_eq!(assign(&mut kit, both, send), Ok(()));
    assert!(assign(&mut kit, recv, both).is_err());
    assert!(assign(&mut kit, send, recv).is_err());
    assert!(assign(&mut kit, both, other).is_err());
    let named_recv = kit.named("Source", recv);
    assert_eq!(assign(&mut kit, both, named_recv), Ok(()));
}

#[test]
fn untyped_constants_by_kind() {
    let mut kit = Kit::new();
    let celsius = kit.named("Celsius", TypeId::FLOAT64);
    let any = kit.iface(&[]);
    let shape = shape(&mut kit);
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_INT, celsius), Ok(()));
    assert_eq!(
        assign(&mut kit, TypeId::UNTYPED_FLOAT, TypeId::INT),
        Ok(()),
        "value decides"
    );
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_RUNE, TypeId::BYTE), Ok(()));
    assert_eq!(
        assign(&mut kit, TypeId::UNTYPED_STRING, TypeId::INT),
        Err(NotAssignable::UntypedMismatch)
    );
    assert_eq!(
        assign(&mut kit, TypeId::UNTYPED_BOOL, TypeId::STRING),
        Err(NotAssignable::UntypedMismatch)
    );
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_INT, any), Ok(()));
    assert_eq!(
        assign(&mut kit, TypeId::UNTYPED_INT, shape),
        Err(NotAssignable::UntypedMismatch)
    );
}

#[test]
fn nil_assigns_to_types_with_nil() {
    let mut kit = Kit::new();
    let ptr = kit.types.pointer(TypeId::INT);
    let shape = shape(&mut kit);
    let func = kit.sig(&[], &[]);
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_NIL, ptr), Ok(()));
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_NIL, shape), Ok(()));
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_NIL, func), Ok(()));
    assert_eq!(
        assign(&mut kit, TypeId::UNTYPED_NIL, TypeId::INT),
        Err(NotAssignable::UntypedMismatch)
    );
}

#[test]
fn interfaces_need_every_method() {
    let mut kit = Kit::new();
    let shape = shape(&mut kit);
    let rect_fields = kit.strukt(&[("W", TypeId::FLOAT64)]);
    let rect = kit.named("Rect", rect_fields);
    let area = kit.sig(&[], &[TypeId::FLOAT64]);
    kit.method(rect, "Area", area, false);
    let res = assign(&mut kit, rect, shape);
    let Err(NotAssignable::DoesNotImplement(missing)) = res else {
        unreachable!("Rect lacks Name: {res:?}")
    };
    assert_eq!(missing.reason, MissingReason::Missing);
    let fmt = kit.fmt();
    let cause = NotAssignable::DoesNotImplement(missing).cause(&fmt, rect, shape);
    assert_eq!(
        cause,
        ": Rect does not implement Shape (missing method Name)"
    );
    let name = kit.sig(&[], &[TypeId::STRING]);
    kit.method(rect, "Name", name, false);
    assert_eq!(assign(&mut kit, rect, shape), Ok(()));
}

#[test]
fn pointer_receivers_are_not_in_the_value_method_set() {
    let mut kit = Kit::new();
    let shape = shape(&mut kit);
    let sq_fields = kit.strukt(&[("S", TypeId::FLOAT64)]);
    let square = kit.named("Square", sq_fields);
    let area = kit.sig(&[], &[TypeId::FLOAT64]);
    let name = kit.sig(&[], &[TypeId::STRING]);
    kit.method(square, "Area", area, true);
    kit.method(square, "Name", name, false);
    assert_eq!(
        why_not(&mut kit, square, shape),
        "(method Area has pointer receiver)"
    );
    let ptr = kit.types.pointer(square);
    assert_eq!(why_not(&mut kit, ptr, shape), "implements");
}

#[test]
fn wrong_signatures_and_near_misses_are_explained() {
    let mut kit = Kit::new();
    let shape = shape(&mut kit);
    let odd_fields = kit.strukt(&[]);
    let odd = kit.named("Odd", odd_fields);
    let area_int = kit.sig(&[TypeId::INT], &[]);
    let name = kit.sig(&[], &[TypeId::STRING]);
    kit.method(odd, "Area", area_int, false);
    kit.method(odd, "name", name, false);
    assert_eq!(
        why_not(&mut kit, odd, shape),
        "(wrong type for method Area)\n\t\thave Area(int)\n\t\twant Area() float64"
    );
    let area = kit.sig(&[], &[TypeId::FLOAT64]);
    let fixed_fields = kit.strukt(&[]);
    let fixed = kit.named("Fixed", fixed_fields);
    kit.method(fixed, "Area", area, false);
    kit.method(fixed, "name", name, false);
    assert_eq!(
        why_not(&mut kit, fixed, shape),
        "(missing method Name)\n\t\thave name() string\n\t\twant Name() string"
    );
}

#[test]
fn a_field_is_not_a_method() {
    let mut kit = Kit::new();
    let name_sig = kit.sig(&[], &[TypeId::STRING]);
    let namer = kit.iface(&[("Name", name_sig)]);
    let fields = kit.strukt(&[("Name", TypeId::STRING)]);
    let person = kit.named("Person", fields);
    assert_eq!(
        why_not(&mut kit, person, namer),
        "(Person.Name is a field, not a method)"
    );
}

#[test]
fn pointer_to_interface_is_called_out() {
    let mut kit = Kit::new();
    let shape = shape(&mut kit);
    let ptr = kit.types.pointer(shape);
    assert_eq!(
        why_not(&mut kit, ptr, shape),
        "(type *Shape is pointer to interface, not interface)"
    );
}

#[test]
fn interface_values_need_a_type_assertion() {
    let mut kit = Kit::new();
    let any = kit.iface(&[]);
    let shape = shape(&mut kit);
    assert_eq!(
        assign(&mut kit, any, TypeId::INT),
        Err(NotAssignable::NeedTypeAssertion)
    );
    assert_eq!(assign(&mut kit, shape, any), Ok(()));
    let fmt = kit.fmt();
    assert_eq!(
        NotAssignable::NeedTypeAssertion.cause(&fmt, any, TypeId::INT),
        ": need type assertion"
    );
    assert_eq!(NotAssignable::Mismatch.cause(&fmt, any, TypeId::INT), "");
}

#[test]
fn interfaces_implement_interfaces_with_fewer_methods() {
    let mut kit = Kit::new();
    let shape = shape(&mut kit);
    let name = kit.sig(&[], &[TypeId::STRING]);
    let namer = kit.iface(&[("Name", name)]);
    assert_eq!(assign(&mut kit, shape, namer), Ok(()));
    assert!(matches!(
        assign(&mut kit, namer, shape),
        Err(NotAssignable::DoesNotImplement(_))
    ));
}

#[test]
fn type_parameters_assign_through_their_type_sets() {
    let mut kit = Kit::new();
    let ints = kit.types.slice(TypeId::INT);
    let my_ints = kit.named("MyInts", ints);
    let slices = kit.union(&[(true, ints)]);
    let (s, _) = kit.tparam("S", 0, slices);
    let any = kit.iface(&[]);
    let (t, _) = kit.tparam("T", 1, any);
    assert_eq!(
        assign(&mut kit, ints, s),
        Ok(()),
        "an unnamed []int fits every ~[]int"
    );
    assert!(
        assign(&mut kit, my_ints, s).is_err(),
        "a named type is not assignable to S"
    );
    assert_eq!(assign(&mut kit, s, ints), Ok(()));
    assert_eq!(
        assign(&mut kit, t, any),
        Ok(()),
        "every type implements any"
    );
    assert!(assign(&mut kit, TypeId::INT, t).is_err());
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_NIL, s), Ok(()));
    let nums = kit.union(&[(true, TypeId::INT), (true, TypeId::FLOAT64)]);
    let (n, _) = kit.tparam("N", 2, nums);
    assert_eq!(assign(&mut kit, TypeId::UNTYPED_INT, n), Ok(()));
    assert!(assign(&mut kit, TypeId::UNTYPED_STRING, n).is_err());
    assert!(assign(&mut kit, TypeId::UNTYPED_INT, t).is_err());
}

#[test]
fn numeric_and_string_conversions() {
    let mut kit = Kit::new();
    let celsius = kit.named("Celsius", TypeId::FLOAT64);
    let bytes = kit.types.slice(TypeId::BYTE);
    let runes = kit.types.slice(TypeId::RUNE);
    let ints = kit.types.slice(TypeId::INT);
    let name = kit.named("Name", TypeId::STRING);
    assert!(convert(&mut kit, TypeId::INT, celsius));
    assert!(convert(&mut kit, celsius, TypeId::UINT8));
    assert!(convert(&mut kit, TypeId::INT, TypeId::STRING));
    assert!(convert(&mut kit, bytes, name) && convert(&mut kit, runes, TypeId::STRING));
    assert!(convert(&mut kit, name, bytes) && convert(&mut kit, TypeId::STRING, runes));
    assert!(!convert(&mut kit, ints, TypeId::STRING));
    assert!(!convert(&mut kit, TypeId::STRING, TypeId::INT));
    assert!(!convert(&mut kit, TypeId::FLOAT64, TypeId::STRING));
    assert!(!convert(&mut kit, TypeId::BOOL, TypeId::INT));
    assert!(convert(&mut kit, TypeId::UNTYPED_FLOAT, TypeId::INT));
}

#[test]
fn structural_conversions() {
    let mut kit = Kit::new();
    let point_fields = kit.strukt(&[("X", TypeId::INT)]);
    let point = kit.named("Point", point_fields);
    let vec = kit.named("Vec", point_fields);
    assert!(convert(&mut kit, point, vec) && assign(&mut kit, point, vec).is_err());
    let (pp, pv) = (kit.types.pointer(point), kit.types.pointer(vec));
    assert!(convert(&mut kit, pp, pv));
    let ints = kit.types.slice(TypeId::INT);
    let arr = kit.types.array(4, TypeId::INT);
    let arr_ptr = kit.types.pointer(arr);
    let strs = kit.types.array(4, TypeId::STRING);
    assert!(convert(&mut kit, ints, arr) && convert(&mut kit, ints, arr_ptr));
    assert!(!convert(&mut kit, ints, strs));
}

#[test]
fn conversions_with_type_parameters() {
    let mut kit = Kit::new();
    let nums = kit.union(&[(true, TypeId::INT), (true, TypeId::FLOAT64)]);
    let (n, _) = kit.tparam("N", 0, nums);
    let any = kit.iface(&[]);
    let (t, _) = kit.tparam("T", 1, any);
    assert!(convert(&mut kit, n, TypeId::FLOAT64));
    assert!(convert(&mut kit, TypeId::INT, n));
    assert!(!convert(&mut kit, TypeId::STRING, n));
    assert!(!convert(&mut kit, t, TypeId::INT));
}

#[test]
fn untyped_kind_table() {
    assert!(untyped_kind_fits(Basic::UntypedRune, Basic::Float32));
    assert!(untyped_kind_fits(Basic::UntypedString, Basic::String));
    assert!(!untyped_kind_fits(Basic::UntypedString, Basic::Int));
    assert!(!untyped_kind_fits(Basic::UntypedNil, Basic::Int));
    assert!(untyped_kind_fits(Basic::UntypedBool, Basic::Bool));
}

#[test]
fn go_programs_get_go_reasons() {
    let prog =
        |decls: &str, body: &str| format!("package main\n{decls}\nfunc main() {{ {body} }}\n");
    let cases = [
        (
            prog(
                "type S interface{ Area() float64; Name() string }\ntype R struct{}\nfunc (r R) Area() float64 { return 0 }",
                "var s S = R{}; _ = s",
            ),
            "5:25: cannot use R{} (value of struct type R) as S value in variable declaration: \
             R does not implement S (missing method Name)",
        ),
        (
            prog(
                "type S interface{ Area() float64 }\ntype R struct{}\nfunc (r *R) Area() float64 { return 0 }",
                "var s S = R{}; _ = s",
            ),
            "5:25: cannot use R{} (value of struct type R) as S value in variable declaration: \
             R does not implement S (method Area has pointer receiver)",
        ),
        (
            prog(
                "type S interface{ Area() float64 }\ntype R struct{}\nfunc (r R) Area(x int) float64 { return 0 }",
                "var s S = R{}; _ = s",
            ),
            "5:25: cannot use R{} (value of struct type R) as S value in variable declaration: \
             R does not implement S (wrong type for method Area)\n\t\thave Area(int) float64\n\t\twant Area() float64",
        ),
        (
            prog("", "var x any = 1; var n int = x; _ = n"),
            "3:42: cannot use x (variable of type any) as int value in variable declaration: need type assertion",
        ),
        (
            prog(
                "",
                "ch := make(chan int); var r <-chan int = ch; var s chan int = r; _ = s",
            ),
            "3:77: cannot use r (variable of type <-chan int) as chan int value in variable declaration",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(crate::check::testkit::diagnostics(&src), [want], "{src}");
    }
}

/// Conversions between defined and underlying types, strings and byte/rune slices,
/// numeric types, directional channels, and structs differing only in tags.
#[test]
fn valid_conversions_check_clean() {
    let conversions = r#"package main
type Celsius float64
type Temp interface{ ~float64 }
func Conv[T Temp](t T) T { return t * t }
func main() {
    var c Celsius = 3
    c = Conv(c)
    var b byte = 'a'
    var r rune = 'b'
    s := string(r) + string([]byte{b}) + string(rune(65))
    bs := []byte(s)
    rs := []rune(s)
    var f float32 = float32(len(bs)) + 0.5
    var i8 int8 = int8(f)
    var u uint = uint(i8)
    _, _ = rs, u
    ch := make(chan int, 1)
    var send chan<- int = ch
    var recv <-chan int = ch
    send <- 1
    <-recv
    var e error
    _ = e == nil
    var arr [3]int
    sl := arr[:]
    _ = sl
    type T struct{ A int `json:"a"` }
    type U struct{ A int }
    _ = U(T{1})
}
"#;
    assert_eq!(
        crate::check::testkit::diagnostics(conversions),
        Vec::<String>::new(),
        "conversions"
    );
}
