// Sync: a sync.Pool recycles buffers; Get returns a pooled value or calls New.
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufPool = sync.Pool{
	New: func() any { return new(bytes.Buffer) },
}

func render(name string, n int) string {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset() // a recycled buffer may hold old data
	fmt.Fprintf(buf, "%s has %d item(s)", name, n)
	return buf.String()
}

func main() {
	var wg sync.WaitGroup
	out := make([]string, 4)
	for i, name := range []string{"ann", "bob", "cy", "di"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = render(name, i+1)
		}()
	}
	wg.Wait()
	for _, s := range out {
		fmt.Println(s)
	}
	var empty sync.Pool
	fmt.Println("Get from a pool without New:", empty.Get())
}
