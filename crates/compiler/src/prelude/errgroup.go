// Goroscope prelude: golang.org/x/sync/errgroup. Same code and line layout as the corpus's
// stand-in (tests/programs/_xsync/errgroup/errgroup.go), so tracebacks through it name the
// same functions and lines as the goldens real Go produced against that module.
package errgroup

import (
	"context"
	"fmt"
	"sync"
)

// Group is a collection of goroutines working on subtasks of one task.
// The zero Group is valid: it has no limit and does not cancel on error.
type Group struct {
	cancel func(error) // cancels the context from WithContext, if any

	wg sync.WaitGroup

	slots chan struct{} // one token per active goroutine when a limit is set

	firstErr sync.Once
	err      error
}

// WithContext returns a new Group and a Context derived from ctx. The Context is
// cancelled the first time a function passed to Go returns a non-nil error, or the
// first time Wait returns, whichever comes first.
func WithContext(ctx context.Context) (*Group, context.Context) {
	derived, cancel := context.WithCancelCause(ctx)
	return &Group{cancel: cancel}, derived
}

// Go runs f in a new goroutine. When a limit is set, Go blocks until a slot is free.
// The first call to return a non-nil error cancels the group's context; Wait returns it.
func (g *Group) Go(f func() error) {
	if g.slots != nil {
		g.slots <- struct{}{}
	}
	g.start(f)
}

// TryGo runs f in a new goroutine only if the group is below its limit, and reports
// whether it did.
func (g *Group) TryGo(f func() error) bool {
	if g.slots != nil {
		select {
		case g.slots <- struct{}{}:
		default:
			return false
		}
	}
	g.start(f)
	return true
}

func (g *Group) start(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.finish()
		if err := f(); err != nil {
			g.record(err)
		}
	}()
}

func (g *Group) record(err error) {
	g.firstErr.Do(func() {
		g.err = err
		if g.cancel != nil {
			g.cancel(err)
		}
	})
}

func (g *Group) finish() {
	if g.slots != nil {
		<-g.slots
	}
	g.wg.Done()
}

// Wait blocks until every function started by Go has returned, then returns the first
// non-nil error (if any) from them.
func (g *Group) Wait() error {
	g.wg.Wait()
	if g.cancel != nil {
		g.cancel(g.err)
	}
	return g.err
}

// SetLimit limits the number of active goroutines to n; a negative n removes the limit.
// It must not be called while goroutines of the group are active.
func (g *Group) SetLimit(n int) {
	if n < 0 {
		g.slots = nil
		return
	}
	if active := len(g.slots); active != 0 {
		panic(fmt.Errorf("errgroup: modify limit while %v goroutines in the group are still active", active))
	}
	g.slots = make(chan struct{}, n)
}
