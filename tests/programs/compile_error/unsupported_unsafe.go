// unsupported: unsafe
// Unsupported: package unsafe (pointer arithmetic and sizes).
package main

import (
	"fmt"
	"unsafe"
)

type header struct {
	a int32
	b int64
}

func main() {
	var h header
	fmt.Println(unsafe.Sizeof(h), unsafe.Offsetof(h.b), unsafe.Alignof(h.b))
	x := int64(7)
	p := (*int32)(unsafe.Pointer(&x))
	fmt.Println(*p)
}
