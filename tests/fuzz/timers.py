"""Generates a random Go program for the timers differential test (tests/fuzz/differential.sh).

Usage: timers.py SEED ACTORS > prog.go

Goroutines and callbacks that wait on the clock — Sleep, AfterFunc, NewTimer, a select over two
time.After, Tickers, stopped and reset timers, context.WithTimeout — log what happens; every event time
is a multiple of 20 ms at least 15 ms from every other, so real Go's order is stable and the modelled
virtual clock must produce the same log.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])  # number of timed actors
def attempt():
    slots = rnd.sample(range(1, 40), N * 2)  # distinct multiples of 20ms
    lines = []
    events = []
    k = 0
    for a in range(N):
        t = slots[k] * 20; k += 1
        kind = rnd.choice(["sleep", "afterfunc", "timer", "after_select", "ticker", "stopped_timer", "reset_timer", "ctx_timeout"])
        if kind in ("sleep", "afterfunc", "timer", "ctx_timeout"):
            events.append(t)
        if kind == "sleep":
            lines.append(f'\twg.Add(1)\n\tgo func() {{\n\t\tdefer wg.Done()\n\t\ttime.Sleep({t} * time.Millisecond)\n\t\tlog("sleep {a}")\n\t}}()')
        elif kind == "afterfunc":
            lines.append(f'\twg.Add(1)\n\ttime.AfterFunc({t}*time.Millisecond, func() {{\n\t\tlog("afterfunc {a}")\n\t\twg.Done()\n\t}})')
        elif kind == "timer":
            lines.append(f'\twg.Add(1)\n\tgo func() {{\n\t\tdefer wg.Done()\n\t\ttm := time.NewTimer({t} * time.Millisecond)\n\t\t<-tm.C\n\t\tlog("timer {a}")\n\t}}()')
        elif kind == "after_select":
            t2 = slots[k] * 20; k += 1
            events.append(min(t, t2))
            lines.append(f'\twg.Add(1)\n\tgo func() {{\n\t\tdefer wg.Done()\n\t\tselect {{\n\t\tcase <-time.After({t} * time.Millisecond):\n\t\t\tlog("select {a} first")\n\t\tcase <-time.After({t2} * time.Millisecond):\n\t\t\tlog("select {a} second")\n\t\t}}\n\t}}()')
        elif kind == "ticker":
            n = rnd.randint(1, 3)
            events.extend(t * (i + 1) for i in range(n))
            lines.append(f'\twg.Add(1)\n\tgo func() {{\n\t\tdefer wg.Done()\n\t\ttk := time.NewTicker({t} * time.Millisecond)\n\t\tdefer tk.Stop()\n\t\tfor i := 0; i < {n}; i++ {{\n\t\t\t<-tk.C\n\t\t\tlog(fmt.Sprint("tick {a} #", i))\n\t\t}}\n\t}}()')
        elif kind == "stopped_timer":
            lines.append(f'\ttm{a} := time.AfterFunc({t}*time.Millisecond, func() {{ log("never {a}") }})\n\tlog(fmt.Sprint("stop {a}: ", tm{a}.Stop(), " ", tm{a}.Stop()))')
        elif kind == "reset_timer":
            t2 = slots[k] * 20; k += 1
            events.append(t2)
            lines.append(f'\twg.Add(1)\n\tgo func() {{\n\t\tdefer wg.Done()\n\t\ttm := time.NewTimer({t} * time.Millisecond)\n\t\tr := tm.Reset({t2} * time.Millisecond)\n\t\t<-tm.C\n\t\tlog(fmt.Sprint("reset timer {a} fired, Reset returned ", r))\n\t}}()')
        else:
            lines.append(f'\twg.Add(1)\n\tgo func() {{\n\t\tdefer wg.Done()\n\t\tctx, cancel := context.WithTimeout(context.Background(), {t}*time.Millisecond)\n\t\tdefer cancel()\n\t\t<-ctx.Done()\n\t\tlog(fmt.Sprint("ctx {a}: ", ctx.Err(), " ", context.Cause(ctx)))\n\t}}()')
    return lines, events

while True:
    lines, events = attempt()
    events.sort()
    if all(b - a >= 15 for a, b in zip(events, events[1:])):
        break
print('''package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

var (
	mu    sync.Mutex
	lines []string
)

var _ = context.Background

func log(s string) {
	mu.Lock()
	lines = append(lines, s)
	mu.Unlock()
}

func main() {
	var wg sync.WaitGroup
	start := time.Now()
''' + "\n".join(lines) + '''
	wg.Wait()
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	for _, l := range lines {
		fmt.Println(l)
	}
	mu.Unlock()
	fmt.Println(time.Since(start) >= 10*time.Millisecond)
}''')
