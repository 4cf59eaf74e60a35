// Sync: bank transfers lock two accounts in a fixed order so they can never deadlock.
package main

import (
	"fmt"
	"sync"
)

type Account struct {
	ID      int
	mu      sync.Mutex
	balance int
}

func transfer(from, to *Account, amount int) {
	first, second := from, to
	if to.ID < from.ID { // always lock the lower ID first
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

func main() {
	accounts := []*Account{{ID: 0, balance: 100}, {ID: 1, balance: 100}, {ID: 2, balance: 100}}
	var wg sync.WaitGroup
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			transfer(accounts[i%3], accounts[(i+1)%3], i)
		}()
	}
	wg.Wait()
	total := 0
	for _, a := range accounts {
		fmt.Printf("account %d: %d\n", a.ID, a.balance)
		total += a.balance
	}
	fmt.Println("total:", total)
}
