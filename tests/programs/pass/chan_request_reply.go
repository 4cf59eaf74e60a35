// Channels: a request carries its own reply channel (a channel of channels), served by one goroutine.
package main

import "fmt"

type request struct {
	key   string
	reply chan int
}

func server(requests <-chan request) {
	store := map[string]int{"apples": 3, "pears": 7}
	for req := range requests {
		req.reply <- store[req.key]
	}
}

func main() {
	requests := make(chan request)
	go server(requests)
	for _, k := range []string{"apples", "pears", "plums"} {
		r := request{key: k, reply: make(chan int)}
		requests <- r
		fmt.Printf("%s: %d\n", k, <-r.reply)
	}
	close(requests)
}
