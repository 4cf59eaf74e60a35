"""Generates a random Go program for the channels differential test (tests/fuzz/differential.sh).

Usage: channels.py SEED STATEMENTS > prog.go

One goroutine and three channels with random capacities (0 to 3): non-blocking sends and receives in
select with default, receives with ok, select over a nil channel, close, sends on closed channels
(recovered panics), draining, len/cap and %T. At most one case is ever ready, so Go's output is
determined and the modelled hchan (ring buffer, closed state) must reproduce it.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])
K = 3
caps = [rnd.randint(0, 3) for _ in range(K)]
closed = [False] * K
lines = []
for i in range(N):
    c = rnd.randrange(K)
    r = rnd.random()
    if r < 0.3:
        if closed[c]:
            lines.append(f'\ttrySendClosed({i}, ch{c}, {rnd.randint(0, 99)})')
        else:
            lines.append(f'\tselect {{\n\tcase ch{c} <- {rnd.randint(0, 99)}:\n\t\tfmt.Println({i}, "sent to ch{c}", len(ch{c}), cap(ch{c}))\n\tdefault:\n\t\tfmt.Println({i}, "ch{c} full")\n\t}}')
    elif r < 0.55:
        lines.append(f'\tselect {{\n\tcase v, ok := <-ch{c}:\n\t\tfmt.Println({i}, "recv ch{c}", v, ok, len(ch{c}))\n\tdefault:\n\t\tfmt.Println({i}, "ch{c} empty")\n\t}}')
    elif r < 0.65:
        others = [j for j in range(K) if j != c]
        o = rnd.choice(others)
        lines.append(f'\tselect {{\n\tcase v := <-ch{c}:\n\t\tfmt.Println({i}, "first", v)\n\tcase <-nilch:\n\t\tfmt.Println("never")\n\tdefault:\n\t\tfmt.Println({i}, "none ready on ch{c}")\n\t}}')
    elif r < 0.72 and not closed[c]:
        closed[c] = True
        lines.append(f'\tclose(ch{c})\n\tfmt.Println({i}, "closed ch{c}", len(ch{c}))')
    elif r < 0.8:
        lines.append(f'\tfmt.Println({i}, len(ch0), cap(ch0), len(ch1), cap(ch1), len(ch2), cap(ch2))')
    elif r < 0.9:
        lines.append(f'\tfmt.Println({i}, "drain ch{c}", drain(ch{c}))')
    else:
        lines.append(f'\tfmt.Printf("{i} %v %v %T\\n", ch{c} == nil, nilch == nil, ch{c})')
print('''package main

import "fmt"

func trySendClosed(i int, ch chan int, v int) {
	defer func() { fmt.Println(i, "send on closed:", recover()) }()
	select {
	case ch <- v:
	default:
		fmt.Println(i, "full (closed)")
	}
}

func drain(ch chan int) []int {
	var got []int
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return append(got, -1)
			}
			got = append(got, v)
		default:
			return got
		}
	}
}

var nilch chan int

func main() {
''' + "\n".join(f"\tch{k} := make(chan int, {caps[k]})" for k in range(K)) + "\n" + "\n".join(lines) + "\n}")
