// Deadlock: a pending timer is not a deadlock; once it has fired and nothing else can run, it is.
package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	select {
	case v := <-ch:
		fmt.Println(v)
	case <-time.After(50 * time.Millisecond):
		fmt.Println("timeout")
	}
	<-ch // no timer left: deadlock
}
