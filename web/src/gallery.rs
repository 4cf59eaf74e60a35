//! The examples gallery (issue 6): the classic goroutine leaks, deadlocks and panics, each as a broken
//! program next to its fix, then the patterns that work and demonstrations of the scheduler's G, M and P.
//!
//! Every program is a corpus program of `tests/programs/` (included here with `include_str!`), so each one
//! has goldens recorded from real Go 1.23 and is also checked by the CLI's corpus test. Each program states
//! its documented [`Outcome`]; the test at the bottom runs every program through the compiler and the
//! runtime, as the page does, and checks that outcome, the exit code and that stdout is the golden's.
//!
//! Invariants: slugs are unique and URL-safe (`[a-z0-9-]`); a [`Case`] has one program (a pattern) or two
//! (the broken one first, then its fix).

/// Includes a corpus program by its path under `tests/programs/` without the `.go`.
macro_rules! corpus {
    ($path:literal) => {
        Source {
            path: $path,
            text: include_str!(concat!("../../tests/programs/", $path, ".go")),
        }
    };
    // A program with files: a txtar archive (the Go program, then `-- NAME --` sections).
    ($path:literal, txtar) => {
        Source {
            path: $path,
            text: include_str!(concat!("../../tests/programs/", $path, ".txtar")),
        }
    };
}

/// A corpus program: where it lives and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The path under `tests/programs/` without `.go`, e.g. `pass/leak_ticker` (its goldens sit next to it).
    pub path: &'static str,
    pub text: &'static str,
}

/// How a program ends when run to the end under the Go-like policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// main returns with exit code 0 and no goroutine is left blocked.
    Exits,
    /// main returns with exit code 0 and leaves `count` goroutines blocked for good, waiting in `reason`.
    Leaks { count: usize, reason: &'static str },
    /// `fatal error: all goroutines are asleep - deadlock!` (exit 2) with main blocked in `reason`.
    Deadlock { reason: &'static str },
    /// `panic: <message>` (exit 2).
    Panics { message: &'static str },
}

impl Outcome {
    /// One line for the page: "leaks 2 goroutines [chan send]".
    pub fn describe(&self) -> String {
        match self {
            Outcome::Exits => "exits cleanly, nothing left behind".to_string(),
            Outcome::Leaks { count: 1, reason } => {
                format!("main returns, 1 goroutine leaks [{reason}]")
            }
            Outcome::Leaks { count, reason } => {
                format!("main returns, {count} goroutines leak [{reason}]")
            }
            Outcome::Deadlock { reason } => format!("deadlock: main blocks in [{reason}]"),
            Outcome::Panics { message } => format!("panic: {message}"),
        }
    }

    /// A short machine-readable form for the page's `data-outcome` (read by the browser tests):
    /// `exits`, `leaks:2:chan send`, `deadlock:sync.Mutex.Lock`, `panic:send on closed channel`.
    pub fn code(&self) -> String {
        match self {
            Outcome::Exits => "exits".to_string(),
            Outcome::Leaks { count, reason } => format!("leaks:{count}:{reason}"),
            Outcome::Deadlock { reason } => format!("deadlock:{reason}"),
            Outcome::Panics { message } => format!("panic:{message}"),
        }
    }

    /// True for the outcomes a fix should not have.
    pub fn is_bad(&self) -> bool {
        !matches!(self, Outcome::Exits)
    }
}

/// What a program shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The broken version of a case.
    Broken,
    /// The fixed version of a case.
    Fixed,
    /// A pattern that works, or a scheduler demonstration.
    Works,
}

impl Role {
    /// The program's name in URLs (`#example=first-response/fixed`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Broken => "broken",
            Role::Fixed => "fixed",
            Role::Works => "works",
        }
    }
}

/// One program of the gallery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Program {
    pub role: Role,
    /// The button label: "Leaky", "Fixed", "Run it".
    pub label: &'static str,
    pub source: Source,
    /// What to watch while stepping through it.
    pub watch: &'static str,
    pub outcome: Outcome,
    /// GOMAXPROCS to run it with.
    pub procs: u32,
}

