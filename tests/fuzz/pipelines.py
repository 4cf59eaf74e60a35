"""Generates a random Go program for the pipelines differential test (tests/fuzz/differential.sh).

Usage: pipelines.py SEED PIPELINES > prog.go

Each pipeline: a producer, one to four stages of one to four workers (range or select over the input
channel, with a mutex counter or an atomic counter), buffered or unbuffered channels, a WaitGroup
closer per stage that reports its counts, and a collector that sorts and sums. The output does not
depend on the schedule, so the CLI must print exactly what Go prints, with any GOMAXPROCS and seed.
"""
import random, sys
rnd = random.Random(int(sys.argv[1]))
N = int(sys.argv[2])  # number of pipelines
parts = []
for p in range(N):
    stages = rnd.randint(1, 4)
    items = rnd.randint(0, 40)
    lines = [f"func pipeline{p}() {{", f"\tsrc := make(chan int, {rnd.randint(0, 3)})",
             f"\tgo func() {{\n\t\tdefer close(src)\n\t\tfor i := 0; i < {items}; i++ {{\n\t\t\tsrc <- i\n\t\t}}\n\t}}()",
             "\tvar in <-chan int = src"]
    for s in range(stages):
        w = rnd.randint(1, 4); buf = rnd.randint(0, 3); a = rnd.randint(1, 7); b = rnd.randint(0, 9)
        kind = rnd.choice(["plain", "mutex", "atomic", "select"])
        lines.append(f"\t{{\n\t\tout := make(chan int, {buf})\n\t\tvar wg sync.WaitGroup\n\t\tvar mu sync.Mutex\n\t\t_ = &mu\n\t\tseen := 0\n\t\tvar hits atomic.Int64")
        lines.append(f"\t\tfor w := 0; w < {w}; w++ {{\n\t\t\twg.Add(1)\n\t\t\tgo func(in <-chan int) {{\n\t\t\t\tdefer wg.Done()")
        if kind == "select":
            lines.append(f"\t\t\t\tfor {{\n\t\t\t\t\tselect {{\n\t\t\t\t\tcase v, ok := <-in:\n\t\t\t\t\t\tif !ok {{\n\t\t\t\t\t\t\treturn\n\t\t\t\t\t\t}}\n\t\t\t\t\t\tout <- (v*{a} + {b}) % 1000\n\t\t\t\t\t}}\n\t\t\t\t}}")
        else:
            body = f"out <- (v*{a} + {b}) % 1000"
            if kind == "mutex":
                body = f"mu.Lock()\n\t\t\t\t\tseen++\n\t\t\t\t\tmu.Unlock()\n\t\t\t\t\t" + body
            elif kind == "atomic":
                body = "hits.Add(1)\n\t\t\t\t\t" + body
            lines.append(f"\t\t\t\tfor v := range in {{\n\t\t\t\t\t{body}\n\t\t\t\t}}")
        lines.append(f"\t\t\t}}(in)\n\t\t}}\n\t\tgo func() {{\n\t\t\twg.Wait()\n\t\t\tfmt.Println(\"stage {p}.{s} done\", seen, hits.Load())\n\t\t\tclose(out)\n\t\t}}()\n\t\tin = out\n\t}}")
    lines.append("\tvar got []int\n\tfor v := range in {\n\t\tgot = append(got, v)\n\t}\n\tslices.Sort(got)\n\tsum := 0\n\tfor _, v := range got {\n\t\tsum += v\n\t}")
    lines.append(f"\tfmt.Println(\"pipeline {p}:\", len(got), sum, got[:min(5, len(got))])\n}}")
    parts.append("\n".join(lines))
calls = "\n".join(f"\tpipeline{p}()" for p in range(N))
print('package main\n\nimport (\n\t"fmt"\n\t"slices"\n\t"sync"\n\t"sync/atomic"\n)\n\n' + "\n\n".join(parts) + f"\n\nfunc main() {{\n{calls}\n\tfmt.Println(\"all done\")\n}}")
