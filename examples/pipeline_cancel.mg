// pipeline_cancel.mg: a pipeline of stages connected by channels, stopped
// early through a context.
//
// Each stage is a goroutine that reads from the previous stage and writes to
// the next. Every send also selects on ctx.Done(), so when the consumer has
// seen enough and cancels, every stage returns instead of blocking forever on
// a send nobody will receive: no goroutine leaks.
import (
	"context"
	"fmt"
	"sync"
)

// generate sends 1, 2, 3, ... until ctx is cancelled.
func generate(ctx context.Context, wg *sync.WaitGroup) <-chan int {
	out := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(out)
		for i := 1; ; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// square squares every value it receives.
func square(ctx context.Context, in <-chan int, wg *sync.WaitGroup) <-chan int {
	out := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(out)
		for v := range in {
			select {
			case out <- v * v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup

	squares := square(ctx, generate(ctx, &wg), &wg)
	for v := range squares {
		fmt.Println("got", v)
		if v >= 25 {
			break // Enough: the consumer stops reading...
		}
	}
	cancel()  // ...and tells every stage to stop.
	wg.Wait() // Every stage has returned: nothing leaked.
	fmt.Println("pipeline stopped:", ctx.Err())
}
