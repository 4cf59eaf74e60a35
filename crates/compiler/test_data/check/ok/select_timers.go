package main

import (
	"fmt"
	"time"
)

func ping(out chan<- string, n int) {
	for i := range n {
		out <- fmt.Sprint("ping ", i)
		time.Sleep(time.Millisecond)
	}
	close(out)
}

func main() {
	pings := make(chan string)
	quit := make(chan struct{})
	done := make(chan bool, 1)
	go ping(pings, 3)
	go func() {
		time.Sleep(20 * time.Millisecond)
		close(quit)
	}()
	tick := time.Tick(5 * time.Millisecond)
	var nilCh chan int
	for pings != nil {
		select {
		case msg, ok := <-pings:
			if !ok {
				pings = nil
				continue
			}
			fmt.Println(msg)
		case <-tick:
		case v := <-nilCh:
			fmt.Println("never", v)
		case <-quit:
			fmt.Println("quit")
			pings = nil
		}
	}
	select {
	case done <- true:
	default:
		fmt.Println("full")
	}
	t := time.AfterFunc(time.Millisecond, func() { fmt.Println("fired") })
	defer t.Stop()
	deadline := time.Now().Add(50 * time.Millisecond)
	for time.Now().Before(deadline) {
		select {
		case <-time.After(10 * time.Millisecond):
		}
		break
	}
	fmt.Println(<-done)
}
