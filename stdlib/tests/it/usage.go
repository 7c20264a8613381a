// A program that reaches for the declarations the conformance corpus does not
// use (generic slices and maps, atomic.Pointer, OnceValue, errors.AsType, ...),
// so the integration test proves they are usable from user code. It is valid Go.
package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

type Ints []int

type MyErr struct{ code int }

func (e *MyErr) Error() string { return "code " + strconv.Itoa(e.code) }

func main() {
	x := Ints{3, 1, 2}
	slices.Sort(x)
	i, found := slices.BinarySearch(x, 2)
	y := slices.Insert(x, 1, 9, 8)
	slices.SortFunc(y, func(a, b int) int { return b - a })
	m := map[string]int{"b": 2, "a": 1}
	keys := slices.Sorted(maps.Keys(m))
	clone := maps.Clone(m)

	var p atomic.Pointer[int]
	p.Store(&i)
	var n atomic.Int64
	n.Add(5)
	var v atomic.Value
	v.Store("s")
	once := sync.OnceValue(func() int { return 7 })
	pair := sync.OnceValues(func() (int, error) { return 1, nil })
	a, err := pair()

	wrapped := fmt.Errorf("wrap: %w", &MyErr{code: 3})
	me, ok := errors.AsType[*MyErr](wrapped)
	var target *MyErr
	as := errors.As(wrapped, &target)

	var sb strings.Builder
	sb.WriteString("héllo")
	sb.WriteRune('!')
	r := strings.NewReplacer("h", "H")
	runes := utf8.RuneCountInString(sb.String())

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	deadline, hasDeadline := ctx.Deadline()
	d := time.Until(deadline).Round(time.Second)
	day := time.Date(2024, time.February, 30, 0, 0, 0, 0, time.UTC)
	year, month, _ := day.Date()

	sort.Sort(sort.Reverse(sort.IntSlice(x)))
	f := math.Floor(math.Pi * 100)

	fmt.Fprintln(os.Stdout, x, i, found, y, keys, len(clone), *p.Load(), n.Load(), v.Load(), once(), a, err)
	fmt.Println(me.code, ok, as, r.Replace(sb.String()), runes, hasDeadline, d, f)
	fmt.Println(year, month, day.Day(), day.Weekday(), day.YearDay(), day.Format(time.DateOnly))
}
