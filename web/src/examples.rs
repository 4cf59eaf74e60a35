//! The programs offered in the examples menu: each shows one thing about Go's runtime.

/// One example program.
pub struct Example {
    pub name: &'static str,
    /// What to watch while stepping through it.
    pub watch: &'static str,
    pub source: &'static str,
}

/// The examples, the page's initial program first.
pub const EXAMPLES: &[Example] = &[
    Example {
        name: "WaitGroup and a buffered channel",
        watch: "three workers fill the buffer while main waits on the WaitGroup",
        source: r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make(chan int, 3)
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * i
		}()
	}
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum of squares:", sum)
}
"#,
    },
    Example {
        name: "Leak: a sender nobody receives from",
        watch: "the sender piles up on the channel's sendq and stays there after main returns",
        source: r#"package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		ch <- 42 // nobody ever receives: this goroutine leaks
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main returns without receiving")
}
"#,
    },
    Example {
        name: "Deadlock: main sends to itself",
        watch: "main blocks on an unbuffered send; nothing else can run",
        source: r#"package main

import "fmt"

func main() {
	ch := make(chan int)
	ch <- 1
	fmt.Println(<-ch)
}
"#,
    },
    Example {
        name: "Mutex: four goroutines and a counter",
        watch: "waiters queue on the mutex while one goroutine holds it",
        source: r#"package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	count := 0
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			count++
			time.Sleep(time.Millisecond)
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("count:", count)
}
"#,
    },
    Example {
        name: "Select with a timeout",
        watch: "the timer on the virtual clock wins against a slow worker",
        source: r#"package main

import (
	"fmt"
	"time"
)

func main() {
	result := make(chan string, 1)
	go func() {
		time.Sleep(50 * time.Millisecond)
		result <- "done"
	}()
	select {
	case r := <-result:
		fmt.Println(r)
	case <-time.After(20 * time.Millisecond):
		fmt.Println("timeout")
	}
}
"#,
    },
    Example {
        name: "Pipeline: generator, squarer, printer",
        watch: "values hand off between goroutines through unbuffered channels",
        source: r#"package main

import "fmt"

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func main() {
	for v := range square(gen(4)) {
		fmt.Println(v)
	}
}
"#,
    },
    Example {
        name: "Context: a deadline cancels three workers",
        watch: "the context tree: the timeout closes its done channel, and cancellation reaches each worker's child context",
        source: r#"package main

import (
	"context"
	"fmt"
	"time"
)

func worker(ctx context.Context, id int, out chan<- string) {
	select {
	case <-time.After(time.Duration(id) * 30 * time.Millisecond):
		out <- fmt.Sprint("worker ", id, " done")
	case <-ctx.Done():
		out <- fmt.Sprint("worker ", id, ": ", context.Cause(ctx))
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	out := make(chan string)
	for id := 1; id <= 3; id++ {
		child, stop := context.WithCancel(ctx)
		defer stop()
		go worker(child, id, out)
	}
	for range 3 {
		fmt.Println(<-out)
	}
}
"#,
    },
];

#[cfg(test)]
mod tests {
    use super::EXAMPLES;
    use crate::playback::{Action, Mode, Playback};

    /// Every example compiles and ends as its description says.
    #[test]
    fn examples_run_to_their_documented_outcome() {
        let mut outcomes = Vec::new();
        for ex in EXAMPLES {
            let mut p = Playback::new(ex.source);
            p.update(Action::RunToEnd);
            assert!(p.problem().is_none(), "{}: {:?}", ex.name, p.problem());
            while p.mode == Mode::RunningToEnd {
                p.update(Action::RunChunk { max_steps: 10_000 });
            }
            let l = p.loaded().unwrap();
            let s = l.snapshot();
            outcomes.push(format!(
                "{}: {} | {:?} | leaked {}",
                ex.name,
                s.status,
                s.stdout,
                l.leaked().len()
            ));
        }
        expect_test::expect![[r#"
            WaitGroup and a buffered channel: exited with code 0 | "sum of squares: 14\n" | leaked 0
            Leak: a sender nobody receives from: exited with code 0 | "main returns without receiving\n" | leaked 1
            Deadlock: main sends to itself: fatal error: all goroutines are asleep - deadlock! | "" | leaked 1
            Mutex: four goroutines and a counter: exited with code 0 | "count: 4\n" | leaked 0
            Select with a timeout: exited with code 0 | "timeout\n" | leaked 1
            Pipeline: generator, squarer, printer: exited with code 0 | "1\n4\n9\n16\n" | leaked 0
            Context: a deadline cancels three workers: exited with code 0 | "worker 1 done\nworker 3: context deadline exceeded\nworker 2: context deadline exceeded\n" | leaked 0"#]]
        .assert_eq(&outcomes.join("\n"));
    }
}
