// Allocates about 10 GiB of short-lived cyclic garbage over its life, in rings of
// doubly linked nodes that become unreachable right after they are built, while
// keeping a small fixed set of rings alive. A collector that cannot free cycles, or
// that lets the heap run far past its live size, runs out of memory here; minigo
// must finish with a peak RSS under 200 MB.
//
// The byte count charges each node 72 bytes: the size of a six-word object in
// minigo's heap (a 24-byte header and the words). The test harness shrinks
// totalBytes to run a short version.
package main

import "fmt"

const totalBytes = 10 << 30

const nodeBytes = 72

const ringLen = 1000

type node struct {
	next, prev *node
	id         int
	a, b       int
	owner      *node
}

// ring builds a cycle of n nodes and returns one of them.
func ring(n, seed int) *node {
	head := &node{id: seed}
	head.next, head.prev, head.owner = head, head, head
	for i := 1; i < n; i++ {
		x := &node{id: seed + i, a: i, b: seed, owner: head}
		x.prev = head.prev
		x.next = head
		head.prev.next = x
		head.prev = x
	}
	return head
}

// walk sums the ids around a ring, so that building it is not dead code.
func walk(head *node) int {
	sum := head.id
	for x := head.next; x != head; x = x.next {
		sum += x.id + x.a
	}
	return sum
}

func main() {
	const rounds = totalBytes / (nodeBytes * ringLen)
	var keep [8]*node
	check := 0
	for r := 0; r < rounds; r++ {
		head := ring(ringLen, r)
		check += walk(head) % 997
		if r%1024 == 0 {
			keep[(r/1024)%len(keep)] = head
		}
	}
	live := 0
	for _, k := range keep {
		if k != nil {
			live++
		}
	}
	fmt.Println("rounds", rounds, "live rings", live, "check", check)
}
