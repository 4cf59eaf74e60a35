// Atomics: atomic.Int64, Int32, Bool and Value, plus the function forms and CompareAndSwap.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type settings struct {
	Level string
	Limit int
}

func main() {
	var hits atomic.Int64
	var plain int32
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits.Add(5)
			atomic.AddInt32(&plain, 1)
		}()
	}
	wg.Wait()
	fmt.Println("hits:", hits.Load(), "plain:", atomic.LoadInt32(&plain))

	var flag atomic.Bool
	fmt.Println("swap false->true:", flag.CompareAndSwap(false, true), flag.Load())
	fmt.Println("swap again:", flag.CompareAndSwap(false, true))
	fmt.Println("old value from Swap:", flag.Swap(false))

	var n atomic.Int32
	n.Store(7)
	fmt.Println("swap:", n.Swap(9), n.Load())

	var cfg atomic.Value
	fmt.Println("empty Value:", cfg.Load())
	cfg.Store(settings{"debug", 10})
	cfg.Store(settings{"info", 20})
	fmt.Printf("%+v\n", cfg.Load().(settings))

	var u atomic.Uint64
	u.Add(^uint64(0)) // adding all ones subtracts 1 from 0
	fmt.Println("wrapped:", u.Load())
}
