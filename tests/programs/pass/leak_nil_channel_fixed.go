// Leak fixed: a constructor makes the channel, and closing it ends the listener's range.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type service struct {
	events chan string
}

func newService() *service {
	return &service{events: make(chan string)} // made once, in the constructor
}

func (s *service) listen(seen *int, done chan<- struct{}) {
	defer close(done)
	for e := range s.events { // ends when events is closed
		*seen++
		fmt.Println("event", e)
	}
}

func main() {
	s := newService()
	seen := 0
	done := make(chan struct{})
	go s.listen(&seen, done)
	s.events <- "started"
	s.events <- "stopped"
	close(s.events)
	<-done
	time.Sleep(10 * time.Millisecond)
	fmt.Println("events seen:", seen, "channel is nil:", s.events == nil)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
