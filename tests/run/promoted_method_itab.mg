// Methods promoted through an embedded struct, an embedded pointer and an embedded
// interface, called through an interface. The method table of the outer type once named
// an unrelated function for each promoted method, which read the outer value as a string
// and crashed the host (context.Background() embeds emptyCtx this way).
package main

import "fmt"

type Namer interface {
	Err() error
	Name() string
}

type inner struct{ name string }

func (inner) Err() error        { return nil }
func (i inner) Name() string     { return "inner " + i.name }
func (i *inner) Rename(n string) { i.name = n }

type byValue struct{ inner }

type byPointer struct{ *inner }

type Renamer interface {
	Namer
	Rename(n string)
}

// byIface embeds an interface: its methods are the interface's, called dynamically.
type byIface struct{ Namer }

func main() {
	var n Namer = byValue{inner{"v"}}
	fmt.Println(n.Name(), n.Err())
	n = &byValue{inner{"pv"}}
	fmt.Println(n.Name(), n.Err())
	var r Renamer = byPointer{&inner{"p"}}
	r.Rename("q")
	fmt.Println(r.Name(), r.Err())
	n = byIface{r}
	fmt.Println(n.Name())
	var s fmt.Stringer = wrapped{label{"x"}}
	fmt.Println(s.String(), s, wrapped{label{"y"}})
}

type label struct{ s string }

func (l label) String() string { return "<" + l.s + ">" }

// wrapped gets String from label: fmt finds it in wrapped's own method table.
type wrapped struct{ label }
