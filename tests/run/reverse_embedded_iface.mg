// sort.Reverse embeds sort.Interface in a struct; Len and Swap are promoted from the
// embedded interface. Their method-table slots once named an unrelated function, which
// handed a garbage word to the user's Less as an index.
package main

import (
	"fmt"
	"sort"
)

type byLen []string

func (a byLen) Len() int           { return len(a) }
func (a byLen) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a byLen) Less(i, j int) bool { return len(a[i]) < len(a[j]) }

func main() {
	words := byLen{"bb", "a", "dddd", "ccc"}
	sort.Sort(sort.Reverse(words))
	fmt.Println(words)
	nums := []int{3, 1, 2}
	sort.Sort(sort.Reverse(sort.IntSlice(nums)))
	fmt.Println(nums)
}
