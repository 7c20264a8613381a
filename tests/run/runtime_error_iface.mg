// A recovered run-time error is a runtime.Error and an error, and prints its message.
// Its dynamic type once had no methods, so both assertions failed.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer func() {
		r := recover()
		re, ok := r.(runtime.Error)
		_, isErr := r.(error)
		fmt.Println(ok, isErr, re.Error())
		fmt.Printf("%v\n", r)
	}()
	var s []int
	i := 3
	_ = s[i]
}
