// fmt and the panic printer call a value's Error or String method only when it has Go's
// signature `func() string`. A `String() int` method was once called and its integer
// result read as a string, crashing the host.
package main

import "fmt"

type count int

func (c count) String() int { return int(c) * 1000 }

type named struct{ n int }

func (n named) Error() []string { return nil }
func (n named) String() string  { return fmt.Sprint("named-", n.n) }

// promoted gets String from named through embedding, which fmt finds too.
type promoted struct{ named }

func main() {
	fmt.Println(count(7), named{1}, promoted{named{2}})
	fmt.Printf("%v %s\n", count(8), named{3})
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	panic(count(9))
}
