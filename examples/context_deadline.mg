// context_deadline.mg: one deadline flowing through a chain of calls.
//
// The handler gives the whole request 200ms. Each layer passes the same ctx
// down; the slow layer selects between its work and ctx.Done(), so it returns
// as soon as the deadline passes, with ctx.Err() explaining why.
import (
	"context"
	"errors"
	"fmt"
	"time"
)

// query pretends to be a database call that takes cost.
func query(ctx context.Context, cost time.Duration) (string, error) {
	select {
	case <-time.After(cost):
		return "rows", nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// service calls the database twice; the deadline covers both calls together.
func service(ctx context.Context, cost time.Duration) (string, error) {
	first, err := query(ctx, cost)
	if err != nil {
		return "", fmt.Errorf("first query: %w", err)
	}
	second, err := query(ctx, cost)
	if err != nil {
		return "", fmt.Errorf("second query: %w", err)
	}
	return first + "+" + second, nil
}

// handle serves one request with a budget of 200ms.
func handle(name string, cost time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel() // Always release the context's timer.
	_, hasDeadline := ctx.Deadline()
	res, err := service(ctx, cost)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Printf("%s: gave up: %v (deadline set: %v)\n", name, err, hasDeadline)
	case err != nil:
		fmt.Printf("%s: failed: %v\n", name, err)
	default:
		fmt.Printf("%s: %s\n", name, res)
	}
}

func main() {
	handle("fast request", 1*time.Millisecond)
	handle("slow request", 150*time.Millisecond) // 2 x 150ms does not fit in 200ms.

	// Cancelling a parent cancels its children; a child never cancels its parent.
	parent, cancelParent := context.WithCancel(context.Background())
	child, cancelChild := context.WithTimeout(parent, time.Hour)
	cancelChild()
	fmt.Println("after cancelling the child: parent", parent.Err(), "/ child", child.Err())
	cancelParent()
	fmt.Println("after cancelling the parent:", parent.Err())
}
