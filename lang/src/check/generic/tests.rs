//! Tests of substitution and instantiation of generic types and signatures.

use super::*;
use crate::ast::ChanDir;
use crate::check::testkit::Kit;

fn origin(kit: &Kit, ty: TypeId) -> NamedId {
    named_id(&kit.types, ty).expect("a named type")
}

#[test]
fn substitution_rebuilds_structural_types() {
    let mut kit = Kit::new();
    let any = kit.iface(&[]);
    let (t, tp) = kit.tparam("T", 0, any);
    let (u, up) = kit.tparam("U", 1, any);
    let slice_t = kit.types.slice(t);
    let map = kit.types.map(t, slice_t);
    let ch = kit.types.chan(ChanDir::Recv, u);
    let func = kit.sig(&[map, ch], &[u]);
    let map_ = SubstMap::new(&[tp, up], &[TypeId::STRING, TypeId::BOOL]);
    let res = subst(&mut kit.types, func, &map_);
    assert_eq!(kit.show(res), "func(map[string][]string, <-chan bool) bool");
    let untouched = subst(&mut kit.types, TypeId::INT, &map_);
    assert_eq!(untouched, TypeId::INT);
    let partial = subst(&mut kit.types, func, &SubstMap::new(&[tp], &[TypeId::INT]));
    assert_eq!(kit.show(partial), "func(map[int][]int, <-chan U) U");
}

#[test]
fn substitution_reaches_struct_fields_and_interfaces() {
    let mut kit = Kit::new();
    let any = kit.iface(&[]);
    let (t, tp) = kit.tparam("T", 0, any);
    let strukt = kit.strukt(&[("V", t)]);
    let get = kit.sig(&[], &[t]);
    let getter = kit.iface(&[("Get", get)]);
    let union = kit.union(&[(true, t)]);
    let map = SubstMap::new(&[tp], &[TypeId::INT]);
    let (s, g, n) = (
        subst(&mut kit.types, strukt, &map),
        subst(&mut kit.types, getter, &map),
        subst(&mut kit.types, union, &map),
    );
    assert_eq!(kit.show(s), "struct{V int}");
    assert_eq!(kit.show(g), "interface{Get() int}");
    assert_eq!(kit.show(n), "interface{~int}");
}

#[test]
fn instances_are_shared_and_substituted() {
    let mut kit = Kit::new();
    let (pair, params, _) = kit.generic("Pair", &["K", "V"]);
    let fields = kit.strukt(&[("Key", params[0]), ("Val", params[1])]);
    kit.set_underlying(pair, fields);
    let id = origin(&kit, pair);
    let a = instantiate_named(&mut kit.types, id, vec![TypeId::STRING, TypeId::INT]);
    let b = instantiate_named(&mut kit.types, id, vec![TypeId::STRING, TypeId::INT]);
    let c = instantiate_named(&mut kit.types, id, vec![TypeId::INT, TypeId::INT]);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let under = kit.types.underlying(a);
    assert_eq!(kit.show(under), "struct{Key string; Val int}");
}

#[test]
fn instantiating_with_own_parameters_gives_the_origin() {
    let mut kit = Kit::new();
    let (list, params, _) = kit.generic("List", &["T"]);
    let id = origin(&kit, list);
    assert_eq!(instantiate_named(&mut kit.types, id, params.clone()), list);
    // And substituting the origin instantiates it.
    let ptr = kit.types.pointer(list);
    let tparams = kit.types.named(id).tparams.clone();
    let res = subst(
        &mut kit.types,
        ptr,
        &SubstMap::new(&tparams, &[TypeId::INT]),
    );
    assert_eq!(kit.show(res), "*List[int]");
}

