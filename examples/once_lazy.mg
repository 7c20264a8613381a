// once_lazy.mg: lazy initialization with sync.Once.
//
// Many goroutines ask for the configuration at the same time; Once.Do runs the
// loader exactly once, and every caller returns only after it has finished, so
// nobody sees a half-built value.
import (
	"fmt"
	"sync"
)

type config struct {
	name    string
	workers int
}

var (
	loadOnce sync.Once
	cfg      *config
	loads    int // Only the loader writes it, and only once.
)

func loadConfig() {
	loads++
	cfg = &config{name: "production", workers: 8}
}

// getConfig is safe to call from any goroutine.
func getConfig() *config {
	loadOnce.Do(loadConfig)
	return cfg
}

func main() {
	var wg sync.WaitGroup
	names := make([]string, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			names[i] = getConfig().name
		}()
	}
	wg.Wait()
	fmt.Println("every goroutine saw:", names[0], "and all agree:", allSame(names))
	fmt.Println("loader ran", loads, "time(s); workers =", getConfig().workers)

	// A panicking function still counts as done: Do never runs it again.
	var once sync.Once
	calls := 0
	for i := 0; i < 3; i++ {
		func() {
			defer func() { recover() }()
			once.Do(func() {
				calls++
				panic("boom")
			})
		}()
	}
	fmt.Println("panicking function ran", calls, "time(s)")
}

func allSame(xs []string) bool {
	for _, x := range xs {
		if x != xs[0] {
			return false
		}
	}
	return true
}
