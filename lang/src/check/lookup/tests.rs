//! Tests of field and method lookup: depth rules, ambiguity, pointers, instances and
//! method sets.

use super::*;
use crate::check::generic;
use crate::check::testkit::{Kit, MAIN, SYNC};

fn find(kit: &mut Kit, ty: TypeId, addressable: bool, name: &str) -> LookupResult {
    lookup_field_or_method(
        &mut kit.types,
        &kit.objects,
        ty,
        addressable,
        Some(MAIN),
        name,
    )
}

fn found(res: LookupResult) -> Found {
    match res {
        LookupResult::Found(found) => found,
        other => unreachable!("expected a hit, got {other:?}"),
    }
}

/// `type Point struct{X, Y int}` with `func (p Point) Len() int` and
/// `func (p *Point) Scale(int)`.
fn point(kit: &mut Kit) -> TypeId {
    let fields = kit.strukt(&[("X", TypeId::INT), ("Y", TypeId::INT)]);
    let point = kit.named("Point", fields);
    let len = kit.sig(&[], &[TypeId::INT]);
    let scale = kit.sig(&[TypeId::INT], &[]);
    kit.method(point, "Len", len, false);
    kit.method(point, "Scale", scale, true);
    point
}

#[test]
fn direct_fields_and_methods() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    let y = found(find(&mut kit, point, false, "Y"));
    assert_eq!(
        (y.kind, y.path.as_slice(), y.indirect, y.ty),
        (FoundKind::Field, &[1][..], false, TypeId::INT)
    );
    let len = found(find(&mut kit, point, false, "Len"));
    assert_eq!(len.kind, FoundKind::Method { ptr_recv: false });
    assert_eq!(kit.show(len.ty), "func() int");
    assert_eq!(find(&mut kit, point, false, "Z"), LookupResult::NotFound);
}

#[test]
fn pointer_methods_need_an_addressable_operand_or_a_pointer() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    assert!(matches!(
        find(&mut kit, point, false, "Scale"),
        LookupResult::NotAddressable(_)
    ));
    let on_var = found(find(&mut kit, point, true, "Scale"));
    assert_eq!(on_var.kind, FoundKind::Method { ptr_recv: true });
    let ptr = kit.types.pointer(point);
    let on_ptr = found(find(&mut kit, ptr, false, "Scale"));
    assert!(on_ptr.indirect);
    let field_via_ptr = found(find(&mut kit, ptr, false, "X"));
    assert!(field_via_ptr.indirect);
}

#[test]
fn promoted_fields_and_methods_record_their_path() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    let circle_fields = kit.strukt(&[("R", TypeId::INT), ("", point)]);
    let circle = kit.named("Circle", circle_fields);
    let x = found(find(&mut kit, circle, false, "X"));
    assert_eq!((x.path, x.indirect), (vec![1, 0], false));
    let len = found(find(&mut kit, circle, false, "Len"));
    assert_eq!(len.path, vec![1, 0]);
    let ptr_point = kit.types.pointer(point);
    let wheel_fields = kit.strukt(&[("", ptr_point)]);
    let wheel = kit.named("Wheel", wheel_fields);
    let scale = found(find(&mut kit, wheel, false, "Scale"));
    assert!(
        scale.indirect,
        "an embedded pointer makes pointer methods reachable"
    );
}

#[test]
fn shallower_names_shadow_deeper_ones() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    let outer_fields = kit.strukt(&[("", point), ("X", TypeId::STRING)]);
    let outer = kit.named("Outer", outer_fields);
    let x = found(find(&mut kit, outer, false, "X"));
    assert_eq!((x.path, x.ty), (vec![1], TypeId::STRING));
}

#[test]
fn two_names_at_one_depth_are_ambiguous() {
    let mut kit = Kit::new();
    let a_fields = kit.strukt(&[("N", TypeId::INT)]);
    let a = kit.named("A", a_fields);
    let b_fields = kit.strukt(&[("N", TypeId::INT)]);
    let b = kit.named("B", b_fields);
    let both_fields = kit.strukt(&[("", a), ("", b)]);
    let both = kit.named("Both", both_fields);
    assert_eq!(find(&mut kit, both, false, "N"), LookupResult::Ambiguous);
    // One level up the field is unique again.
    let top_fields = kit.strukt(&[("", both), ("N", TypeId::BOOL)]);
    let top = kit.named("Top", top_fields);
    assert_eq!(found(find(&mut kit, top, false, "N")).ty, TypeId::BOOL);
}

#[test]
fn one_type_reached_twice_at_one_depth_is_ambiguous() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    let a_fields = kit.strukt(&[("", point)]);
    let a = kit.named("A", a_fields);
    let b_fields = kit.strukt(&[("", point)]);
    let b = kit.named("B", b_fields);
    let both_fields = kit.strukt(&[("", a), ("", b)]);
    let both = kit.named("Both", both_fields);
    assert_eq!(find(&mut kit, both, false, "X"), LookupResult::Ambiguous);
}