/// The gallery's sections, in page order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Leaks,
    Blocking,
    Patterns,
    Scheduler,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Leaks,
        Section::Blocking,
        Section::Patterns,
        Section::Scheduler,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Leaks => "Goroutine leaks and their fixes",
            Section::Blocking => "Deadlocks and panics, and their fixes",
            Section::Patterns => "Patterns that work",
            Section::Scheduler => "The scheduler: G, M and P",
        }
    }
}

/// A gallery case: a broken program and its fix, or one program that works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Case {
    /// URL-safe id (`#example=<slug>`).
    pub slug: &'static str,
    pub title: &'static str,
    pub section: Section,
    /// What goes wrong and why the fix works (or what the pattern does), in two or three sentences.
    pub explain: &'static str,
    pub programs: &'static [Program],
}

const fn broken(source: Source, watch: &'static str, outcome: Outcome) -> Program {
    Program {
        role: Role::Broken,
        label: "Broken",
        source,
        watch,
        outcome,
        procs: 1,
    }
}

const fn leaky(source: Source, watch: &'static str, count: usize, reason: &'static str) -> Program {
    Program {
        role: Role::Broken,
        label: "Leaky",
        source,
        watch,
        outcome: Outcome::Leaks { count, reason },
        procs: 1,
    }
}

const fn fixed(source: Source, watch: &'static str) -> Program {
    Program {
        role: Role::Fixed,
        label: "Fixed",
        source,
        watch,
        outcome: Outcome::Exits,
        procs: 1,
    }
}

const fn works(source: Source, watch: &'static str, procs: u32) -> Program {
    Program {
        role: Role::Works,
        label: "Run it",
        source,
        watch,
        outcome: Outcome::Exits,
        procs,
    }
}

