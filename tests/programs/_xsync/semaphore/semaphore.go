// Package semaphore is a local stand-in for golang.org/x/sync/semaphore, written for the
// Goroscope corpus from the package's documented API: a weighted semaphore whose
// waiters are served first come, first served.
package semaphore

import (
	"context"
	"sync"
)

type waiter struct {
	n     int64
	ready chan struct{} // closed once the waiter holds its weight
}

// Weighted bounds concurrent access to a resource; callers acquire a weight.
type Weighted struct {
	size    int64
	held    int64
	mu      sync.Mutex
	waiters []*waiter // FIFO
}

// NewWeighted returns a semaphore with the given maximum combined weight.
func NewWeighted(n int64) *Weighted {
	return &Weighted{size: n}
}

// Acquire acquires weight n, blocking until it is available or ctx is done.
// On success it returns nil; on failure it returns ctx.Err() and leaves the
// semaphore unchanged.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	done := ctx.Done()
	s.mu.Lock()
	select {
	case <-done:
		s.mu.Unlock()
		return ctx.Err()
	default:
	}
	if s.size-s.held >= n && len(s.waiters) == 0 {
		s.held += n
		s.mu.Unlock()
		return nil
	}
	if n > s.size {
		// Can never succeed: wait for the context only.
		s.mu.Unlock()
		<-done
		return ctx.Err()
	}
	w := &waiter{n: n, ready: make(chan struct{})}
	s.waiters = append(s.waiters, w)
	s.mu.Unlock()

	select {
	case <-w.ready:
		return nil
	case <-done:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-w.ready:
		// Granted while the context was being cancelled: give the weight back.
		s.held -= n
		s.wake()
	default:
		first := len(s.waiters) > 0 && s.waiters[0] == w
		s.remove(w)
		if first && s.size > s.held {
			s.wake()
		}
	}
	return ctx.Err()
}

// TryAcquire acquires weight n without blocking and reports whether it succeeded.
func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size-s.held >= n && len(s.waiters) == 0 {
		s.held += n
		return true
	}
	return false
}

// Release releases weight n.
func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held -= n
	if s.held < 0 {
		panic("semaphore: released more than held")
	}
	s.wake()
}

// wake grants waiters in FIFO order while they fit; the first one that does not fit
// keeps everyone behind it waiting, so large requests are not starved.
func (s *Weighted) wake() {
	for len(s.waiters) > 0 {
		w := s.waiters[0]
		if s.size-s.held < w.n {
			return
		}
		s.held += w.n
		s.waiters = s.waiters[1:]
		close(w.ready)
	}
}

func (s *Weighted) remove(w *waiter) {
	for i, x := range s.waiters {
		if x == w {
			s.waiters = append(s.waiters[:i], s.waiters[i+1:]...)
			return
		}
	}
}
