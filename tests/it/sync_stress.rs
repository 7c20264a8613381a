//! Stress tests of the `sync` package on the M:N runtime with four workers: mutual
//! exclusion for each lock type, no lost wake-up, and `Mutex`'s starvation mode (a
//! goroutine relocking in a loop cannot keep another out for long).
//!
//! Each test is a mini-Go program run through the library with output captured; a lost
//! wake-up shows as Go's deadlock report (exit 2), a broken exclusion as a wrong count.

use minigo::run::{RunOptions, run_files_to};
use minigo_stdlib::natives::Output;

/// Runs `src` with `workers` workers and returns its exit code and output (stdout, then
/// stderr).
fn run(src: &str, workers: usize) -> (i32, String) {
    let files = [("stress.go".to_string(), src.to_string())];
    let options = RunOptions {
        workers: Some(workers),
        ..RunOptions::default()
    };
    let (output, stdout, stderr) = Output::capture();
    let code = run_files_to(&files, &options, &output);
    (code, stdout.text() + &stderr.text())
}

/// Asserts that `src` prints exactly `want` and exits 0, under one worker and four.
fn assert_prints(src: &str, want: &str) {
    for workers in [1, 4] {
        let (code, out) = run(src, workers);
        assert_eq!((code, out.as_str()), (0, want), "workers={workers}");
    }
}

#[test]
fn a_mutex_excludes_under_contention() {
    let src = r#"package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				mu.Lock()
				v := n
				if i%7 == 0 {
					runtime.Gosched() // Invite another goroutine into the critical section.
				}
				n = v + 1
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(n)
}
"#;
    assert_prints(src, "4000\n");
}

#[test]
fn an_rwmutex_excludes_writers_from_readers_and_each_other() {
    let src = r#"package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var rw sync.RWMutex
	var wg sync.WaitGroup
	a, b := 0, 0 // Writers keep a == b; readers must never see them differ.
	torn := 0
	var tornMu sync.Mutex
	for g := 0; g < 4; g++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				rw.Lock()
				a++
				runtime.Gosched()
				b++
				rw.Unlock()
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				rw.RLock()
				x := a
				runtime.Gosched()
				if x != b {
					tornMu.Lock()
					torn++
					tornMu.Unlock()
				}
				rw.RUnlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(a, b, torn)
}
"#;
    assert_prints(src, "1200 1200 0\n");
}

#[test]
fn cond_signals_are_never_lost() {
    let src = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	turn := 0 // Two goroutines alternate 2000 times; a lost Signal deadlocks.
	var wg sync.WaitGroup
	for me := 0; me < 2; me++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				for turn%2 != me {
					cond.Wait()
				}
				turn++
				cond.Signal()
				mu.Unlock()
			}
		}()
	}
	wg.Wait()

	// Broadcast wakes every waiter: three goroutines wait for a flag.
	ready := false
	woken := 0
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for !ready {
				cond.Wait()
			}
			woken++
			mu.Unlock()
		}()
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	wg.Wait()
	fmt.Println(turn, woken)
}
"#;
    assert_prints(src, "2000 3\n");
}

#[test]
fn a_wait_group_can_be_reused_round_after_round() {
    let src = r#"package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var wg sync.WaitGroup
	var done atomic.Int64
	for round := 0; round < 200; round++ {
		for g := 0; g < 5; g++ {
			wg.Go(func() { done.Add(1) })
		}
		wg.Wait()
		if done.Load() != int64(5*(round+1)) {
			fmt.Println("Wait returned early in round", round)
			return
		}
	}
	fmt.Println(done.Load())
}
"#;
    assert_prints(src, "1000\n");
}

#[test]
fn once_runs_its_function_once_for_concurrent_callers() {
    let src = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	var wg sync.WaitGroup
	calls, seen := 0, 0
	var mu sync.Mutex
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(func() { calls++ })
			mu.Lock()
			seen += calls // Do returns only after f has returned.
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(calls, seen)
}
"#;
    assert_prints(src, "1 16\n");
}

#[test]
fn a_relocking_goroutine_cannot_starve_a_waiter() {
    // The hog holds the lock almost all the time for 300ms; the waiter must get it well
    // before the hog stops: after the 1ms starvation threshold, an unlock hands it over.
    let src = r#"package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	stop := time.Now().Add(300 * time.Millisecond)
	started := make(chan bool)
	finished := make(chan bool)
	go func() {
		close(started)
		for time.Now().Before(stop) {
			mu.Lock()
			for i := 0; i < 100; i++ {
			}
			mu.Unlock()
		}
		close(finished)
	}()
	<-started
	time.Sleep(10 * time.Millisecond)
	t0 := time.Now()
	mu.Lock()
	waited := time.Since(t0)
	mu.Unlock()
	<-finished
	fmt.Println(waited < 100*time.Millisecond)
}
"#;
    assert_prints(src, "true\n");
}