/// Every case, in page order.
pub const CASES: &[Case] = &[
    // ---- leaks ----
    Case {
        slug: "first-response",
        title: "A sender after an early return (first response wins)",
        section: Section::Leaks,
        explain: "Three replicas answer on an unbuffered channel and the caller returns with the first answer. \
                  Nobody will ever receive the other two, so their senders block forever. \
                  The fix gives the channel a buffer with room for every sender.",
        programs: &[
            leaky(
                corpus!("pass/leak_first_response"),
                "after the first answer, the two slower replicas pile up in the channel's sendq and stay there when main returns",
                2,
                "chan send",
            ),
            fixed(
                corpus!("pass/leak_first_response_fixed"),
                "the late answers land in the channel's ring buffer and their senders exit; only main is left",
            ),
        ],
    },
    Case {
        slug: "range-unclosed",
        title: "A range over a channel nobody closes",
        section: Section::Leaks,
        explain: "A consumer ranges over a channel, and a range only ends when the channel is closed. \
                  The sender forgets close, so the consumer waits in its recvq forever. \
                  The fix closes the channel when the last value has been sent.",
        programs: &[
            leaky(
                corpus!("pass/leak_range_unclosed"),
                "after the third line the consumer parks in the recvq of lines and never leaves it",
                1,
                "chan receive",
            ),
            fixed(
                corpus!("pass/leak_range_unclosed_fixed"),
                "close(lines) wakes the consumer with ok=false: its range ends, it closes count and exits",
            ),
        ],
    },
    Case {
        slug: "errgroup-producer",
        title: "An errgroup producer returns an error before close",
        section: Section::Leaks,
        explain: "The producer returns early on a bad record, before its close(items) is reached. \
                  The consumer's range never ends. \
                  The fix closes in the producer with defer, so the channel is closed on every path, the error path too.",
        programs: &[
            leaky(
                corpus!("pass/leak_producer_error"),
                "g.Wait returns the error, but the consumer stays in items' recvq after main returns",
                1,
                "chan receive",
            ),
            fixed(
                corpus!("pass/leak_producer_error_fixed"),
                "the deferred close runs as the producer returns the error, which ends the consumer's range",
            ),
        ],
    },
    Case {
        slug: "ticker",
        title: "A time.Ticker that is never stopped",
        section: Section::Leaks,
        explain: "A poller loops over ticker.C with no way to be told to stop: the ticker fires forever and the goroutine lives forever. \
                  The fix selects on a done channel as well, and stops the ticker with defer when it returns.",
        programs: &[
            leaky(
                corpus!("pass/leak_ticker"),
                "the ticker keeps firing on the virtual clock; when main returns the poller is still waiting for the next tick",
                1,
                "chan receive",
            ),
            fixed(
                corpus!("pass/leak_ticker_fixed"),
                "stop() closes done: the poller's select takes that case, the deferred Stop removes the timer, and it exits",
            ),
        ],
    },
    Case {
        slug: "handler-timeout",
        title: "A request handler's goroutine without timeout or cancellation",
        section: Section::Leaks,
        explain: "The handler gives up after 50 ms, but the backend goroutine it started still wants to send its late reply \
                  on an unbuffered channel that nobody reads any more. \
                  The fix passes a context with a timeout; the backend selects on ctx.Done() and gives up too.",
        programs: &[
            leaky(
                corpus!("pass/leak_handler_no_timeout"),
                "each timed-out request leaves one backend goroutine in a sendq: two of them by the end",
                2,
                "chan send",
            ),
            fixed(
                corpus!("pass/leak_handler_no_timeout_fixed"),
                "when the deadline passes, the context closes its done channel and the backend's select returns",
            ),
        ],
    },
    Case {
        slug: "nil-channel",
        title: "A receive from a nil channel",
        section: Section::Leaks,
        explain: "The struct's channel field was never made, so it is nil, and a receive from a nil channel blocks forever. \
                  The fix makes the channel in a constructor and closes it when done, which ends the listener's range.",
        programs: &[
            leaky(
                corpus!("pass/leak_nil_channel"),
                "the listener parks with wait reason 'chan receive (nil chan)': there is no channel for anyone to send on",
                1,
                "chan receive (nil chan)",
            ),
            fixed(
                corpus!("pass/leak_nil_channel_fixed"),
                "the listener receives both events through a real channel and its range ends at close",
            ),
        ],
    },
    // ---- deadlocks and panics ----
    Case {
        slug: "mutex-twice",
        title: "Locking a Mutex twice",
        section: Section::Blocking,
        explain: "incr holds the mutex and calls get, which locks it again. A sync.Mutex is not reentrant: \
                  the goroutine waits for itself, and with nothing else to run Go reports a deadlock. \
                  The fix has only the exported methods lock, and both use a helper that expects the lock to be held.",
        programs: &[
            broken(
                corpus!("fail/deadlock_mutex_twice"),
                "the second Lock parks main on the mutex it already holds; the runtime finds nothing runnable",
                Outcome::Deadlock {
                    reason: "sync.Mutex.Lock",
                },
            ),
            fixed(
                corpus!("pass/deadlock_mutex_twice_fixed"),
                "the mutex is locked and unlocked once per call; nobody ever waits",
            ),
        ],
    },
    Case {
        slug: "waitgroup",
        title: "A WaitGroup whose Add and Done do not balance",
        section: Section::Blocking,
        explain: "Add(3) but only two goroutines call Done, so the counter never reaches zero and Wait never returns. \
                  The fix calls Add(1) right before each go statement and Done with defer, so they always match.",
        programs: &[
            broken(
                corpus!("fail/deadlock_waitgroup"),
                "both workers finish; main stays in Wait with the counter at 1 and the runtime reports a deadlock",
                Outcome::Deadlock {
                    reason: "semacquire",
                },
            ),
            fixed(
                corpus!("pass/deadlock_waitgroup_fixed"),
                "the counter climbs to 3 and falls back to 0; the last Done readies main",
            ),
        ],
    },
    Case {
        slug: "send-closed",
        title: "A send on a closed channel",
        section: Section::Blocking,
        explain: "The receiver closes the channel after the first result while a slower worker is still going to send on it. \
                  A send on a closed channel panics, and a panic in any goroutine ends the program. \
                  The fix follows the rule that only the sending side closes: a goroutine closes it after a WaitGroup says every sender is done.",
        programs: &[
            broken(
                corpus!("fail/panic_send_closed_early"),
                "worker 2 wakes from its sleep after close(results) and panics on its send",
                Outcome::Panics {
                    message: "send on closed channel",
                },
            ),
            fixed(
                corpus!("pass/panic_send_closed_early_fixed"),
                "the closer goroutine waits on the WaitGroup and closes only after both sends; main's range then ends",
            ),
        ],
    },
    // ---- patterns ----
    Case {
        slug: "worker-pool",
        title: "Worker pool",
        section: Section::Patterns,
        explain: "Three workers range over one jobs channel and send to a results channel. \
                  Closing jobs ends the workers; a separate goroutine closes results once the WaitGroup says they are all done.",
        programs: &[works(
            corpus!("pass/worker_pool"),
            "jobs fill the buffer, three workers drain it, and results closes only after the last worker's Done",
            1,
        )],
    },
    Case {
        slug: "semaphore",
        title: "A semaphore from a buffered channel",
        section: Section::Patterns,
        explain: "A channel with capacity 3 holds one token per running task: a send acquires a slot and a receive releases it, \
                  so at most three of the ten goroutines work at once.",
        programs: &[works(
            corpus!("pass/chan_semaphore"),
            "the ring buffer never holds more than 3 tokens; the other goroutines wait in its sendq",
            1,
        )],
    },
    Case {
        slug: "pipeline-done",
        title: "A pipeline with a done channel",
        section: Section::Patterns,
        explain: "Stages connected by unbuffered channels, each selecting on its output and on done. \
                  main takes three results and closes done, which stops every stage without leaking any.",
        programs: &[works(
            corpus!("pass/pipeline_done"),
            "close(done) readies every stage blocked in its select; each closes its output and exits",
            1,
        )],
    },
    Case {
        slug: "fan-in",
        title: "Fan-in",
        section: Section::Patterns,
        explain: "A generic merge starts one forwarding goroutine per input channel, all sending to one output; \
                  a last goroutine closes the output once all forwarders are done.",
        programs: &[works(
            corpus!("pass/fan_in_generic"),
            "several forwarders queue up on the output channel's sendq while main receives",
            1,
        )],
    },
    Case {
        slug: "select-timeout",
        title: "select with time.After",
        section: Section::Patterns,
        explain: "A select waits for a result or for a timer, whichever comes first. \
                  The worker's channel has a buffer of one, so a result nobody waits for any more does not leak the worker.",
        programs: &[works(
            corpus!("pass/select_time_after"),
            "the virtual clock jumps to the earliest timer; the second time the 100 ms timer wins the select, and the slow worker still exits later",
            1,
        )],
    },
    Case {
        slug: "context-cancel",
        title: "Context cancellation",
        section: Section::Patterns,
        explain: "Workers select on ctx.Done() next to their jobs. One cancel() closes the done channel, \
                  and every worker sees it, returns and reports ctx.Err().",
        programs: &[works(
            corpus!("pass/ctx_cancel"),
            "cancel closes the context's done channel, which readies all three workers at once",
            1,
        )],
    },
    Case {
        slug: "once",
        title: "A sync.Once singleton",
        section: Section::Patterns,
        explain: "Twenty goroutines ask for the configuration; sync.Once runs the constructor exactly once, \
                  and callers that arrive meanwhile wait until it has finished.",
        programs: &[works(
            corpus!("pass/sync_once_singleton"),
            "the sync objects panel shows the Once done after the first call; later calls return at once",
            1,
        )],
    },
    Case {
        slug: "cond-queue",
        title: "A queue on sync.Cond",
        section: Section::Patterns,
        explain: "A bounded queue with two condition variables: producers Wait while it is full, the consumer while it is empty, \
                  and each side Signals the other after changing the queue.",
        programs: &[works(
            corpus!("pass/sync_cond_queue"),
            "producers park in notFull's wait list when the queue holds 2 items; each Get signals one of them",
            1,
        )],
    },
    Case {
        slug: "rwmutex-cache",
        title: "An RWMutex cache",
        section: Section::Patterns,
        explain: "Readers share the read lock; a miss takes the write lock, checks again and fills the entry, \
                  so each key is computed once however many goroutines ask.",
        programs: &[works(
            corpus!("pass/sync_rwmutex_cache"),
            "readers hold the RWMutex together; a writer waits until they have left",
            1,
        )],
    },
    // ---- scheduler ----
    Case {
        slug: "work-stealing",
        title: "Work stealing",
        section: Section::Scheduler,
        explain: "main creates eight busy goroutines on its own P's run queue. \
                  The other Ps have nothing to do, so they steal half of that queue, and all four Ps compute at once.",
        programs: &[works(
            corpus!("pass/sched_work_stealing"),
            "after GOMAXPROCS(4), idle Ps take goroutines from P0's local run queue (the narration says 'stole')",
            1,
        )],
    },
    Case {
        slug: "syscall-handoff",
        title: "Hand-off in a system call",
        section: Section::Scheduler,
        explain: "A goroutine blocks in a read system call. Its M (an OS thread) blocks with it, so the P is handed off \
                  to another M and main keeps running on it meanwhile. When the read returns, the reader needs a P again.",
        programs: &[works(
            corpus!("pass/sched_syscall_handoff"),
            "the reader enters the system call on M0; P0 moves to M1 and runs main; after the read the reader gets P0 back",
            1,
        )],
    },
    Case {
        slug: "file-reads",
        title: "Reading files: one system call per read",
        section: Section::Scheduler,
        explain: "Four goroutines count the words of files (the program's files follow it, after `-- name --` lines). \
                  Every read is a blocking system call: the reader's M blocks with it and the P moves to another M, \
                  so the other goroutines keep running. One file is missing: open fails at once with Go's error.",
        programs: &[works(
            corpus!("pass/sched_syscall_files", txtar),
            "each read hands P0 to a new M (the narration names the file and the bytes asked for); the Ms stay in their calls until the read returns",
            1,
        )],
    },
    Case {
        slug: "global-queue",
        title: "The global run queue",
        section: Section::Scheduler,
        explain: "runtime.Gosched puts the calling goroutine on the global run queue, not its P's local one. \
                  The scheduler checks the global queue regularly, so everyone gets a turn.",
        programs: &[works(
            corpus!("pass/sched_global_queue"),
            "each Gosched moves its goroutine to the global queue; the P takes work from there when its local queue is empty",
            1,
        )],
    },
];

