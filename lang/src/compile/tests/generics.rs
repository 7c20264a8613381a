//! Generic functions and types compiled by monomorphization: inference, explicit
//! instantiation, instances of instances, methods of generic types, constraint methods,
//! typed arithmetic chosen per instance, and generic function values.

use super::expect;

#[test]
fn inferred_and_explicit_instances_pick_typed_instructions() {
    expect(
        "package main
type Number interface{ ~int | ~float64 }
func Sum[T Number](vs ...T) T {
	var s T
	for _, v := range vs {
		s += v
	}
	return s
}
func Max[T ~int | ~float64 | ~string](a, b T) T {
	if a > b {
		return a
	}
	return b
}
func Join[T ~int | ~string](a, b T) T { return a + b }
func main() {
	println(Sum(1, 2, 3), Sum(1.5, 2.25), Sum[int]())
	println(Max(3, 7), Max(2.5, -1.0), Max(\"apple\", \"banana\"))
	println(Join(1, 2), Join(\"a\", \"b\"))
}",
        "6 3.75e0 0\n7 2.5e0 banana\n3 ab\n",
    );
}

#[test]
fn generic_calling_generic_and_closures_inside() {
    expect(
        "package main
func Map[T, U any](s []T, f func(T) U) []U {
	out := make([]U, 0, len(s))
	for _, v := range s {
		out = append(out, f(v))
	}
	return out
}
func Twice[T any](s []T, f func(T) T) []T {
	return Map(Map(s, f), func(v T) T { return f(v) })
}
func main() {
	r := Twice([]int{1, 2, 3}, func(n int) int { return n * 10 })
	println(len(r), r[0], r[2])
	s := Map([]int{1, 22}, func(n int) string { return \"x\" })
	println(s[0] + s[1])
}",
        "3 100 300\nxx\n",
    );
}

#[test]
fn generic_types_with_value_and_pointer_methods() {
    expect(
        "package main
type Stack[T any] struct{ items []T }
func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}
func (s Stack[T]) Len() int { return len(s.items) }
type Pair[K comparable, V any] struct {
	Key K
	Val V
}
func main() {
	var s Stack[int]
	s.Push(1)
	s.Push(2)
	v, ok := s.Pop()
	println(v, ok, s.Len())
	w := &Stack[string]{}
	w.Push(\"a\")
	x, _ := w.Pop()
	_, ok = w.Pop()
	println(x, ok)
	p := Pair[string, float64]{\"k\", 1.5}
	println(p.Key, p.Val)
	push := (*Stack[int]).Push
	push(&s, 9)
	pop := s.Pop
	top, _ := pop()
	println(top, Stack[int].Len(s))
}",
        "2 true 1\na false\nk 1.5e0\n9 1\n",
    );
}

#[test]
fn constraint_methods_bind_statically_and_values_instantiate() {
    expect(
        "package main
type Celsius float64
func (c Celsius) Twice() float64 { return float64(c) * 2 }
type Twicer interface{ Twice() float64 }
func All[T Twicer](vs []T) float64 {
	t := 0.0
	for _, v := range vs {
		t += v.Twice()
	}
	return t
}
func Equal[T comparable](a, b T) bool { return a == b }
func main() {
	println(All([]Celsius{1, 2.5}))
	eq := Equal[string]
	println(eq(\"a\", \"a\"), Equal(1, 2))
	var i Twicer = Celsius(4)
	println(All([]Twicer{i}))
}",
        "7e0\ntrue false\n8e0\n",
    );
}

#[test]
fn each_instance_is_its_own_function_with_typed_instructions() {
    let src = "package main
type Num interface{ ~int | ~float64 }
func Add[T Num](a, b T) T { return a + b }
type Meters float64
func main() { println(Add(1, 2), Add(0.5, 0.25), Add(Meters(1), 2), Add(3, 4)) }";
    let program = super::compile_src(src).unwrap_or_default();
    let instances: Vec<String> = program
        .functions
        .iter()
        .filter(|f| f.name == "main.Add[...]")
        .map(|f| minigo_vm::disasm::function(&program, f))
        .collect();
    // One function per distinct type argument: `Add(3, 4)` reuses the `int` instance.
    assert_eq!(instances.len(), 3, "{instances:?}");
    insta::assert_snapshot!("generic_instances", instances.join("\n"));
    expect(src, "3 7.5e-1 3e0 7\n");
}

#[test]
fn generic_functions_of_standard_packages_instantiate() {
    // Natives other than `print` are not linked here; these are written in mini-Go.
    expect(
        "package main
import (
	\"cmp\"
	\"slices\"
)
type Meters float64
func main() {
	s := []int{3, 1, 2}
	slices.Reverse(s)
	println(s[0], s[2], slices.Index(s, 1), slices.Contains(s, 9), slices.Max(s))
	ms := []Meters{2, 0.5}
	println(slices.Min(ms), cmp.Compare(\"a\", \"b\"), slices.Equal(s, []int{2, 1, 3}))
}",
        "2 3 1 false 3\n5e-1 -1 true\n",
    );
}
