// pubsub.mg: a publish/subscribe broker owned by one goroutine.
//
// Instead of guarding the subscriber list with a lock, one goroutine owns it
// and everyone else talks to it through channels ("share memory by
// communicating"). Subscribers get their own buffered channel; closing the
// broker closes every subscriber channel, which ends their range loops.
import (
	"fmt"
	"sync"
)

type broker struct {
	subscribe chan chan string
	publish   chan string
	quit      chan struct{}
}

func newBroker() *broker {
	b := &broker{
		subscribe: make(chan chan string),
		publish:   make(chan string),
		quit:      make(chan struct{}),
	}
	go b.run()
	return b
}

// run is the only goroutine that touches subs.
func (b *broker) run() {
	var subs []chan string
	for {
		select {
		case s := <-b.subscribe:
			subs = append(subs, s)
		case msg := <-b.publish:
			for _, s := range subs {
				s <- msg
			}
		case <-b.quit:
			for _, s := range subs {
				close(s)
			}
			return
		}
	}
}

func (b *broker) Subscribe() <-chan string {
	s := make(chan string, 8)
	b.subscribe <- s
	return s
}

func (b *broker) Publish(msg string) { b.publish <- msg }
func (b *broker) Close()             { close(b.quit) }

func main() {
	b := newBroker()
	var wg sync.WaitGroup
	received := make([][]string, 3)
	for i := 0; i < 3; i++ {
		sub := b.Subscribe()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for msg := range sub {
				received[i] = append(received[i], msg)
			}
		}()
	}
	for _, m := range []string{"hello", "news", "bye"} {
		b.Publish(m)
	}
	b.Close()
	wg.Wait()
	for i, msgs := range received {
		fmt.Println("subscriber", i, "got", msgs)
	}
}