#[test]
fn recursive_embedding_terminates() {
    let mut kit = Kit::new();
    let node = kit.named("Node", TypeId::INVALID);
    let ptr = kit.types.pointer(node);
    let fields = kit.strukt(&[("", ptr), ("V", TypeId::INT)]);
    kit.set_underlying(node, fields);
    assert_eq!(
        find(&mut kit, node, false, "Missing"),
        LookupResult::NotFound
    );
    assert_eq!(found(find(&mut kit, node, false, "V")).path, vec![1]);
}

#[test]
fn interface_methods_directly_and_embedded() {
    let mut kit = Kit::new();
    let sig = kit.sig(&[], &[TypeId::STRING]);
    let stringer_iface = kit.iface(&[("String", sig)]);
    let stringer = kit.named("Stringer", stringer_iface);
    let hit = found(find(&mut kit, stringer, false, "String"));
    assert_eq!(hit.kind, FoundKind::InterfaceMethod);
    let holder_fields = kit.strukt(&[("", stringer)]);
    let holder = kit.named("Holder", holder_fields);
    let promoted = found(find(&mut kit, holder, false, "String"));
    assert_eq!(
        (promoted.kind, promoted.path),
        (FoundKind::InterfaceMethod, vec![0, 0])
    );
    let ptr = kit.types.pointer(stringer);
    assert_eq!(find(&mut kit, ptr, false, "String"), LookupResult::NotFound);
}

#[test]
fn unexported_names_match_only_in_their_package() {
    let mut kit = Kit::new();
    let fields = kit.strukt(&[("state", TypeId::INT)]);
    let wg = kit.named_in(SYNC, "WaitGroup", fields);
    // The field object was made in `main` by the kit; move it to `sync`.
    if let Type::Struct(fields) = kit.types.get(fields) {
        let obj = fields[0].obj;
        kit.objects.get_mut(obj).pkg = Some(SYNC);
    }
    assert_eq!(find(&mut kit, wg, false, "state"), LookupResult::NotFound);
    let from_sync =
        lookup_field_or_method(&mut kit.types, &kit.objects, wg, false, Some(SYNC), "state");
    assert!(matches!(from_sync, LookupResult::Found(_)));
}

#[test]
fn type_parameters_have_their_constraint_methods() {
    let mut kit = Kit::new();
    let sig = kit.sig(&[], &[TypeId::STRING]);
    let stringer = kit.iface(&[("String", sig)]);
    let (t, _) = kit.tparam("T", 0, stringer);
    let hit = found(find(&mut kit, t, false, "String"));
    assert_eq!((hit.kind, hit.ty), (FoundKind::InterfaceMethod, sig));
    let ptr = kit.types.pointer(t);
    assert_eq!(find(&mut kit, ptr, false, "String"), LookupResult::NotFound);
}

#[test]
fn methods_of_instances_have_substituted_signatures() {
    let mut kit = Kit::new();
    let (stack, params, _) = kit.generic("Stack", &["T"]);
    let items = kit.types.slice(params[0]);
    let fields = kit.strukt(&[("items", items)]);
    kit.set_underlying(stack, fields);
    let push = kit.sig(&[params[0]], &[]);
    kit.method(stack, "Push", push, true);
    let origin = generic::named_id(&kit.types, stack).expect("named");
    let inst = generic::instantiate_named(&mut kit.types, origin, vec![TypeId::STRING]);
    let hit = found(find(&mut kit, inst, true, "Push"));
    assert_eq!(kit.show(hit.ty), "func(string)");
    let field = found(find(&mut kit, inst, false, "items"));
    assert_eq!(kit.show(field.ty), "[]string");
    // A method declared after the instance was made is still found.
    let len = kit.sig(&[], &[TypeId::INT]);
    kit.method(stack, "Len", len, false);
    assert!(matches!(
        find(&mut kit, inst, false, "Len"),
        LookupResult::Found(_)
    ));
}

#[test]
fn method_sets_of_values_and_pointers() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    let names = |set: Vec<MethodSetEntry>| {
        set.into_iter()
            .map(|e| e.name.to_string())
            .collect::<Vec<_>>()
    };
    let value_set = method_set(&mut kit.types, &kit.objects, point);
    assert_eq!(names(value_set), ["Len"]);
    let ptr = kit.types.pointer(point);
    let ptr_set = method_set(&mut kit.types, &kit.objects, ptr);
    assert_eq!(names(ptr_set), ["Len", "Scale"]);
    let ptr_point = kit.types.pointer(point);
    let wheel_fields = kit.strukt(&[("", ptr_point)]);
    let wheel = kit.named("Wheel", wheel_fields);
    let wheel_set = method_set(&mut kit.types, &kit.objects, wheel);
    assert_eq!(names(wheel_set), ["Len", "Scale"]);
}

