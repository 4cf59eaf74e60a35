//! Package context reports its tree to the runtime (prelude/context.go's `track`, `trackDone` and
//! `trackCancel` intrinsics, runtime::context), so front ends can draw it. The reports must not change
//! what the program prints (the expected stdout is real Go 1.23's, checked with `go run`), and the tree
//! must say what package context did: the parents, the kinds (a WithDeadline later than its parent's
//! deadline is a WithCancel, as in Go), the lazily made done channels, and who cancelled what and why.

use runtime::runtime::{Config, Runtime};

const PROGRAM: &str = r#"package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type key struct{ name string }

// plain is a Context the program implements itself.
type plain struct {
	context.Context
	done chan struct{}
}

func (p plain) Done() <-chan struct{} { return p.done }
func (p plain) Err() error {
	select {
	case <-p.done:
		return context.Canceled
	default:
		return nil
	}
}

func main() {
	bg := context.Background()
	parent, cancel := context.WithTimeout(bg, time.Second)
	later, stopLater := context.WithDeadline(parent, time.Now().Add(time.Hour))
	defer stopLater()
	v := context.WithValue(later, key{"id"}, 7)
	keep := context.WithoutCancel(v)
	fired := make(chan string, 1)
	stop := context.AfterFunc(v, func() { fired <- "after" })
	_ = stop
	cause, cancelCause := context.WithCancelCause(context.TODO())
	cancelCause(errors.New("bye"))
	p := plain{Context: bg, done: make(chan struct{})}
	child, cancelChild := context.WithCancel(p)
	defer cancelChild()
	close(p.done)
	<-child.Done()
	cancel()
	fmt.Println(<-fired, later.Err(), keep.Err(), v.Value(key{"id"}), context.Cause(cause), child.Err())
}
"#;

#[test]
fn the_context_tree_follows_package_context() {
    let program = compiler::compile("prog.go", PROGRAM).expect("compiles");
    let mut rt = Runtime::new(program, Config::default()).expect("loads");
    let mut cancellations = Vec::new();
    while rt.status().is_running() {
        let step = rt.step();
        rt.check_invariants();
        cancellations.extend(
            step.events
                .iter()
                .filter(|e| matches!(e, runtime::Event::ContextCancelled { .. }))
                .map(|e| e.to_string()),
        );
    }
    assert_eq!(rt.status().exit_code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(rt.stdout()),
        "after context canceled <nil> 7 bye context canceled\n"
    );
    let tree: Vec<String> = rt
        .contexts()
        .iter()
        .map(|c| {
            let mut line = format!("{} {}", c.id, c.kind.function());
            if let Some(p) = c.parent {
                line += &format!(" <- {p}");
            }
            if c.foreign_parent {
                line += " <- the program's own Context";
            }
            if let (Some(t), Some(k), Some(v)) = (&c.key_type, &c.key, &c.value) {
                line += &format!(" [{t} {k} = {v}]");
            }
            if c.deadline_ns.is_some() {
                line += " (deadline)";
            }
            if let Some(d) = c.done {
                line += &format!(" done=chan {}", d.0);
            }
            if let Some(x) = &c.cancelled {
                line += &format!(" cancelled by G{}: {} / {}", x.by.0, x.err, x.cause);
            }
            line
        })
        .collect();
    assert_eq!(
        tree.join("\n"),
        "\
context 0 context.Background
context 1 context.WithDeadline <- context 0 (deadline) done=chan 1 cancelled by G1: context canceled / context canceled
context 2 context.WithCancel <- context 1 done=chan 3 cancelled by G1: context canceled / context canceled
context 3 context.WithValue <- context 2 [main.key {id} = 7]
context 4 context.WithoutCancel <- context 3
context 5 context.AfterFunc <- context 3 done=chan 0 cancelled by G1: context canceled / context canceled
context 6 context.TODO
context 7 context.WithCancel <- context 6 done=chan 0 cancelled by G1: context canceled / bye
context 8 context.WithCancel <- the program's own Context done=chan 5 cancelled by G6: context canceled / context canceled"
    );
    assert_eq!(
        cancellations.join("\n"),
        "\
G1 cancelled context 7: context canceled (cause: bye)
G6 cancelled context 8: context canceled
G1 cancelled context 1: context canceled
G1 cancelled context 2: context canceled
G1 cancelled context 5: context canceled"
    );
}

#[test]
fn a_deadline_cancels_its_context_from_the_timer() {
    let src = "package main\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {\n\tctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)\n\tdefer cancel()\n\t<-ctx.Done()\n\tfmt.Println(ctx.Err())\n}\n";
    let program = compiler::compile("prog.go", src).expect("compiles");
    let mut rt = Runtime::new(program, Config::default()).expect("loads");
    rt.run_to_end();
    assert_eq!(
        String::from_utf8_lossy(rt.stdout()),
        "context deadline exceeded\n"
    );
    let c = &rt.contexts()[1];
    let start = 1_257_894_000_000_000_000i64;
    assert_eq!(c.deadline_ns, Some(start + 20_000_000));
    let x = c.cancelled.as_ref().expect("cancelled");
    assert_eq!(
        x.at_ns,
        start + 20_000_000,
        "at the deadline, on the virtual clock"
    );
    assert_eq!(x.err, "context deadline exceeded");
    assert_ne!(x.by.0, 1, "by the timer's goroutine, not main");
}
