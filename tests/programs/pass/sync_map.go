// Sync: sync.Map Store, Load, LoadOrStore, LoadAndDelete, Delete and Range.
package main

import (
	"fmt"
	"slices"
	"sync"
)

func main() {
	var m sync.Map
	var wg sync.WaitGroup
	for i := 1; i <= 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Store(i, i*i)
		}()
	}
	wg.Wait()

	v, ok := m.Load(3)
	fmt.Println("load 3:", v, ok)
	v, loaded := m.LoadOrStore(3, 0)
	fmt.Println("load or store 3:", v, loaded)
	v, loaded = m.LoadOrStore(6, 36)
	fmt.Println("load or store 6:", v, loaded)
	v, loaded = m.LoadAndDelete(1)
	fmt.Println("load and delete 1:", v, loaded)
	m.Delete(2)
	_, ok = m.Load(2)
	fmt.Println("2 present:", ok)

	var keys []int
	m.Range(func(k, v any) bool { // Range order is unspecified: sort
		keys = append(keys, k.(int))
		return true
	})
	slices.Sort(keys)
	fmt.Println("keys:", keys)
}