#[test]
fn deref_only_strips_one_pointer() {
    let mut kit = Kit::new();
    let p = kit.types.pointer(TypeId::INT);
    let pp = kit.types.pointer(p);
    assert_eq!(deref(&kit.types, pp), (p, true));
    assert_eq!(deref(&kit.types, TypeId::INT), (TypeId::INT, false));
}

#[test]
fn go_programs_select_through_embedding() {
    let ok = "package main\ntype P struct{ X int }\nfunc (p *P) Inc() { p.X++ }\ntype W struct{ *P; Y int }\n\
              func main() { w := W{&P{}, 1}; w.Inc(); w.X = w.Y; var v W; v.Inc() }\n";
    assert_eq!(crate::check::testkit::diagnostics(ok), Vec::<String>::new());
    let ambiguous = "package main\ntype A struct{ N int }\ntype B struct{ N int }\ntype C struct{ A; B }\n\
                     func main() { var c C; _ = c.N }\n";
    assert_eq!(
        crate::check::testkit::diagnostics(ambiguous),
        ["5:30: ambiguous selector c.N"]
    );
    let missing = "package main\ntype P struct{ X int }\nfunc main() { var p P; p.y = 1 }\n";
    assert_eq!(
        crate::check::testkit::diagnostics(missing),
        ["3:26: p.y undefined (type P has no field or method y)"]
    );
}

/// Embedded interfaces, promoted methods through pointer and value embedding, method
/// expressions and values, type switches.
#[test]
fn valid_method_programs_check_clean() {
    let methods = r#"package main
type Shape interface { Area() float64 }
type Named interface { Shape; Name() string }
type Sq struct{ s float64 }
func (q Sq) Area() float64 { return q.s * q.s }
func (q *Sq) Name() string { return "sq" }
type Base struct{ id int }
func (b *Base) ID() int { return b.id }
type Derived struct { Base; Sq }
func main() {
    var n Named = &Sq{1}
    var s Shape = n
    _ = s
    d := Derived{}
    _ = d.ID()
    _ = d.Area()
    var nn Named = &d
    _ = nn
    f := (*Sq).Name
    g := Sq.Area
    _, _ = f(&Sq{}), g(Sq{})
    h := d.Area
    _ = h()
    switch v := s.(type) { case Sq: _ = v; case *Sq: _ = v; case Named: _ = v.Name() }
}
"#;
    assert_eq!(
        crate::check::testkit::diagnostics(methods),
        Vec::<String>::new(),
        "methods"
    );
}

#[test]
fn receivers_are_adjusted_like_go() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    let ptr = kit.types.pointer(point);
    let wheel_fields = kit.strukt(&[("", ptr)]);
    let wheel = kit.named("Wheel", wheel_fields);
    let circle_fields = kit.strukt(&[("R", TypeId::INT), ("", point)]);
    let circle = kit.named("Circle", circle_fields);
    let adjust = |kit: &mut Kit, ty: TypeId, name: &str| {
        let found = found(find(kit, ty, true, name));
        let kind = if found.kind == FoundKind::Field {
            SelectionKind::Field
        } else {
            SelectionKind::Method
        };
        let sel = Selection {
            kind,
            path: found.path,
            indirect: found.indirect,
            obj: found.obj,
            ty: found.ty,
        };
        receiver_adjustment(&kit.types, &kit.objects, ty, &sel)
    };
    assert_eq!(adjust(&mut kit, point, "Scale"), ReceiverAdjust::AddressOf);
    assert_eq!(adjust(&mut kit, point, "Len"), ReceiverAdjust::AsIs);
    assert_eq!(adjust(&mut kit, ptr, "Len"), ReceiverAdjust::Deref);
    assert_eq!(adjust(&mut kit, ptr, "Scale"), ReceiverAdjust::AsIs);
    assert_eq!(
        adjust(&mut kit, wheel, "Scale"),
        ReceiverAdjust::AsIs,
        "the embedded field is a pointer"
    );
    assert_eq!(adjust(&mut kit, wheel, "Len"), ReceiverAdjust::Deref);
    assert_eq!(adjust(&mut kit, circle, "Scale"), ReceiverAdjust::AddressOf);
    assert_eq!(
        adjust(&mut kit, circle, "X"),
        ReceiverAdjust::AsIs,
        "fields are not receivers"
    );
}

#[test]
fn defined_pointer_types_select_fields_but_no_methods() {
    let mut kit = Kit::new();
    let point = point(&mut kit);
    let ptr = kit.types.pointer(point);
    let defined = kit.named("PointPtr", ptr);
    let x = found(find(&mut kit, defined, false, "X"));
    assert!(x.indirect);
    assert_eq!(find(&mut kit, defined, true, "Len"), LookupResult::NotFound);
    assert_eq!(
        find(&mut kit, defined, true, "Scale"),
        LookupResult::NotFound
    );
}