#[test]
fn recursive_generic_types_complete_lazily() {
    // type node[T any] struct { val T; next *node[T] }, with node[int] made before the
    // declaration's underlying type is known.
    let mut kit = Kit::new();
    let (node, params, _) = kit.generic("node", &["T"]);
    let id = origin(&kit, node);
    let early = instantiate_named(&mut kit.types, id, vec![TypeId::INT]);
    assert_eq!(kit.types.underlying(early), TypeId::INVALID);
    let self_ref = instantiate_named(&mut kit.types, id, params.clone());
    let next = kit.types.pointer(self_ref);
    let fields = kit.strukt(&[("val", params[0]), ("next", next)]);
    kit.set_underlying(node, fields);
    let under = kit.types.underlying(early);
    assert_eq!(kit.show(under), "struct{val int; next *node[int]}");
    let Type::Struct(fields) = kit.types.get(under).clone() else {
        unreachable!("a struct")
    };
    assert_eq!(
        kit.types.get(fields[1].ty),
        &Type::Pointer(early),
        "node[int] refers to itself"
    );
}

#[test]
fn instances_of_instances_substitute_their_arguments() {
    // type List[T any] struct{ head *node[T] } instantiated as List[string].
    let mut kit = Kit::new();
    let (node, node_params, _) = kit.generic("node", &["T"]);
    let node_fields = kit.strukt(&[("val", node_params[0])]);
    kit.set_underlying(node, node_fields);
    let (list, list_params, _) = kit.generic("List", &["T"]);
    let node_id = origin(&kit, node);
    let node_of_t = instantiate_named(&mut kit.types, node_id, vec![list_params[0]]);
    let head = kit.types.pointer(node_of_t);
    let list_fields = kit.strukt(&[("head", head)]);
    kit.set_underlying(list, list_fields);
    let list_id = origin(&kit, list);
    let inst = instantiate_named(&mut kit.types, list_id, vec![TypeId::STRING]);
    let under = kit.types.underlying(inst);
    assert_eq!(kit.show(under), "struct{head *node[string]}");
}

#[test]
fn method_signatures_of_instances() {
    let mut kit = Kit::new();
    let (cache, params, _) = kit.generic("Cache", &["K", "V"]);
    let map = kit.types.map(params[0], params[1]);
    let fields = kit.strukt(&[("data", map)]);
    kit.set_underlying(cache, fields);
    let get = kit.sig(&[params[0]], &[params[1], TypeId::BOOL]);
    let method = kit.method(cache, "Get", get, true);
    let id = origin(&kit, cache);
    let inst = instantiate_named(&mut kit.types, id, vec![TypeId::STRING, TypeId::INT]);
    let inst_id = origin(&kit, inst);
    assert_eq!(declared_methods(&kit.types, inst_id), &[method]);
    let sig = method_signature(&mut kit.types, &kit.objects, inst_id, method);
    assert_eq!(kit.show(sig), "func(string) (int, bool)");
    assert_eq!(
        method_signature(&mut kit.types, &kit.objects, id, method),
        get
    );
}

#[test]
fn generic_function_signatures_instantiate() {
    let mut kit = Kit::new();
    let any = kit.iface(&[]);
    let (t, tp) = kit.tparam("T", 0, any);
    let (u, up) = kit.tparam("U", 1, any);
    let slice_t = kit.types.slice(t);
    let slice_u = kit.types.slice(u);
    let f = kit.sig(&[t], &[u]);
    let map_sig = kit.sig(&[slice_t, f], &[slice_u]);
    let inst = instantiate_signature(
        &mut kit.types,
        map_sig,
        &[tp, up],
        &[TypeId::INT, TypeId::STRING],
    );
    assert_eq!(kit.show(inst), "func([]int, func(int) string) []string");
}

