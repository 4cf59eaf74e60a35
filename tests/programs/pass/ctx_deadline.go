// Context: WithDeadline; a child cannot extend its parent's deadline.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	parent, cancel := context.WithDeadline(context.Background(), start.Add(50*time.Millisecond))
	defer cancel()
	child, cancelChild := context.WithTimeout(parent, time.Hour)
	defer cancelChild()

	pd, ok := parent.Deadline()
	cd, _ := child.Deadline()
	fmt.Println("parent has deadline:", ok)
	fmt.Println("child deadline equals parent's:", cd.Equal(pd))
	_, ok = context.Background().Deadline()
	fmt.Println("background has deadline:", ok)

	<-child.Done()
	fmt.Println("child:", child.Err())
	fmt.Println("parent:", parent.Err())
	fmt.Println("waited at least 50ms:", time.Since(start) >= 50*time.Millisecond)
}
