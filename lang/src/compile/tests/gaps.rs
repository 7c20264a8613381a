//! Programs exercising pointers to one-word locations, `clear`, multi-value forwarding,
//! deferred changes to named results, channel `len`/`cap` and assertions to interface
//! types.

use super::{expect, run_src};

#[test]
fn pointers_to_scalar_variables_fields_elements_and_globals() {
    expect(
        "package main
type S struct{ a, n int }
var g int
func inc(p *int) { *p++ }
func main() {
	x := 1
	p := &x
	*p = 5
	inc(&x)
	s := S{1, 2}
	q := &s.n
	*q += 40
	a := [3]int{1, 2, 3}
	inc(&a[2])
	sl := []int{7, 8, 9}
	r := &sl[1]
	sl[1] = 80
	inc(r)
	inc(&g)
	inc(&g)
	println(x, s.n, a[2], sl[1], *r, g, &s.n == q, &a[0] == &a[1])
}",
        "6 42 4 81 81 2 true false\n",
    );
}

#[test]
fn pointer_methods_on_non_struct_variables_and_fields() {
    expect(
        "package main
type Counter int
func (c *Counter) Inc() { *c++ }
func (c Counter) Get() int { return int(c) }
type Box struct{ c Counter }
func main() {
	var c Counter
	c.Inc()
	c.Inc()
	var b Box
	b.c.Inc()
	cs := []Counter{0, 0}
	cs[1].Inc()
	p := &c
	println(c.Get(), b.c.Get(), cs[1].Get(), p.Get())
}",
        "2 1 1 2\n",
    );
}

#[test]
fn nil_pointer_dereference_panics() {
    let ran = run_src(
        "package main
func main() {
	var p *int
	println(*p)
}",
    );
    assert!(
        ran.panic.contains("nil pointer dereference"),
        "{}",
        ran.panic
    );
}

#[test]
fn element_pointer_out_of_range_panics() {
    let ran = run_src(
        "package main
func main() {
	s := []int{1}
	i := 3
	p := &s[i]
	println(*p)
}",
    );
    assert!(
        ran.panic.contains("index out of range [3] with length 1"),
        "{}",
        ran.panic
    );
}

#[test]
fn clear_maps_and_slices() {
    expect(
        "package main
type P struct{ x int }
func main() {
	m := map[string]int{\"a\": 1, \"b\": 2}
	clear(m)
	s := []int{1, 2, 3, 4}
	clear(s[1:3])
	ps := []P{{1}, {2}}
	clear(ps)
	ps[0].x = 5
	var nm map[int]int
	clear(nm)
	println(len(m), s[0], s[1], s[2], s[3], ps[0].x, ps[1].x)
}",
        "0 1 0 0 4 5 0\n",
    );
}

#[test]
fn multi_value_calls_forward_to_parameters_and_results() {
    expect(
        "package main
func two() (int, string) { return 7, \"x\" }
func three() (int, int, int) { return 1, 2, 3 }
func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
func head(a int, rest ...int) int { return a*100 + len(rest) }
func show(a int, b string) string { return b }
func count(xs ...any) int { return len(xs) }
func both() (any, error) { return two2() }
func two2() (int, error) { return 4, nil }
func main() {
	v, err := both()
	println(sum(three()), head(three()), show(two()), count(two()), v.(int), err == nil)
}",
        "6 102 x 2 4 true\n",
    );
}

#[test]
fn deferred_closures_change_named_results() {
    expect(
        "package main
func double() (r int) {
	defer func() { r *= 2 }()
	return 21
}
func wrap(fail bool) (s string) {
	defer func() {
		if s != \"\" {
			s = \"wrapped: \" + s
		}
	}()
	if fail {
		return \"failed\"
	}
	return \"\"
}
func main() {
	println(double(), wrap(true), wrap(false) == \"\")
}",
        "42 wrapped: failed true\n",
    );
}

#[test]
fn nil_channel_len_and_cap_are_zero() {
    expect(
        "package main
func main() {
	var ch chan int
	println(len(ch), cap(ch))
}",
        "0 0\n",
    );
}

#[test]
fn assertions_to_interface_types_check_the_method_set() {
    expect(
        "package main
type Stringer interface{ String() string }
type Named interface{ Name() string }
type T struct{ n string }
func (t T) String() string { return \"T:\" + t.n }
type E struct{}
func (e *E) Error() string { return \"boom\" }
func describe(x any) string {
	switch v := x.(type) {
	case error:
		return \"error \" + v.Error()
	case Stringer:
		return \"stringer \" + v.String()
	}
	return \"other\"
}
func main() {
	var x any = T{\"a\"}
	s, ok := x.(Stringer)
	_, isNamed := x.(Named)
	var err any = &E{}
	e := err.(error)
	println(s.String(), ok, isNamed, e.Error(), describe(x), describe(err), describe(3))
}",
        "T:a true false boom stringer T:a error boom other\n",
    );
}

#[test]
fn arrays_compare_element_wise() {
    expect(
        "package main
type P struct {
	a [2]int
	s string
}
func main() {
	x := [3]int{1, 2, 3}
	y := [3]int{1, 2, 3}
	z := [3]int{1, 2, 4}
	n := [2][2]string{{\"a\", \"b\"}, {\"c\", \"d\"}}
	m := n
	m[1][1] = \"e\"
	var e1, e2 [0]int
	println(x == y, x != z, n == m, n != m, e1 == e2, P{[2]int{1, 2}, \"s\"} == P{[2]int{1, 2}, \"s\"})
}",
        "true true false true true true\n",
    );
}

#[test]
fn missing_struct_map_values_are_zero_structs() {
    expect(
        "package main
type P struct{ name string; n int }
func main() {
	m := map[string]P{\"a\": {\"x\", 1}}
	p := m[\"missing\"]
	q, ok := m[\"nope\"]
	p.n = 5
	println(m[\"a\"].name, p.name == \"\", p.n, q.n, ok, len(m))
}",
        "x true 5 0 false 1\n",
    );
}
