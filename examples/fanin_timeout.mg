// fanin_timeout.mg: merging several sources into one channel, with a select
// that gives up after a timeout.
//
// Each source is a goroutine with its own pace. merge copies every source
// into one channel (fan-in). The consumer selects between that channel and a
// timer, so a source that is too slow cannot hold it up forever.
import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// source sends count messages, one every delay.
func source(name string, count int, delay time.Duration) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for i := 1; i <= count; i++ {
			time.Sleep(delay)
			out <- fmt.Sprintf("%s#%d", name, i)
		}
	}()
	return out
}

// merge forwards every value of every input to one output channel, which it
// closes once all inputs are closed.
func merge(inputs ...<-chan string) <-chan string {
	out := make(chan string)
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func(in <-chan string) {
			defer wg.Done()
			for v := range in {
				out <- v
			}
		}(in)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	fast := source("fast", 3, 2*time.Millisecond)
	medium := source("medium", 2, 5*time.Millisecond)
	merged := merge(fast, medium)

	var got []string
	timeout := time.After(500 * time.Millisecond)
loop:
	for {
		select {
		case v, ok := <-merged:
			if !ok {
				break loop // Every source is done.
			}
			got = append(got, v)
		case <-timeout:
			fmt.Println("timed out")
			break loop
		}
	}
	sort.Strings(got) // Arrival order depends on timing; print a stable order.
	fmt.Println("received", len(got), "messages:", got)

	// A source that never sends: the timeout case wins.
	silent := make(chan string)
	select {
	case v := <-silent:
		fmt.Println("unexpected", v)
	case <-time.After(20 * time.Millisecond):
		fmt.Println("silent source: gave up after the timeout")
	}
}
