// rate_limiter.mg: serving requests at a steady rate with a time.Ticker.
//
// A Ticker delivers a tick every interval; receiving one before each request
// spaces them out. A buffered channel used as a token bucket allows a short
// burst first, then falls back to the ticker's pace.
import (
	"fmt"
	"time"
)

func main() {
	const interval = 20 * time.Millisecond
	requests := []string{"a", "b", "c", "d", "e"}

	// Steady: one request per tick.
	ticker := time.NewTicker(interval)
	start := time.Now()
	for _, r := range requests {
		<-ticker.C
		fmt.Println("served", r)
	}
	ticker.Stop()
	elapsed := time.Since(start)
	fmt.Println("5 requests took at least 5 intervals:", elapsed >= 5*interval)

	// Bursty: three tokens up front, then one per tick.
	bucket := make(chan time.Time, 3)
	for i := 0; i < 3; i++ {
		bucket <- time.Now()
	}
	refill := time.NewTicker(interval)
	defer refill.Stop()
	go func() {
		for t := range refill.C {
			select {
			case bucket <- t:
			default: // The bucket is full: drop the token.
			}
		}
	}()
	start = time.Now()
	for i := 1; i <= 6; i++ {
		<-bucket
		if i == 3 {
			fmt.Println("burst of 3 served without waiting:", time.Since(start) < interval)
		}
	}
	fmt.Println("6 bursty requests took at least 3 intervals:", time.Since(start) >= 3*interval)
}