#[test]
fn mentions_finds_parameters_anywhere() {
    let mut kit = Kit::new();
    let any = kit.iface(&[]);
    let (t, tp) = kit.tparam("T", 0, any);
    let (_, up) = kit.tparam("U", 1, any);
    let deep = {
        let s = kit.types.slice(t);
        let m = kit.types.map(TypeId::STRING, s);
        kit.sig(&[m], &[])
    };
    assert!(mentions_any(&kit.types, deep, &[tp]));
    assert!(!mentions_any(&kit.types, deep, &[up]));
    assert!(!mentions_any(&kit.types, TypeId::INT, &[tp]));
    let (list, _, list_params) = kit.generic("List", &["E"]);
    assert!(
        mentions_any(&kit.types, list, &list_params),
        "a generic origin mentions its own parameters"
    );
}

#[test]
fn empty_substitution_is_identity() {
    let mut kit = Kit::new();
    let s = kit.types.slice(TypeId::INT);
    assert!(SubstMap::default().is_empty());
    assert_eq!(subst(&mut kit.types, s, &SubstMap::default()), s);
}

/// Generic functions and types as the conformance programs use them: inference through
/// `~[]E` and `~map[K]V` core types, explicit instantiation, recursive generic types and
/// methods of instances.
#[test]
fn valid_generic_programs_check_clean() {
    let generic_funcs = r#"package main
type Number interface{ ~int | ~int64 | ~float64 }
func Sum[T Number](vs ...T) T { var s T; for _, v := range vs { s += v }; return s }
func Avg[T Number](vs []T) float64 { return float64(Sum(vs...)) / float64(len(vs)) }
type MyInt int
func Clone[S ~[]E, E any](s S) S { return append(S(nil), s...) }
type Ints []int
func Keys[M ~map[K]V, K comparable, V any](m M) []K { var r []K; for k := range m { r = append(r, k) }; return r }
func main() {
    _ = Sum(MyInt(1), 2)
    _ = Avg([]MyInt{1})
    var xs Ints = Clone(Ints{1, 2})
    _ = xs
    _ = Keys(map[string]int{})
    var p func(...int) int = Sum[int]
    _ = p
}
"#;
    assert_eq!(
        crate::check::testkit::diagnostics(generic_funcs),
        Vec::<String>::new(),
        "generic_funcs"
    );
    let generic_types = r#"package main
type List[T any] struct { head *node[T]; size int }
type node[T any] struct { val T; next *node[T] }
func (l *List[T]) Push(v T) { l.head = &node[T]{v, l.head}; l.size++ }
func (l *List[T]) All() []T { var out []T; for n := l.head; n != nil; n = n.next { out = append(out, n.val) }; return out }
type Pair[K comparable, V any] struct { Key K; Val V }
func (p Pair[K, V]) Swap() Pair[K, V] { return Pair[K, V]{p.Key, p.Val} }
type Set[T comparable] map[T]struct{}
func (s Set[T]) Add(v T) { s[v] = struct{}{} }
func NewSet[T comparable](vs ...T) Set[T] { s := Set[T]{}; for _, v := range vs { s.Add(v) }; return s }
func main() {
    var l List[string]
    l.Push("a")
    _ = l.All()[0] + "b"
    p := Pair[string, int]{"a", 1}
    q := p.Swap()
    var k string = q.Key
    _ = k
    s := NewSet(1, 2)
    s.Add(3)
    _ = len(s)
}
"#;
    assert_eq!(
        crate::check::testkit::diagnostics(generic_types),
        Vec::<String>::new(),
        "generic_types"
    );
    let constraints = r#"package main
type Stringer interface{ String() string }
type M float64
func (m M) String() string { return "m" }
func Join[T Stringer](vs []T) string { s := ""; for _, v := range vs { s += v.String() }; return s }
func Eq[T comparable](a, b T) bool { return a == b }
type Key struct{ A string; B int }
func main() {
    _ = Join([]M{1, 2})
    var e1, e2 interface{} = 1, "1"
    _, _, _ = Eq(e1, e2), Eq[any](2, 2), Eq(Key{"a", 1}, Key{"a", 1})
    var s Stringer = M(1)
    _ = s
}
"#;
    assert_eq!(
        crate::check::testkit::diagnostics(constraints),
        Vec::<String>::new(),
        "constraints"
    );
}
