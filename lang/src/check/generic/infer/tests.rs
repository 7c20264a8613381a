//! Tests of type-argument inference, modelled on the calls of the conformance programs.

use super::*;
use crate::check::testkit::Kit;

/// A generic function's type parameters (constrained by `any` unless given) and a way to
/// run inference on it.
struct Generic {
    params: Vec<TypeId>,
    ids: Vec<TypeParamId>,
}

fn generic(kit: &mut Kit, names: &[&str]) -> Generic {
    let any = kit.iface(&[]);
    let (params, ids) = names
        .iter()
        .enumerate()
        .map(|(i, n)| kit.tparam(n, i as u32, any))
        .unzip();
    Generic { params, ids }
}

fn run(
    kit: &mut Kit,
    g: &Generic,
    params: &[TypeId],
    args: &[TypeId],
) -> Result<Vec<String>, InferError> {
    let res = infer(&mut kit.types, &kit.objects, &g.ids, &[], params, args)?;
    Ok(res.into_iter().map(|t| kit.show(t)).collect())
}

fn message(kit: &mut Kit, g: &Generic, params: &[TypeId], args: &[TypeId]) -> String {
    match infer(&mut kit.types, &kit.objects, &g.ids, &[], params, args) {
        Ok(_) => "inferred".to_string(),
        Err(e) => e.message(&kit.fmt(), "F", "x"),
    }
}

#[test]
fn bare_parameters_bind_to_typed_arguments() {
    // Sum(MyInt(4), MyInt(5)) and Ptr("s").
    let mut kit = Kit::new();
    let my_int = kit.named("MyInt", TypeId::INT);
    let g = generic(&mut kit, &["T"]);
    let t = g.params[0];
    assert_eq!(
        run(&mut kit, &g, &[t, t], &[my_int, my_int]),
        Ok(vec!["MyInt".to_string()])
    );
    assert_eq!(
        run(&mut kit, &g, &[t], &[TypeId::STRING]),
        Ok(vec!["string".to_string()])
    );
}

#[test]
fn untyped_constants_default_when_nothing_else_decides() {
    // Sum(1, 2, 3), Sum(1.5, 2.25), Max(3, 7), Max(1, 2.5), Max('a', 1).
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T"]);
    let t = g.params[0];
    let ints = [TypeId::UNTYPED_INT; 3];
    assert_eq!(
        run(&mut kit, &g, &[t, t, t], &ints),
        Ok(vec!["int".to_string()])
    );
    let floats = [TypeId::UNTYPED_FLOAT, TypeId::UNTYPED_FLOAT];
    assert_eq!(
        run(&mut kit, &g, &[t, t], &floats),
        Ok(vec!["float64".to_string()])
    );
    let mixed = [TypeId::UNTYPED_INT, TypeId::UNTYPED_FLOAT];
    assert_eq!(
        run(&mut kit, &g, &[t, t], &mixed),
        Ok(vec!["float64".to_string()])
    );
    let rune_int = [TypeId::UNTYPED_RUNE, TypeId::UNTYPED_INT];
    assert_eq!(
        run(&mut kit, &g, &[t, t], &rune_int),
        Ok(vec!["int32".to_string()])
    );
}

#[test]
fn typed_arguments_win_over_untyped_ones() {
    // Scale(Meters(2), 3) infers Meters; the 3 is checked by assignment afterwards.
    let mut kit = Kit::new();
    let meters = kit.named("Meters", TypeId::FLOAT64);
    let g = generic(&mut kit, &["T"]);
    let t = g.params[0];
    assert_eq!(
        run(&mut kit, &g, &[t, t], &[TypeId::UNTYPED_INT, meters]),
        Ok(vec!["Meters".to_string()])
    );
}

#[test]
fn incompatible_untyped_kinds_are_reported() {
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T"]);
    let t = g.params[0];
    let args = [TypeId::UNTYPED_INT, TypeId::UNTYPED_STRING];
    assert_eq!(
        message(&mut kit, &g, &[t, t], &args),
        "in call to F, mismatched types untyped int and untyped string (cannot infer T)"
    );
}

#[test]
fn structural_parameters_unify_componentwise() {
    // Map(nums, strconv.Itoa): func Map[T, U any](s []T, f func(T) U) []U.
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T", "U"]);
    let (t, u) = (g.params[0], g.params[1]);
    let slice_t = kit.types.slice(t);
    let f = kit.sig(&[t], &[u]);
    let ints = kit.types.slice(TypeId::INT);
    let itoa = kit.sig(&[TypeId::INT], &[TypeId::STRING]);
    let res = run(&mut kit, &g, &[slice_t, f], &[ints, itoa]);
    assert_eq!(res, Ok(vec!["int".to_string(), "string".to_string()]));
}

