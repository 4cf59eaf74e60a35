// Panic: panicking with an error value prints its Error() text.
package main

import (
	"errors"
	"fmt"
)

var errConfig = errors.New("config missing")

func load() error { return fmt.Errorf("load settings: %w", errConfig) }

func main() {
	if err := load(); err != nil {
		panic(err)
	}
}
