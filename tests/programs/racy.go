// A deliberately racy program: two goroutines write and read the same slices,
// maps, interfaces and strings with no synchronization at all. Go calls the
// outcome undefined (and real Go may stop with "concurrent map writes"); the
// minigo VM must never crash on it: every racy load yields some value of the
// variable's type, and the program runs to its end.
package main

import (
	"fmt"
	"strconv"
)

type shape interface{ area() int }

type square struct{ side int }

func (s *square) area() int { return s.side * s.side }

type rect struct{ w, h int }

func (r rect) area() int { return r.w * r.h }

var (
	shared   []int
	table    = map[string]int{}
	current  shape = &square{1}
	anything interface{}
	text     string
	grid     [][]byte
)

func writer(id, n int, done chan<- int) {
	for i := 0; i < n; i++ {
		shared = append(shared, i)
		if len(shared) > 64 {
			shared = shared[32:]
		}
		table[strconv.Itoa(i%50)] = i
		if i%7 == 0 {
			delete(table, strconv.Itoa((i+3)%50))
		}
		if i%2 == 0 {
			current = &square{i % 10}
			anything = i
		} else {
			current = rect{i % 5, id}
			anything = "s" + strconv.Itoa(i)
		}
		text = text + "x"
		if len(text) > 100 {
			text = ""
		}
		grid = append(grid, []byte(text))
		if len(grid) > 16 {
			grid = grid[8:]
		}
	}
	done <- id
}

func reader(n int, done chan<- int) {
	sum := 0
	for i := 0; i < n; i++ {
		s := shared
		for j := range s {
			sum += s[j]
			s[j] = j
		}
		sum += table[strconv.Itoa(i%50)]
		for k, v := range table {
			sum += len(k) + v
		}
		if c := current; c != nil {
			sum += c.area()
		}
		switch v := anything.(type) {
		case int:
			sum += v
		case string:
			sum += len(v)
		}
		t := text
		sum += len(t)
		if len(t) > 0 {
			sum += int(t[len(t)-1])
		}
		g := grid
		for _, row := range g {
			sum += len(row)
		}
	}
	if sum == -1 {
		fmt.Println("impossible")
	}
	done <- 0
}

func main() {
	const n = 20000
	done := make(chan int)
	go writer(1, n, done)
	go writer(2, n, done)
	go reader(n, done)
	go reader(n, done)
	for i := 0; i < 4; i++ {
		<-done
	}
	fmt.Println("survived")
}
