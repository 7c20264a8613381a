// errgroup_bounded.mg: bounded parallelism with errgroup.
//
// errgroup.Group runs functions in goroutines and returns the first error from
// Wait. SetLimit caps how many run at once: Go blocks until a slot is free.
// WithContext cancels the group's context on the first error, so the others
// can stop early.
import (
	"context"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"
)

// tracker records how many tasks run at the same time.
type tracker struct {
	mu      sync.Mutex
	running int
	peak    int
}

func (t *tracker) enter() {
	t.mu.Lock()
	t.running++
	if t.running > t.peak {
		t.peak = t.running
	}
	t.mu.Unlock()
}

func (t *tracker) leave() {
	t.mu.Lock()
	t.running--
	t.mu.Unlock()
}

func main() {
	// Ten tasks, at most three at a time.
	var g errgroup.Group
	g.SetLimit(3)
	var t tracker
	results := make([]int, 10)
	for i := 0; i < 10; i++ {
		g.Go(func() error {
			t.enter()
			defer t.leave()
			results[i] = i * 10 // Each task writes its own element: no lock needed.
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println("unexpected error:", err)
	}
	fmt.Println("results:", results)
	fmt.Println("never more than 3 at once:", t.peak <= 3)

	// With a context: the first failure cancels the others.
	g2, ctx := errgroup.WithContext(context.Background())
	errBroken := errors.New("task 2 failed")
	for i := 0; i < 4; i++ {
		g2.Go(func() error {
			if i == 2 {
				return errBroken
			}
			<-ctx.Done() // The healthy tasks wait until the group gives up.
			return ctx.Err()
		})
	}
	err := g2.Wait()
	fmt.Println("Wait returned:", err)
	fmt.Println("it is the first error:", errors.Is(err, errBroken))
	fmt.Println("context after Wait:", ctx.Err())
}
