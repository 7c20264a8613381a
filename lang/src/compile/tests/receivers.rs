//! Programs checking that a struct or array passed by value, as a receiver or as an
//! ordinary parameter, is the callee's own copy: writes through it, its address, the
//! closures that capture it and the pointers it returns never reach the caller's variable.
//! The callee copies on entry (`FnCx::bind_param`), so every way of reaching a method
//! (direct call, pointer auto-dereference, method value, method expression, interface,
//! promoted method, `defer`, `go`) is covered by the same copy.

use super::expect;

#[test]
fn value_receiver_writes_stay_in_the_callee() {
    expect(
        "package main
type Point struct{ X, Y int }
func (p Point) Move() { p.X++ }
type Arr [3]int
func (a Arr) Set() { a[0] = 99 }
func main() {
	pt := Point{1, 2}
	pt.Move()
	pp := &pt
	pp.Move()
	f := pt.Move
	f()
	g := Point.Move
	g(pt)
	var i interface{ Move() } = pt
	i.Move()
	var a Arr
	a.Set()
	println(pt.X, pt.Y, a[0])
}
",
        "1 2 0\n",
    );
}

#[test]
fn value_receiver_is_copied_before_the_caller_changes_it() {
    // The callee must not see a write the caller makes through a pointer mid-call.
    expect(
        "package main
type Point struct{ X, Y int }
func (p Point) Show(q *Point) int {
	q.X = 50
	return p.X
}
func main() {
	pt := Point{1, 2}
	println(pt.Show(&pt), pt.X)
}
",
        "1 50\n",
    );
}

#[test]
fn leaked_and_captured_receivers_are_copies() {
    expect(
        "package main
type Point struct{ X, Y int }
func (p Point) Leak() *Point { return &p }
func (p Point) Counter() func() int {
	return func() int { p.X += 10; return p.X }
}
func main() {
	pt := Point{1, 2}
	l := pt.Leak()
	l.X = 77
	c := pt.Counter()
	a := c()
	b := c()
	println(pt.X, l.X, a, b)
}
",
        "1 77 11 21\n",
    );
}

#[test]
fn promoted_and_nested_value_receivers_are_deep_copies() {
    expect(
        "package main
type Point struct{ X, Y int }
func (p Point) Move() { p.X++ }
type Inner struct{ N [2]int }
type Outer struct {
	Point
	In Inner
}
func (o Outer) Bump() { o.In.N[0] = 7; o.X = 9 }
func main() {
	o := Outer{Point{1, 1}, Inner{[2]int{1, 2}}}
	o.Bump()
	o.Move()
	var m interface{ Move() } = &o
	m.Move()
	println(o.X, o.In.N[0])
}
",
        "1 1\n",
    );
}

#[test]
fn generic_value_receivers_and_value_parameters_are_copies() {
    expect(
        "package main
type Box[T any] struct{ V T }
func (b Box[T]) Set(v T) { b.V = v }
type Point struct{ X, Y int }
func mod(p Point, a [2]int) { p.X = 100; a[0] = 100 }
func main() {
	b := Box[int]{3}
	b.Set(4)
	pt := Point{1, 2}
	arr := [2]int{1, 2}
	mod(pt, arr)
	lit := func(p Point) { p.Y = 9 }
	lit(pt)
	println(b.V, pt.X, pt.Y, arr[0])
}
",
        "3 1 2 1\n",
    );
}

#[test]
fn deferred_value_receivers_are_copied_when_the_defer_runs() {
    // The unit harness has no scheduler, so `go` is covered by the golden program
    // `tests/run/value_receiver_copy.mg`.
    expect(
        "package main
type Point struct{ X, Y int }
var seen int
func (p Point) Record() { seen = p.X; p.X = 40 }
func main() {
	pt := Point{1, 2}
	func() {
		defer pt.Record()
		pt.X = 5
	}()
	println(seen, pt.X)
}
",
        "1 5\n",
    );
}