#[test]
fn untyped_arguments_give_way_to_later_typed_ones() {
    // Reduce(strs, "", func(a string, s string) string).
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T", "A"]);
    let (t, a) = (g.params[0], g.params[1]);
    let slice_t = kit.types.slice(t);
    let f = kit.sig(&[a, t], &[a]);
    let strs = kit.types.slice(TypeId::STRING);
    let concrete = kit.sig(&[TypeId::STRING, TypeId::STRING], &[TypeId::STRING]);
    let res = run(
        &mut kit,
        &g,
        &[slice_t, a, f],
        &[strs, TypeId::UNTYPED_STRING, concrete],
    );
    assert_eq!(res, Ok(vec!["string".to_string(), "string".to_string()]));
}

#[test]
fn maps_and_channels() {
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["K", "V"]);
    let map_kv = kit.types.map(g.params[0], g.params[1]);
    let concrete = kit.types.map(TypeId::STRING, TypeId::INT);
    assert_eq!(
        run(&mut kit, &g, &[map_kv], &[concrete]),
        Ok(vec!["string".to_string(), "int".to_string()])
    );
    let recv_k = kit.types.chan(ChanDir::Recv, g.params[0]);
    let both = kit.types.chan(ChanDir::Both, TypeId::BOOL);
    let arr = kit.types.array(2, g.params[1]);
    let arr_int = kit.types.array(2, TypeId::INT);
    let res = run(&mut kit, &g, &[recv_k, arr], &[both, arr_int]);
    assert_eq!(res, Ok(vec!["bool".to_string(), "int".to_string()]));
}

#[test]
fn defined_arguments_match_literal_parameters_through_their_underlying_type() {
    let mut kit = Kit::new();
    let ints = kit.types.slice(TypeId::INT);
    let my_ints = kit.named("MyInts", ints);
    let g = generic(&mut kit, &["T"]);
    let slice_t = kit.types.slice(g.params[0]);
    assert_eq!(
        run(&mut kit, &g, &[slice_t], &[my_ints]),
        Ok(vec!["int".to_string()])
    );
}

#[test]
fn core_types_of_constraints_infer_element_types() {
    // func Clone[S ~[]E, E any](s S) S called with MyInts.
    let mut kit = Kit::new();
    let ints = kit.types.slice(TypeId::INT);
    let my_ints = kit.named("MyInts", ints);
    let any = kit.iface(&[]);
    let (s, s_id) = kit.tparam("S", 0, any);
    let (e, e_id) = kit.tparam("E", 1, any);
    let slice_e = kit.types.slice(e);
    let constraint = kit.union(&[(true, slice_e)]);
    kit.types.type_param_mut(s_id).constraint = constraint;
    let g = Generic {
        params: vec![s, e],
        ids: vec![s_id, e_id],
    };
    assert_eq!(
        run(&mut kit, &g, &[s], &[my_ints]),
        Ok(vec!["MyInts".to_string(), "int".to_string()])
    );
}

#[test]
fn generic_instances_unify_their_arguments() {
    let mut kit = Kit::new();
    let (pair, pair_params, _) = kit.generic("Pair", &["K", "V"]);
    let fields = kit.strukt(&[("Key", pair_params[0]), ("Val", pair_params[1])]);
    kit.set_underlying(pair, fields);
    let origin = super::super::named_id(&kit.types, pair).expect("named");
    let g = generic(&mut kit, &["A", "B"]);
    let pair_ab = super::super::instantiate_named(&mut kit.types, origin, g.params.clone());
    let pair_concrete =
        super::super::instantiate_named(&mut kit.types, origin, vec![TypeId::STRING, TypeId::BOOL]);
    assert_eq!(
        run(&mut kit, &g, &[pair_ab], &[pair_concrete]),
        Ok(vec!["string".to_string(), "bool".to_string()])
    );
}

#[test]
fn explicit_type_arguments_bind_first() {
    // Map[string, string](...) and Zero[int]().
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T", "U"]);
    let res = infer(
        &mut kit.types,
        &kit.objects,
        &g.ids,
        &[TypeId::INT, TypeId::BOOL],
        &[],
        &[],
    );
    assert_eq!(res, Ok(vec![TypeId::INT, TypeId::BOOL]));
    let partial = infer(
        &mut kit.types,
        &kit.objects,
        &g.ids,
        &[TypeId::INT],
        &[g.params[1]],
        &[TypeId::STRING],
    );
    assert_eq!(partial, Ok(vec![TypeId::INT, TypeId::STRING]));
}

#[test]
fn uninferable_parameters_are_named() {
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T"]);
    assert_eq!(
        message(&mut kit, &g, &[], &[]),
        "in call to F, cannot infer T"
    );
    let t = g.params[0];
    assert_eq!(
        message(&mut kit, &g, &[t], &[TypeId::UNTYPED_NIL]),
        "in call to F, cannot infer T"
    );
}

#[test]
fn mismatches_name_the_argument_and_the_inferred_type() {
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T"]);
    let t = g.params[0];
    let slice_t = kit.types.slice(t);
    let ints = kit.types.slice(TypeId::INT);
    let strs = kit.types.slice(TypeId::STRING);
    assert_eq!(
        message(&mut kit, &g, &[slice_t, slice_t], &[ints, strs]),
        "in call to F, type []string of x does not match inferred type []int for []T"
    );
    let g2 = generic(&mut kit, &["K", "V"]);
    let map_kv = kit.types.map(g2.params[0], g2.params[1]);
    assert_eq!(
        message(&mut kit, &g2, &[map_kv], &[ints]),
        "in call to F, type []int of x does not match map[K]V (cannot infer K and V)"
    );
}

