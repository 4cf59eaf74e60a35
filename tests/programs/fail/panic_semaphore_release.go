// Panic: releasing more weight than a semaphore holds.
package main

import (
	"fmt"

	"golang.org/x/sync/semaphore"
)

func main() {
	sem := semaphore.NewWeighted(2)
	fmt.Println("try:", sem.TryAcquire(1))
	sem.Release(2)
}
