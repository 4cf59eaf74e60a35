// Deadlock fixed: only the exported methods lock; they share a helper that expects the lock held.
package main

import (
	"fmt"
	"sync"
)

type store struct {
	mu   sync.Mutex
	data map[string]int
}

// getLocked reads a value; the caller must hold s.mu.
func (s *store) getLocked(k string) int {
	return s.data[k]
}

func (s *store) get(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.getLocked(k)
}

func (s *store) incr(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = s.getLocked(k) + 1 // no second Lock
}

func main() {
	s := &store{data: map[string]int{}}
	fmt.Println("incrementing")
	s.incr("x")
	s.incr("x")
	fmt.Println("x =", s.get("x"))
}
