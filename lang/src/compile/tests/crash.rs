//! Regression tests for compiler bugs that handed the VM a word of the wrong shape: method
//! tables naming an unrelated function for promoted methods, a value boxed into an
//! interface twice, string constants re-encoded as UTF-8, and a recovered run-time error
//! whose type had no methods. Each once crashed the host or computed garbage.

use minigo_vm::program::Const;

use super::{compile_src, expect};

#[test]
fn promoted_methods_called_through_an_interface_get_the_embedded_receiver() {
    expect(
        "package main
type Namer interface {
	Name() string
	Size() int
}
type inner struct{ n int }
func (i inner) Name() string { return \"inner\" }
func (i *inner) Size() int   { return i.n }
type byValue struct{ *inner }
type byIface struct{ Namer }
type deep struct{ byValue }
func main() {
	var n Namer = byValue{&inner{3}}
	println(n.Name(), n.Size())
	n = byIface{n}
	println(n.Name(), n.Size())
	n = &deep{byValue{&inner{5}}}
	println(n.Name(), n.Size())
}",
        "inner 3\ninner 3\ninner 5\n",
    );
}

#[test]
fn every_itab_slot_names_a_function_for_its_own_method() {
    let program = compile_src(
        "package main
type I interface{ A() int; B() int }
type base struct{}
func (base) A() int { return 1 }
func (base) B() int { return 2 }
type outer struct{ base }
func main() {
	var i I = outer{}
	println(i.A() + i.B())
}",
    )
    .expect("the program compiles");
    let methods = ["A", "B"];
    // Other itabs (the `error` itab of the recovered run-time error's stand-in type)
    // have other method lists; the ones for `I` have exactly two slots.
    for itab in program
        .itabs
        .iter()
        .filter(|t| t.methods.len() == methods.len())
    {
        for (func, method) in itab.methods.iter().zip(methods) {
            let name = &program.function(*func).name;
            assert!(name.ends_with(method), "slot {method} names {name}");
        }
    }
}

#[test]
fn a_type_and_pointer_to_it_list_their_promoted_methods() {
    let program = compile_src(
        "package main
type base struct{}
func (base) Value() int { return 1 }
func (*base) Pointer() int { return 2 }
type outer struct{ base }
func main() {
	var a, b any = outer{}, &outer{}
	println(a != nil, b != nil)
}",
    )
    .expect("the program compiles");
    let names = |ty: &str| -> Vec<String> {
        let desc = program.types.iter().find(|d| d.name == ty);
        desc.map(|d| d.methods.iter().map(|(m, _)| m.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(names("main.outer"), ["Value"]);
    assert_eq!(names("*main.outer"), ["Pointer", "Value"]);
}

#[test]
fn an_explicit_conversion_to_an_interface_boxes_once() {
    expect(
        "package main
type pair struct{ a int; b string }
func main() {
	x, y := any(pair{1, \"z\"}), any(pair{2, \"z\"})
	println(x == y, x == any(pair{1, \"z\"}))
	_, ok := x.(pair)
	println(ok, x.(pair).a)
}",
        "false true\ntrue 1\n",
    );
}

#[test]
fn string_constants_keep_bytes_that_are_not_utf8() {
    let program = compile_src(
        "package main
func main() { println(len(\"a\\xffb\")) ; s := \"a\\xffb\"; println(s) }",
    )
    .expect("the program compiles");
    let want: &[u8] = b"a\xffb";
    assert!(
        program
            .consts
            .iter()
            .any(|k| matches!(k, Const::Bytes(b) if &**b == want)),
        "constants: {:?}",
        program.consts
    );
}

#[test]
fn a_recovered_run_time_error_is_a_runtime_error() {
    let program = compile_src(
        "package main
import \"runtime\"
func main() {
	defer func() {
		_, ok := recover().(runtime.Error)
		println(ok)
	}()
	var s []int
	i := 3
	println(s[i])
}",
    )
    .expect("the program compiles");
    let ty = program
        .well_known
        .runtime_error
        .expect("a runtime error type");
    let desc = program.ty(ty);
    assert_eq!(desc.name, "runtime.plainError");
    let methods: Vec<&str> = desc.methods.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(methods, ["Error", "RuntimeError"]);
}

#[test]
fn text_methods_with_other_signatures_stay_out_of_method_tables() {
    let program = compile_src(
        "package main
type count int
func (c count) String() int { return int(c) }
func (c count) Error() string { return \"e\" }
type named struct{}
func (named) String() string { return \"n\" }
type outer struct{ named }
func main() {
	var a, b any = count(1), outer{}
	println(a != nil, b != nil)
}",
    )
    .expect("the program compiles");
    let names = |ty: &str| -> Vec<String> {
        let desc = program.types.iter().find(|d| d.name == ty);
        desc.map(|d| d.methods.iter().map(|(m, _)| m.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(names("main.count"), ["Error"]);
    assert_eq!(names("main.outer"), ["String"]);
}
