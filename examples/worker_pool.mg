// worker_pool.mg: a fixed pool of workers drains a channel of jobs.
//
// The pattern: the producer sends every job on one channel and closes it; each
// worker ranges over that channel until it is closed and drained; a WaitGroup
// tells the collector when the last worker is done, so it can close results.
import (
	"fmt"
	"sync"
)

type job struct {
	id int
	n  int
}

type result struct {
	id     int
	square int
}

func worker(jobs <-chan job, results chan<- result, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- result{id: j.id, square: j.n * j.n}
	}
}

func main() {
	const numJobs = 20
	const numWorkers = 4
	jobs := make(chan job, numJobs)
	results := make(chan result, numJobs)

	var wg sync.WaitGroup
	for w := 0; w < numWorkers; w++ {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for i := 1; i <= numJobs; i++ {
		jobs <- job{id: i, n: i}
	}
	close(jobs) // No more jobs: each worker's range loop ends once the channel is drained.

	// Close results once every worker has returned, so the loop below ends.
	go func() {
		wg.Wait()
		close(results)
	}()

	// Results arrive in any order; index them by job id to print deterministically.
	squares := make([]int, numJobs+1)
	sum := 0
	for r := range results {
		squares[r.id] = r.square
		sum += r.square
	}
	fmt.Println("first five squares:", squares[1:6])
	fmt.Println("jobs done:", numJobs, "sum of squares:", sum)
}
