// A range over a map snapshots the map's keys; the snapshot alone must keep them alive.
// The loop body replaces every entry with an equal key built anew, so the map no longer
// holds the key words the snapshot holds, then collects and allocates strings of the same
// size: a snapshot the collector did not trace would hand out freed (and reused) keys.
package main

import (
	"fmt"
	"runtime"
	"strconv"
)

var junk []string

func main() {
	m := map[string]int{}
	for i := 0; i < 50; i++ {
		m[strconv.Itoa(1000+i)] = i
	}
	first := true
	n := 0
	for k, v := range m {
		if first {
			first = false
			for i := 0; i < 50; i++ {
				delete(m, strconv.Itoa(1000+i))
				m[strconv.Itoa(1000+i)] = i
			}
			runtime.GC()
			for i := 0; i < 500; i++ {
				junk = append(junk, strconv.Itoa(5000+i))
			}
		}
		if k != strconv.Itoa(1000+v) {
			fmt.Println("wrong key", k, v)
		}
		n++
	}
	fmt.Println(n, len(junk))
}
