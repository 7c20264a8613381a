//! Tests of interface type sets and constraint satisfaction.

use super::*;
use crate::check::testkit::Kit;

fn term(tilde: bool, ty: TypeId) -> Term {
    Term { tilde, ty }
}

fn satisfy(kit: &mut Kit, targ: TypeId, constraint: TypeId) -> String {
    match satisfies(&mut kit.types, &kit.objects, targ, constraint) {
        Ok(()) => "ok".to_string(),
        Err(why) => why.message(&kit.fmt(), targ, constraint),
    }
}

#[test]
fn unions_drop_terms_that_others_include() {
    let kit = Kit::new();
    let elems = [EmbeddedElem::Union(vec![
        term(false, TypeId::INT),
        term(true, TypeId::INT),
        term(false, TypeId::STRING),
    ])];
    let iface = flatten_interface(&kit.types, Vec::new(), &elems).expect("no methods");
    assert_eq!(
        iface.terms,
        Some(vec![term(true, TypeId::INT), term(false, TypeId::STRING)])
    );
}

#[test]
fn embedded_constraints_intersect() {
    let mut kit = Kit::new();
    let ints = kit.union(&[
        (true, TypeId::INT),
        (true, TypeId::INT64),
        (false, TypeId::STRING),
    ]);
    let my_int = kit.named("MyInt", TypeId::INT);
    let narrow = [
        EmbeddedElem::Interface(ints),
        EmbeddedElem::Union(vec![term(false, my_int), term(true, TypeId::INT64)]),
    ];
    let iface = flatten_interface(&kit.types, Vec::new(), &narrow).expect("no methods");
    assert_eq!(
        iface.terms,
        Some(vec![term(false, my_int), term(true, TypeId::INT64)])
    );
    let disjoint = [
        EmbeddedElem::Interface(ints),
        EmbeddedElem::Union(vec![term(false, TypeId::BOOL)]),
    ];
    let empty = flatten_interface(&kit.types, Vec::new(), &disjoint).expect("no methods");
    assert_eq!(empty.terms, Some(Vec::new()), "an empty type set");
}

#[test]
fn union_terms_that_are_constraints_contribute_their_terms() {
    // Max[T IntOrFloat | ~string] from the conformance programs.
    let mut kit = Kit::new();
    let int_or_float = kit.union(&[(true, TypeId::INT), (true, TypeId::FLOAT64)]);
    let named = kit.named("IntOrFloat", int_or_float);
    let elems = [EmbeddedElem::Union(vec![
        term(false, named),
        term(true, TypeId::STRING),
    ])];
    let iface = flatten_interface(&kit.types, Vec::new(), &elems).expect("no methods");
    let terms = iface.terms.expect("restricted");
    assert_eq!(kit.fmt().terms_str(&terms), "~int | ~float64 | ~string");
    let any = kit.iface(&[]);
    let with_any = [EmbeddedElem::Union(vec![
        term(false, any),
        term(false, TypeId::INT),
    ])];
    assert_eq!(
        flatten_interface(&kit.types, Vec::new(), &with_any)
            .expect("ok")
            .terms,
        None
    );
}

#[test]
fn methods_merge_through_embedding_and_conflicts_are_reported() {
    let mut kit = Kit::new();
    let string_sig = kit.sig(&[], &[TypeId::STRING]);
    let int_sig = kit.sig(&[], &[TypeId::INT]);
    let stringer = kit.iface(&[("String", string_sig)]);
    let own = kit.iface_method("Len", int_sig);
    let again = kit.iface_method("String", string_sig);
    let elems = [EmbeddedElem::Interface(stringer)];
    let iface = flatten_interface(&kit.types, vec![own.clone(), again], &elems)
        .expect("same signature twice is fine");
    let names: Vec<&str> = iface.methods.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Len", "String"]);
    let clash = kit.iface_method("String", int_sig);
    let err = flatten_interface(&kit.types, vec![clash], &elems);
    assert_eq!(
        err,
        Err(DuplicateMethod {
            name: "String".into()
        })
    );
}