/// The case with this slug.
pub fn case(slug: &str) -> Option<&'static Case> {
    CASES.iter().find(|c| c.slug == slug)
}

/// The gallery program whose text is exactly `source`, with its case.
pub fn find_source(source: &str) -> Option<(&'static Case, &'static Program)> {
    CASES.iter().find_map(|c| {
        c.programs
            .iter()
            .find(|p| p.source.text == source)
            .map(|p| (c, p))
    })
}

/// The program named `slug` or `slug/role` (`first-response/fixed`); a bare slug is the case's first one.
pub fn find(name: &str) -> Option<(&'static Case, &'static Program)> {
    let (slug, role) = match name.split_once('/') {
        Some((s, r)) => (s, Some(r)),
        None => (name, None),
    };
    let c = case(slug)?;
    let p = match role {
        None => c.programs.first()?,
        Some(r) => c.programs.iter().find(|p| p.role.name() == r)?,
    };
    Some((c, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playback::{Action, Loaded, Mode, Playback};
    use runtime::Status;

    /// Runs a gallery program as the page does: Go-like policy, seed 0, its GOMAXPROCS.
    fn run(p: &Program) -> Playback {
        let mut pb = Playback::new(p.source.text);
        pb.settings.processors = p.procs;
        pb.update(Action::RunToEnd);
        assert!(
            pb.problem().is_none(),
            "{}: {:?}",
            p.source.path,
            pb.problem()
        );
        while pb.mode == Mode::RunningToEnd {
            pb.update(Action::RunChunk { max_steps: 50_000 });
        }
        pb
    }

    /// The outcome as observed on the ended run.
    fn observed(l: &Loaded) -> Outcome {
        let s = l.snapshot();
        match &s.status {
            Status::Exited { code: 0 } => match l.leaks() {
                None => Outcome::Exits,
                Some(r) => {
                    let reasons: Vec<&str> =
                        r.groups.iter().map(|g| g.wait_reason.as_str()).collect();
                    let reason = reasons[0];
                    assert!(
                        reasons.iter().all(|&x| x == reason),
                        "one wait reason: {reasons:?}"
                    );
                    Outcome::Leaks {
                        count: r.total,
                        reason: reason.to_string().leak(),
                    }
                }
            },
            Status::Deadlocked => {
                let first = s.stderr.lines().nth(2).unwrap_or_default();
                let reason = first
                    .strip_prefix("goroutine 1 [")
                    .and_then(|r| r.strip_suffix("]:"))
                    .unwrap_or_else(|| panic!("main's header in the dump: {first:?}"));
                Outcome::Deadlock {
                    reason: reason.to_string().leak(),
                }
            }
            Status::Panicked { .. } => {
                let first = s.stderr.lines().next().unwrap_or_default();
                let message = first
                    .strip_prefix("panic: ")
                    .unwrap_or_else(|| panic!("a panic line: {first:?}"));
                Outcome::Panics {
                    message: message.to_string().leak(),
                }
            }
            other => panic!("unexpected end: {other}"),
        }
    }

    fn golden(path: &str, ext: &str) -> Option<String> {
        let file = format!(
            "{}/../tests/programs/{path}.{ext}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(file).ok()
    }

    /// Every gallery program reaches its documented outcome, with real Go's stdout and exit code.
    #[test]
    fn every_program_reaches_its_documented_outcome() {
        let mut lines = Vec::new();
        for c in CASES {
            for p in c.programs {
                let pb = run(p);
                let l = pb.loaded().unwrap();
                assert!(l.ended(), "{} ended", p.source.path);
                assert_eq!(observed(l), p.outcome, "{}", p.source.path);
                let s = l.snapshot();
                let stdout = golden(p.source.path, "stdout").expect("a stdout golden");
                assert_eq!(s.stdout, stdout, "{}: stdout is real Go's", p.source.path);
                let code: i32 = golden(p.source.path, "exitcode")
                    .map(|c| c.trim().parse().unwrap())
                    .unwrap_or(0);
                assert_eq!(
                    s.status.exit_code(),
                    Some(code),
                    "{}: exit code",
                    p.source.path
                );
                if let Some(stderr) = golden(p.source.path, "stderr") {
                    let first = stderr.lines().next().unwrap();
                    assert!(
                        s.stderr.starts_with(first),
                        "{}: {:?}",
                        p.source.path,
                        s.stderr
                    );
                }
                lines.push(format!(
                    "{}/{}: {} ({} steps)",
                    c.slug,
                    p.role.name(),
                    p.outcome.describe(),
                    l.step()
                ));
            }
        }
        expect_test::expect![[r#"
            first-response/broken: main returns, 2 goroutines leak [chan send] (23 steps)
            first-response/fixed: exits cleanly, nothing left behind (25 steps)
            range-unclosed/broken: main returns, 1 goroutine leaks [chan receive] (21 steps)
            range-unclosed/fixed: exits cleanly, nothing left behind (25 steps)
            errgroup-producer/broken: main returns, 1 goroutine leaks [chan receive] (21 steps)
            errgroup-producer/fixed: exits cleanly, nothing left behind (25 steps)
            ticker/broken: main returns, 1 goroutine leaks [chan receive] (23 steps)
            ticker/fixed: exits cleanly, nothing left behind (30 steps)
            handler-timeout/broken: main returns, 2 goroutines leak [chan send] (36 steps)
            handler-timeout/fixed: exits cleanly, nothing left behind (109 steps)
            nil-channel/broken: main returns, 1 goroutine leaks [chan receive (nil chan)] (7 steps)
            nil-channel/fixed: exits cleanly, nothing left behind (17 steps)
            mutex-twice/broken: deadlock: main blocks in [sync.Mutex.Lock] (4 steps)
            mutex-twice/fixed: exits cleanly, nothing left behind (7 steps)
            waitgroup/broken: deadlock: main blocks in [semacquire] (10 steps)
            waitgroup/fixed: exits cleanly, nothing left behind (14 steps)
            send-closed/broken: panic: send on closed channel (16 steps)
            send-closed/fixed: exits cleanly, nothing left behind (25 steps)
            worker-pool/works: exits cleanly, nothing left behind (60 steps)
            semaphore/works: exits cleanly, nothing left behind (81 steps)
            pipeline-done/works: exits cleanly, nothing left behind (37 steps)
            fan-in/works: exits cleanly, nothing left behind (103 steps)
            select-timeout/works: exits cleanly, nothing left behind (27 steps)
            context-cancel/works: exits cleanly, nothing left behind (67 steps)
            once/works: exits cleanly, nothing left behind (84 steps)
            cond-queue/works: exits cleanly, nothing left behind (302 steps)
            rwmutex-cache/works: exits cleanly, nothing left behind (116 steps)
            work-stealing/works: exits cleanly, nothing left behind (707 steps)
            syscall-handoff/works: exits cleanly, nothing left behind (10 steps)
            file-reads/works: exits cleanly, nothing left behind (36 steps)
            global-queue/works: exits cleanly, nothing left behind (38 steps)"#]]
        .assert_eq(&lines.join("\n"));
    }

    /// The scheduler demonstrations show what their explanations say, in the events the page narrates.
    #[test]
    fn scheduler_demos_show_their_mechanism() {
        type Wanted = (&'static str, fn(&runtime::Event) -> bool);
        let wanted: [Wanted; 4] = [
            ("work-stealing", |e| {
                matches!(e, runtime::Event::Stolen { .. })
            }),
            ("syscall-handoff", |e| {
                matches!(e, runtime::Event::ProcessorHandedOff { .. })
            }),
            (
                "file-reads",
                |e| matches!(e, runtime::Event::SyscallEntered { call, .. } if call.contains("books/")),
            ),
            ("global-queue", |e| {
                matches!(e, runtime::Event::Yielded { .. })
            }),
        ];
        let mut seen = Vec::new();
        for (slug, pred) in wanted {
            let p = &case(slug).unwrap().programs[0];
            let mut pb = Playback::new(p.source.text);
            pb.settings.processors = p.procs;
            pb.update(Action::Load);
            let mut first = None;
            while !pb.loaded().unwrap().ended() {
                pb.update(Action::Step);
                let step = pb.loaded().unwrap().last_step().unwrap();
                if let Some(e) = step.events.iter().find(|e| pred(e)) {
                    first.get_or_insert_with(|| format!("{slug}: step {}: {e}", step.index));
                }
            }
            seen.push(first.unwrap_or_else(|| panic!("{slug}: the event never happened")));
        }
        expect_test::expect![[r#"
            work-stealing: step 5: P3 stole 1 goroutine(s) from P0 (its runnext)
            syscall-handoff: step 4: P0 handed off from M0 to M1
            file-reads: step 11: G9 entered a blocking system call, read(fd 3 "books/ulysses.txt", 4096 bytes), on M0
            global-queue: step 10: G9 called Gosched: to the global queue"#]]
        .assert_eq(&seen.join("\n"));
    }

    #[test]
    fn cases_are_well_formed() {
        let mut slugs = std::collections::BTreeSet::new();
        for c in CASES {
            assert!(slugs.insert(c.slug), "duplicate slug {}", c.slug);
            assert!(c
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            match c.programs {
                [p] => assert_eq!(p.role, Role::Works, "{}", c.slug),
                [b, f] => {
                    assert_eq!((b.role, f.role), (Role::Broken, Role::Fixed), "{}", c.slug);
                    assert!(b.outcome.is_bad() && !f.outcome.is_bad(), "{}", c.slug);
                }
                _ => panic!("{}: one or two programs", c.slug),
            }
            for p in c.programs {
                assert_eq!(find(&format!("{}/{}", c.slug, p.role.name())), Some((c, p)));
                assert_eq!(find_source(p.source.text).map(|x| x.1), Some(p));
            }
        }
        assert_eq!(find("first-response").unwrap().1.role, Role::Broken);
        assert_eq!(find("nope"), None);
        assert_eq!(find("ticker/works"), None);
    }
}
