// Goroscope prelude: package sync/atomic. The modelled runtime executes one goroutine step at a
// time, so atomic operations are plain loads and stores (they never block or yield).
package atomic

import "fmt"

func AddInt32(addr *int32, delta int32) (new int32)       { *addr += delta; return *addr }
func AddInt64(addr *int64, delta int64) (new int64)       { *addr += delta; return *addr }
func AddUint32(addr *uint32, delta uint32) (new uint32)   { *addr += delta; return *addr }
func AddUint64(addr *uint64, delta uint64) (new uint64)   { *addr += delta; return *addr }
func LoadInt32(addr *int32) (val int32)                   { return *addr }
func LoadInt64(addr *int64) (val int64)                   { return *addr }
func LoadUint32(addr *uint32) (val uint32)                { return *addr }
func LoadUint64(addr *uint64) (val uint64)                { return *addr }
func StoreInt32(addr *int32, val int32)                   { *addr = val }
func StoreInt64(addr *int64, val int64)                   { *addr = val }
func StoreUint32(addr *uint32, val uint32)                { *addr = val }
func StoreUint64(addr *uint64, val uint64)                { *addr = val }
func SwapInt32(addr *int32, new int32) (old int32)        { old = *addr; *addr = new; return old }
func SwapInt64(addr *int64, new int64) (old int64)        { old = *addr; *addr = new; return old }
func SwapUint32(addr *uint32, new uint32) (old uint32)    { old = *addr; *addr = new; return old }
func SwapUint64(addr *uint64, new uint64) (old uint64)    { old = *addr; *addr = new; return old }

func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool) {
	if *addr == old {
		*addr = new
		return true
	}
	return false
}

func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool) {
	if *addr == old {
		*addr = new
		return true
	}
	return false
}

func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool) {
	if *addr == old {
		*addr = new
		return true
	}
	return false
}

func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool) {
	if *addr == old {
		*addr = new
		return true
	}
	return false
}

// And* and Or* (Go 1.23) return the old value.
func AndInt32(addr *int32, mask int32) (old int32) { old = *addr; *addr &= mask; return old }
func OrInt32(addr *int32, mask int32) (old int32)  { old = *addr; *addr |= mask; return old }
func AndInt64(addr *int64, mask int64) (old int64) { old = *addr; *addr &= mask; return old }
func OrInt64(addr *int64, mask int64) (old int64)  { old = *addr; *addr |= mask; return old }
func AndUint32(addr *uint32, mask uint32) (old uint32) { old = *addr; *addr &= mask; return old }
func OrUint32(addr *uint32, mask uint32) (old uint32)  { old = *addr; *addr |= mask; return old }
func AndUint64(addr *uint64, mask uint64) (old uint64) { old = *addr; *addr &= mask; return old }
func OrUint64(addr *uint64, mask uint64) (old uint64)  { old = *addr; *addr |= mask; return old }

type Int32 struct {
	v int32
}

func (x *Int32) Load() int32           { return x.v }
func (x *Int32) Store(val int32)       { x.v = val }
func (x *Int32) Swap(new int32) (old int32) {
	old = x.v
	x.v = new
	return old
}
func (x *Int32) CompareAndSwap(old, new int32) (swapped bool) { return CompareAndSwapInt32(&x.v, old, new) }
func (x *Int32) Add(delta int32) (new int32)                  { x.v += delta; return x.v }
func (x *Int32) And(mask int32) (old int32) { return AndInt32(&x.v, mask) }
func (x *Int32) Or(mask int32) (old int32)  { return OrInt32(&x.v, mask) }

type Int64 struct {
	v int64
}

func (x *Int64) Load() int64           { return x.v }
func (x *Int64) Store(val int64)       { x.v = val }
func (x *Int64) Swap(new int64) (old int64) {
	old = x.v
	x.v = new
	return old
}
func (x *Int64) CompareAndSwap(old, new int64) (swapped bool) { return CompareAndSwapInt64(&x.v, old, new) }
func (x *Int64) Add(delta int64) (new int64)                  { x.v += delta; return x.v }
func (x *Int64) And(mask int64) (old int64) { return AndInt64(&x.v, mask) }
func (x *Int64) Or(mask int64) (old int64)  { return OrInt64(&x.v, mask) }

type Uint32 struct {
	v uint32
}

func (x *Uint32) Load() uint32      { return x.v }
func (x *Uint32) Store(val uint32)  { x.v = val }
func (x *Uint32) Swap(new uint32) (old uint32) {
	old = x.v
	x.v = new
	return old
}
func (x *Uint32) Add(delta uint32) (new uint32)                  { x.v += delta; return x.v }
func (x *Uint32) And(mask uint32) (old uint32) { return AndUint32(&x.v, mask) }
func (x *Uint32) Or(mask uint32) (old uint32)  { return OrUint32(&x.v, mask) }
func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool) { return CompareAndSwapUint32(&x.v, old, new) }

type Uint64 struct {
	v uint64
}

func (x *Uint64) Load() uint64      { return x.v }
func (x *Uint64) Store(val uint64)  { x.v = val }
func (x *Uint64) Swap(new uint64) (old uint64) {
	old = x.v
	x.v = new
	return old
}
func (x *Uint64) Add(delta uint64) (new uint64)                  { x.v += delta; return x.v }
func (x *Uint64) And(mask uint64) (old uint64) { return AndUint64(&x.v, mask) }
func (x *Uint64) Or(mask uint64) (old uint64)  { return OrUint64(&x.v, mask) }
func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool) { return CompareAndSwapUint64(&x.v, old, new) }

type Bool struct {
	v bool
}

func (x *Bool) Load() bool      { return x.v }
func (x *Bool) Store(val bool)  { x.v = val }
func (x *Bool) Swap(new bool) (old bool) {
	old = x.v
	x.v = new
	return old
}
func (x *Bool) CompareAndSwap(old, new bool) (swapped bool) {
	if x.v == old {
		x.v = new
		return true
	}
	return false
}

// Value holds a value of one consistent dynamic type (checked by name, like Go's panics).
type Value struct {
	v any
}

func (v *Value) Load() (val any) { return v.v }

func (v *Value) Store(val any) {
	v.checkNew(val, "store")
	v.v = val
}

func (v *Value) Swap(new any) (old any) {
	v.checkNew(new, "swap")
	old = v.v
	v.v = new
	return old
}

func (v *Value) CompareAndSwap(old, new any) (swapped bool) {
	v.checkNew(new, "compare and swap")
	if old != nil && fmt.Sprintf("%T", old) != fmt.Sprintf("%T", new) {
		panic("sync/atomic: compare and swap of inconsistently typed values")
	}
	if v.v != old {
		return false
	}
	v.v = new
	return true
}

func (v *Value) checkNew(val any, op string) {
	if val == nil {
		panic("sync/atomic: " + op + " of nil value into Value")
	}
	if v.v != nil && fmt.Sprintf("%T", v.v) != fmt.Sprintf("%T", val) {
		panic("sync/atomic: " + op + " of inconsistently typed value into Value")
	}
}

type Pointer[T any] struct {
	v *T
}

func (x *Pointer[T]) Load() *T     { return x.v }
func (x *Pointer[T]) Store(val *T) { x.v = val }
func (x *Pointer[T]) Swap(new *T) (old *T) {
	old = x.v
	x.v = new
	return old
}
func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	if x.v == old {
		x.v = new
		return true
	}
	return false
}
