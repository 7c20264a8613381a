// graceful_shutdown.mg: stopping a service without losing work in flight.
//
// Workers take jobs until the shutdown context is cancelled. Shutdown stops
// accepting new jobs, lets every job already accepted finish, and waits for
// the workers with a deadline, so a stuck worker cannot hang the program.
import (
	"context"
	"fmt"
	"sync"
	"time"
)

type server struct {
	jobs chan int
	wg   sync.WaitGroup
	mu   sync.Mutex
	done []int
}

func (s *server) worker(ctx context.Context) {
	defer s.wg.Done()
	for {
		select {
		case j, ok := <-s.jobs:
			if !ok {
				return // Closed and drained: all accepted work is done.
			}
			time.Sleep(time.Millisecond) // The work.
			s.mu.Lock()
			s.done = append(s.done, j)
			s.mu.Unlock()
		case <-ctx.Done():
			return // Hard stop: the shutdown deadline passed.
		}
	}
}

// shutdown closes the job queue and waits for the workers, at most until ctx's
// deadline.
func (s *server) shutdown(ctx context.Context) error {
	close(s.jobs) // Stop accepting; workers drain what is queued.
	finished := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	s := &server{jobs: make(chan int, 16)}
	stop, cancelWorkers := context.WithCancel(context.Background())
	defer cancelWorkers()
	for i := 0; i < 3; i++ {
		s.wg.Add(1)
		go s.worker(stop)
	}
	for j := 1; j <= 10; j++ {
		s.jobs <- j
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := s.shutdown(ctx); err != nil {
		fmt.Println("shutdown:", err)
		return
	}
	sum := 0
	for _, j := range s.done {
		sum += j
	}
	fmt.Println("shut down cleanly after", len(s.done), "jobs; sum", sum)
}
