// cond_queue.mg: a bounded blocking queue built on sync.Cond.
//
// A Cond lets goroutines sleep until a condition on shared state holds. Wait
// atomically unlocks the mutex and parks; it relocks before returning, and the
// caller re-checks the condition in a loop, because another goroutine may have
// changed the state first.
import (
	"fmt"
	"sync"
)

type queue struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	items    []int
	capacity int
}

func newQueue(capacity int) *queue {
	q := &queue{capacity: capacity}
	q.notEmpty = sync.NewCond(&q.mu)
	q.notFull = sync.NewCond(&q.mu)
	return q
}

// put blocks while the queue is full.
func (q *queue) put(v int) {
	q.mu.Lock()
	for len(q.items) == q.capacity {
		q.notFull.Wait()
	}
	q.items = append(q.items, v)
	q.notEmpty.Signal() // One waiting taker can proceed.
	q.mu.Unlock()
}

// take blocks while the queue is empty.
func (q *queue) take() int {
	q.mu.Lock()
	for len(q.items) == 0 {
		q.notEmpty.Wait()
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.notFull.Signal() // One waiting putter can proceed.
	q.mu.Unlock()
	return v
}

func main() {
	q := newQueue(2) // Tiny on purpose: producers really block.
	const producers = 3
	const perProducer = 100

	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := 1; i <= perProducer; i++ {
				q.put(p*1000 + i)
			}
		}(p)
	}

	sum, count := 0, 0
	for count < producers*perProducer {
		sum += q.take()
		count++
	}
	wg.Wait()
	fmt.Println("taken:", count, "sum:", sum)
}
