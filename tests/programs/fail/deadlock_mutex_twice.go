// Deadlock: locking a sync.Mutex twice in the same goroutine ([sync.Mutex.Lock]).
package main

import (
	"fmt"
	"sync"
)

type store struct {
	mu   sync.Mutex
	data map[string]int
}

func (s *store) get(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data[k]
}

func (s *store) incr(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = s.get(k) + 1 // get locks again: Mutex is not reentrant
}

func main() {
	s := &store{data: map[string]int{}}
	fmt.Println("incrementing")
	s.incr("x")
	fmt.Println("never printed")
}
