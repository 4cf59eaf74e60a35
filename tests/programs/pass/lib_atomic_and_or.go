// sync/atomic's And and Or (Go 1.23): functions and methods return the old value, and flag bits
// set by several goroutines all arrive.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var flags uint32 = 0b1010
	fmt.Println(atomic.OrUint32(&flags, 0b0101), flags)  // 10 15
	fmt.Println(atomic.AndUint32(&flags, 0b0110), flags) // 15 6
	var i int64 = -1
	fmt.Println(atomic.AndInt64(&i, 0xff), i, atomic.OrInt64(&i, 0x100), i)
	var j int32 = 12
	fmt.Println(atomic.AndInt32(&j, 4), atomic.OrInt32(&j, 3), j)
	var k uint64 = 1 << 40
	fmt.Println(atomic.OrUint64(&k, 1), atomic.AndUint64(&k, 1), k)

	var seen atomic.Uint32
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen.Or(1 << w)
		}()
	}
	wg.Wait()
	fmt.Printf("%08b\n", seen.Load())
	fmt.Printf("%08b\n", seen.And(0b11110000))
	fmt.Printf("%08b\n", seen.Load())

	var a atomic.Int32
	a.Store(7)
	fmt.Println(a.Or(8), a.And(5), a.Load())
	var b atomic.Int64
	var c atomic.Uint64
	b.Store(3)
	c.Store(3)
	fmt.Println(b.And(1), b.Or(6), b.Load(), c.Or(4), c.And(6), c.Load())
}
