// Interface equality compares struct and array values field by field: two struct{}{}
// keys of one type are equal, keys of distinct named types never are. Equality once
// compared the objects' addresses, so context.Value never found a struct key.
package main

import (
	"context"
	"fmt"
)

type key struct{}
type pair struct {
	a int
	b string
}
type userKey string
type otherKey string

func main() {
	var x, y any = key{}, key{}
	fmt.Println(x == y, any(pair{1, "z"}) == any(pair{1, "z"}), any(pair{1, "z"}) == any(pair{2, "z"}))
	fmt.Println(any([2]int{1, 2}) == any([2]int{1, 2}), any(userKey("k")) == any(otherKey("k")))
	ctx := context.WithValue(context.Background(), key{}, "found")
	ctx = context.WithValue(ctx, userKey("k"), "user")
	fmt.Println(ctx.Value(key{}), ctx.Value(userKey("k")), ctx.Value(otherKey("k")), ctx.Value("k"))
}