#[test]
fn a_recursive_call_may_pass_the_parameter_itself() {
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T"]);
    let t = g.params[0];
    assert_eq!(run(&mut kit, &g, &[t], &[t]), Ok(vec!["T".to_string()]));
}

#[test]
fn invalid_arguments_are_skipped() {
    let mut kit = Kit::new();
    let g = generic(&mut kit, &["T"]);
    let t = g.params[0];
    assert_eq!(
        run(&mut kit, &g, &[t, t], &[TypeId::INVALID, TypeId::BOOL]),
        Ok(vec!["bool".to_string()])
    );
}

#[test]
fn variadic_parameters_spread_over_arguments() {
    let mut kit = Kit::new();
    let ints = kit.types.slice(TypeId::INT);
    let sig = Signature {
        params: vec![TypeId::STRING, ints],
        results: vec![],
        variadic: true,
    };
    assert_eq!(
        params_for_args(&kit.types, &sig, 4, false),
        [TypeId::STRING, TypeId::INT, TypeId::INT, TypeId::INT]
    );
    assert_eq!(
        params_for_args(&kit.types, &sig, 2, true),
        [TypeId::STRING, ints]
    );
    assert_eq!(
        params_for_args(&kit.types, &sig, 1, false),
        [TypeId::STRING]
    );
    let fixed = Signature {
        params: vec![TypeId::INT],
        results: vec![],
        variadic: false,
    };
    assert_eq!(params_for_args(&kit.types, &fixed, 3, false), [TypeId::INT]);
}

#[test]
fn type_parameter_lists_read_like_go() {
    let names = |v: &[&str]| and_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(names(&["T"]), "T");
    assert_eq!(names(&["T", "U"]), "T and U");
    assert_eq!(names(&["K", "V", "W"]), "K, V, and W");
}

#[test]
fn go_programs_infer_like_go() {
    let ok = "package main\n\
              func Map[T, U any](s []T, f func(T) U) []U { return nil }\n\
              func Reduce[T, A any](s []T, init A, f func(A, T) A) A { return init }\n\
              func Max[T ~int | ~float64](a, b T) T { return a }\n\
              type Meters float64\n\
              func main() {\n\
              \t_ = Map([]int{1}, func(n int) string { return \"\" })\n\
              \t_ = Reduce([]string{}, \"\", func(a, s string) string { return a + s })\n\
              \tvar f float64 = Max(1, 2.5)\n\
              \tvar m Meters = Max(Meters(2), 3)\n\
              \t_, _ = f, m\n\
              }\n";
    assert_eq!(crate::check::testkit::diagnostics(ok), Vec::<String>::new());
    let zero =
        "package main\nfunc Zero[T any]() T { var z T; return z }\nfunc main() { _ = Zero() }\n";
    assert_eq!(
        crate::check::testkit::diagnostics(zero),
        ["3:19: in call to Zero, cannot infer T"]
    );
}

#[test]
fn core_types_chain_through_several_parameters() {
    // func Flat[S ~[]E, E ~[]F, F any](s S) called with [][]string.
    let mut kit = Kit::new();
    let any = kit.iface(&[]);
    let (s, s_id) = kit.tparam("S", 0, any);
    let (e, e_id) = kit.tparam("E", 1, any);
    let (f, f_id) = kit.tparam("F", 2, any);
    let slice_e = kit.types.slice(e);
    let slice_f = kit.types.slice(f);
    let s_constraint = kit.union(&[(true, slice_e)]);
    let e_constraint = kit.union(&[(true, slice_f)]);
    kit.types.type_param_mut(s_id).constraint = s_constraint;
    kit.types.type_param_mut(e_id).constraint = e_constraint;
    let g = Generic {
        params: vec![s, e, f],
        ids: vec![s_id, e_id, f_id],
    };
    let strs = kit.types.slice(TypeId::STRING);
    let nested = kit.types.slice(strs);
    let want = vec![
        "[][]string".to_string(),
        "[]string".to_string(),
        "string".to_string(),
    ];
    assert_eq!(run(&mut kit, &g, &[s], &[nested]), Ok(want));
}

#[test]
fn exact_single_term_constraints_bind_unbound_parameters() {
    // func F[T int](x T) called with an untyped constant takes int from the constraint.
    let mut kit = Kit::new();
    let exact = kit.union(&[(false, TypeId::INT64)]);
    let (t, t_id) = kit.tparam("T", 0, exact);
    let g = Generic {
        params: vec![t],
        ids: vec![t_id],
    };
    assert_eq!(
        run(&mut kit, &g, &[t], &[TypeId::UNTYPED_INT]),
        Ok(vec!["int64".to_string()])
    );
}
