// RWMutex.TryLock and TryRLock against an idle lock, active readers and a waiting writer,
// and RLocker as a sync.Locker over the read side.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var rw sync.RWMutex
	fmt.Println("idle:", rw.TryLock(), rw.TryRLock()) // the write lock shuts readers out
	rw.Unlock()

	rw.RLock()
	fmt.Println("reader in:", rw.TryRLock(), rw.TryLock()) // readers share; a writer may not enter
	rw.RUnlock()

	// A writer waits for the remaining reader; while it waits, new readers are refused too.
	done := make(chan bool)
	go func() {
		rw.Lock()
		fmt.Println("writer got the lock")
		time.Sleep(time.Millisecond)
		rw.Unlock()
		done <- true
	}()
	time.Sleep(time.Millisecond)
	fmt.Println("writer pending:", rw.TryRLock(), rw.TryLock())
	rw.RUnlock()
	<-done
	fmt.Println("after the writer:", rw.TryRLock())
	rw.RUnlock()

	var mu sync.RWMutex
	var l sync.Locker = mu.RLocker()
	l.Lock()
	l.Lock()
	fmt.Println("two read locks through RLocker, TryLock:", mu.TryLock())
	l.Unlock()
	l.Unlock()
	fmt.Println("released, TryLock:", mu.TryLock())
	mu.Unlock()
	fmt.Printf("%T\n", l)
}
