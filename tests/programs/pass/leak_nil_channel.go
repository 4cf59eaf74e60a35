// Leak: a goroutine receives from a channel that was never made (nil) and waits forever.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type service struct {
	events chan string // forgot to make() it
}

func (s *service) listen(seen *int) {
	for e := range s.events { // ranging over a nil channel blocks forever
		*seen++
		fmt.Println("event", e)
	}
}

func main() {
	s := &service{}
	seen := 0
	go s.listen(&seen)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("events seen:", seen, "channel is nil:", s.events == nil)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
