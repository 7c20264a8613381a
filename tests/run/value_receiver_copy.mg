// A struct or array passed by value (as a receiver or an ordinary parameter) is the
// callee's own copy, however the method is reached: directly, through a pointer, as a
// method value or method expression, through an interface, promoted from an embedded
// field, and in `defer` and `go` statements. The callee copies on entry, so writes,
// escaping addresses and captures inside it never reach the caller's variable.
package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) Move() { p.X++ }
func (p Point) Show(q *Point) {
	q.X = 50
	fmt.Println(p.X)
}
func (p Point) Leak() *Point { return &p }
func (p Point) Cap() func() int {
	return func() int { p.X += 10; return p.X }
}

type Inner struct{ N [2]int }
type Outer struct {
	Point
	In Inner
}

func (o Outer) Bump() { o.In.N[0] = 7; o.X = 9 }

type Box[T any] struct{ V T }

func (b Box[T]) Set(v T) { b.V = v }

func mod(p Point, a [2]int) { p.X = 100; a[0] = 100 }

func main() {
	pt := Point{1, 2}
	pt.Show(&pt)
	fmt.Println(pt)
	l := pt.Leak()
	l.X = 77
	fmt.Println(pt, *l)
	c := pt.Cap()
	fmt.Println(c(), c(), pt)
	o := Outer{Point{1, 1}, Inner{[2]int{1, 2}}}
	o.Bump()
	o.Move()
	fmt.Println(o)
	var m interface{ Move() } = &o
	m.Move()
	fmt.Println(o)
	b := Box[int]{3}
	b.Set(4)
	fmt.Println(b)
	arr := [2]int{1, 2}
	mod(pt, arr)
	fmt.Println(pt, arr)
	ps := []Point{{1, 1}}
	ps[0].Move()
	mp := map[string]Point{"a": {1, 1}}
	mp["a"].Move()
	fmt.Println(ps, mp)
	done := make(chan int)
	go pt.Send(done)
	fmt.Println(<-done, pt)
	func() {
		defer pt.Move()
		defer fmt.Println("deferred", pt)
		pt.X = 5
	}()
	fmt.Println(pt)
	var a Arr
	a.Set()
	fmt.Println(a)
}

func (p Point) Send(done chan int) {
	p.X = 1000
	done <- p.X
}

type Arr [3]int

func (a Arr) Set() { a[0] = 99 }