#[test]
fn comparable_is_kept_and_combines_with_terms() {
    let mut kit = Kit::new();
    let comparable = kit.comparable();
    let elems = [
        EmbeddedElem::Interface(comparable),
        EmbeddedElem::Union(vec![term(true, TypeId::INT)]),
    ];
    let iface = flatten_interface(&kit.types, Vec::new(), &elems).expect("ok");
    assert!(iface.comparable);
    assert_eq!(iface.terms, Some(vec![term(true, TypeId::INT)]));
}

#[test]
fn nothing_satisfies_an_empty_type_set() {
    let mut kit = Kit::new();
    let ints = kit.union(&[(false, TypeId::INT)]);
    let strings = kit.union(&[(false, TypeId::STRING)]);
    let elems = [
        EmbeddedElem::Interface(ints),
        EmbeddedElem::Interface(strings),
    ];
    let empty = flatten_interface(&kit.types, Vec::new(), &elems).expect("ok");
    let empty = kit.types.intern(Type::Interface(empty));
    let named = kit.named("Never", empty);
    assert_eq!(
        satisfy(&mut kit, TypeId::INT, named),
        "cannot satisfy Never (empty type set)"
    );
}

#[test]
fn intersection_of_unrestricted_sets() {
    let kit = Kit::new();
    assert_eq!(intersect_terms(&kit.types, None, None), None);
    let one = Some(vec![term(false, TypeId::INT)]);
    assert_eq!(intersect_terms(&kit.types, None, one.clone()), one);
}

#[test]
fn satisfaction_by_type_set_membership() {
    let mut kit = Kit::new();
    let number_iface = kit.union(&[(true, TypeId::INT), (true, TypeId::FLOAT64)]);
    let number = kit.named("Number", number_iface);
    let my_int = kit.named("MyInt", TypeId::INT);
    assert_eq!(satisfy(&mut kit, TypeId::INT, number), "ok");
    assert_eq!(satisfy(&mut kit, my_int, number), "ok");
    assert_eq!(
        satisfy(&mut kit, TypeId::STRING, number),
        "string does not satisfy Number (string missing in ~int | ~float64)"
    );
    let exact = kit.union(&[(false, TypeId::INT), (false, TypeId::FLOAT64)]);
    let exact_named = kit.named("Exact", exact);
    assert_eq!(
        satisfy(&mut kit, my_int, exact_named),
        "MyInt does not satisfy Exact (possibly missing ~ for int in Exact)"
    );
    assert_eq!(
        satisfy(&mut kit, TypeId::STRING, exact),
        "string does not satisfy int | float64 (string missing in int | float64)"
    );
}

#[test]
fn satisfaction_by_methods() {
    let mut kit = Kit::new();
    let string_sig = kit.sig(&[], &[TypeId::STRING]);
    let stringer_iface = kit.iface(&[("String", string_sig)]);
    let stringer = kit.named("Stringer", stringer_iface);
    let meters = kit.named("Meters", TypeId::FLOAT64);
    assert_eq!(
        satisfy(&mut kit, meters, stringer),
        "Meters does not satisfy Stringer (missing method String)"
    );
    kit.method(meters, "String", string_sig, false);
    assert_eq!(satisfy(&mut kit, meters, stringer), "ok");
    // Both a type set and a method: `~float64; String() string`.
    let method = kit.iface_method("String", string_sig);
    let elems = [EmbeddedElem::Union(vec![term(true, TypeId::FLOAT64)])];
    let both = flatten_interface(&kit.types, vec![method], &elems).expect("ok");
    let both = kit.types.intern(Type::Interface(both));
    assert_eq!(satisfy(&mut kit, meters, both), "ok");
    let celsius = kit.named("Celsius", TypeId::INT);
    kit.method(celsius, "String", string_sig, false);
    assert_eq!(
        satisfy(&mut kit, celsius, both),
        "Celsius does not satisfy interface{String() string; ~float64} (Celsius missing in ~float64)"
    );
}

