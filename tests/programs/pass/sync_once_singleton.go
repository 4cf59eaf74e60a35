// Sync: sync.Once builds a singleton exactly once, however many goroutines ask for it.
package main

import (
	"fmt"
	"sync"
)

type Config struct {
	Name    string
	Retries int
}

var (
	once     sync.Once
	instance *Config
	builds   int
)

func GetConfig() *Config {
	once.Do(func() {
		builds++
		instance = &Config{Name: "prod", Retries: 3}
	})
	return instance
}

func main() {
	var wg sync.WaitGroup
	ptrs := make([]*Config, 20)
	for i := range ptrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ptrs[i] = GetConfig()
		}()
	}
	wg.Wait()
	same := true
	for _, p := range ptrs {
		same = same && p == ptrs[0]
	}
	fmt.Printf("%+v built %d time(s), all same pointer: %v\n", *GetConfig(), builds, same)
}