#[test]
fn satisfaction_of_comparable() {
    let mut kit = Kit::new();
    let comparable = kit.comparable();
    let ints = kit.types.slice(TypeId::INT);
    let any = kit.iface(&[]);
    let key = kit.strukt(&[("A", TypeId::STRING), ("B", TypeId::INT)]);
    assert_eq!(satisfy(&mut kit, key, comparable), "ok");
    assert_eq!(
        satisfy(&mut kit, any, comparable),
        "ok",
        "interfaces satisfy comparable since Go 1.20"
    );
    assert_eq!(
        satisfy(&mut kit, ints, comparable),
        "[]int does not satisfy comparable"
    );
}

#[test]
fn type_parameters_as_type_arguments() {
    let mut kit = Kit::new();
    let number = kit.union(&[(true, TypeId::INT), (true, TypeId::FLOAT64)]);
    let narrow = kit.union(&[(true, TypeId::INT)]);
    let any = kit.iface(&[]);
    let comparable = kit.comparable();
    let (n, _) = kit.tparam("N", 0, narrow);
    let (a, _) = kit.tparam("A", 1, any);
    assert_eq!(satisfy(&mut kit, n, number), "ok");
    assert_eq!(
        satisfy(&mut kit, a, number),
        "A does not satisfy ~int | ~float64"
    );
    assert_eq!(satisfy(&mut kit, n, comparable), "ok");
    assert_eq!(
        satisfy(&mut kit, a, comparable),
        "A does not satisfy comparable"
    );
    assert_eq!(
        satisfy(&mut kit, TypeId::INVALID, number),
        "ok",
        "errors do not cascade"
    );
}

#[test]
fn go_programs_check_constraints() {
    let sum = "package main\ntype Number interface{ ~int | ~float64 }\n\
               func Sum[T Number](v ...T) T { var s T; return s }\nfunc main() { _ = Sum(\"a\", \"b\") }\n";
    assert_eq!(
        crate::check::testkit::diagnostics(sum),
        ["4:19: string does not satisfy Number (string missing in ~int | ~float64)"]
    );
    let eq = "package main\nfunc Eq[T comparable](a, b T) bool { return a == b }\n\
              func main() { _ = Eq([]int{}, []int{}) }\n";
    assert_eq!(
        crate::check::testkit::diagnostics(eq),
        ["3:19: []int does not satisfy comparable"]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Terms over a small universe: `int`, `int64`, `string` and `MyInt` (a defined `int`).
    fn universe() -> (Kit, Vec<TypeId>) {
        let mut kit = Kit::new();
        let my_int = kit.named("MyInt", TypeId::INT);
        (
            kit,
            vec![TypeId::INT, TypeId::INT64, TypeId::STRING, my_int],
        )
    }

    fn terms(picks: &[(bool, usize)], tys: &[TypeId]) -> Vec<Term> {
        // `~MyInt` is not a valid term (its type is not an underlying type): use `MyInt`.
        picks
            .iter()
            .map(|&(tilde, i)| term(tilde && i < 3, tys[i % tys.len()]))
            .collect()
    }

    /// Whether `ty` is in the type set of the term list (`None` = all types).
    fn member(kit: &Kit, set: &Option<Vec<Term>>, ty: TypeId) -> bool {
        set.as_ref()
            .is_none_or(|ts| ts.iter().any(|t| term_has(&kit.types, *t, ty)))
    }

    proptest! {
        #[test]
        fn intersection_is_set_intersection(
            a in proptest::collection::vec((any::<bool>(), 0usize..4), 0..4),
            b in proptest::collection::vec((any::<bool>(), 0usize..4), 0..4),
        ) {
            let (kit, tys) = universe();
            let (a, b) = (Some(terms(&a, &tys)), Some(terms(&b, &tys)));
            let both = intersect_terms(&kit.types, a.clone(), b.clone());
            let flipped = intersect_terms(&kit.types, b.clone(), a.clone());
            for &ty in &tys {
                let want = member(&kit, &a, ty) && member(&kit, &b, ty);
                prop_assert_eq!(member(&kit, &both, ty), want);
                prop_assert_eq!(member(&kit, &flipped, ty), want);
            }
        }
    }
}
