//! The trace vocabulary: what a step did, as past-tense facts.
//!
//! Each [`Event`] names the Go runtime action it stands for (runtime/proc.go `newproc`, `gopark`, `goready`,
//! `runqsteal`, `handoffp`, `entersyscall`/`exitsyscall`; runtime/chan.go `send`/`recv`/`closechan`;
//! runtime/time.go timers; runtime/panic.go). Values are rendered as Go would print them (`%v`), so events
//! are plain data that a front end can show without the runtime.

use serde::{Deserialize, Serialize};

use crate::context::ContextKind;
use crate::goroutine::{WaitObject, WaitReason};
use crate::ids::{ChanId, ContextId, GoroutineId, ProcessorId, SyncId, ThreadId, TimerId};
use crate::program::SourceSpan;

/// Where a readied goroutine was put.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Queue {
    /// The P's runnext slot.
    Runnext,
    /// The tail of the P's local run queue.
    Local,
    /// The tail of the global run queue.
    Global,
}

/// Where a P found the goroutine it runs (the order of `findRunnable`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RunSource {
    /// The global queue, because `schedtick % 61 == 0`.
    GlobalFairness,
    /// runnext (inherits the time slice).
    Runnext,
    /// The local queue's head.
    Local,
    /// The global queue.
    Global,
    /// Stolen from another P.
    Stolen { victim: ProcessorId },
    /// Continued after a system call on the same thread.
    Syscall,
    /// Picked by hand (manual policy) or by the random policy.
    Chosen,
}

/// An output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutputStream {
    Stdout,
    Stderr,
}

/// Something that happened during a step.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    /// `newproc`: a goroutine was created running `function`.
    GoroutineCreated {
        goroutine: GoroutineId,
        creator: Option<GoroutineId>,
        function: String,
        span: SourceSpan,
    },
    /// `execute`: the P's thread switched to this goroutine.
    GoroutineScheduled {
        goroutine: GoroutineId,
        processor: ProcessorId,
        from: RunSource,
    },
    /// `gopark`: the goroutine blocked.
    Parked {
        goroutine: GoroutineId,
        reason: WaitReason,
        object: WaitObject,
    },
    /// `goready`/`runqput`: the goroutine became runnable. `kicked` is the previous runnext, moved to the
    /// local queue's tail.
    Readied {
        goroutine: GoroutineId,
        processor: ProcessorId,
        into: Queue,
        kicked: Option<GoroutineId>,
    },
    /// `runqputslow`: a full local queue moved half of itself (and the new goroutine) to the global queue.
    MovedToGlobalQueue {
        processor: ProcessorId,
        goroutines: Vec<GoroutineId>,
    },
    /// `globrunqget`: these goroutines moved from the global queue to the P's local queue.
    TookFromGlobalQueue {
        processor: ProcessorId,
        goroutines: Vec<GoroutineId>,
    },
    /// `runqsteal`: `thief` took `count` goroutines from `victim`.
    Stolen {
        thief: ProcessorId,
        victim: ProcessorId,
        count: u32,
        runnext: bool,
    },
    /// The time slice ran out (sysmon's 10 ms preemption): the goroutine went to the global queue.
    Preempted { goroutine: GoroutineId },
    /// `runtime.Gosched`: the goroutine went to the global queue.
    Yielded { goroutine: GoroutineId },
    /// A channel was made.
    ChannelMade {
        chan: ChanId,
        capacity: u32,
        elem_type: String,
    },
    /// `send` to a waiting receiver: the value went directly from `sender` to `receiver`.
    ValueHandedOff {
        chan: ChanId,
        sender: GoroutineId,
        receiver: GoroutineId,
        value: String,
    },
    /// The value was stored in buffer slot `slot`.
    ValueBuffered {
        chan: ChanId,
        sender: GoroutineId,
        slot: u32,
        value: String,
    },
    /// The value was taken from buffer slot `slot` (`refilled_by`: a blocked sender whose value moved
    /// into that slot).
    ValueReceived {
        chan: ChanId,
        receiver: GoroutineId,
        slot: u32,
        value: String,
        refilled_by: Option<GoroutineId>,
    },
    /// A receive on a closed, empty channel got the zero value with ok == false.
    ReceivedZeroFromClosed { chan: ChanId, receiver: GoroutineId },
    /// `closechan`.
    ChannelClosed {
        chan: ChanId,
        goroutine: GoroutineId,
    },
    /// A select chose case `case` (None: the default case).
    SelectChose {
        goroutine: GoroutineId,
        case: Option<u32>,
    },
    /// A sync object changed hands or count: `what` is e.g. "locked", "unlocked", "counter 2".
    SyncChanged {
        object: SyncId,
        goroutine: GoroutineId,
        what: String,
    },
    /// A timer was armed.
    TimerSet { timer: TimerId, when_ns: i64 },
    /// A timer was stopped.
    TimerStopped { timer: TimerId },
    /// A timer fired.
    TimerFired { timer: TimerId },
    /// Nothing could run: the virtual clock jumped to the next timer.
    ClockAdvanced { from_ns: i64, to_ns: i64 },
    /// `wakep`/`startm`: an idle P got a thread to look for work.
    ProcessorStarted {
        processor: ProcessorId,
        thread: ThreadId,
    },
    /// `stopm`: the P found nothing to run and went idle.
    ProcessorIdled { processor: ProcessorId },
    /// `handoffp`: a goroutine entered a blocking system call, so its P moved to another thread (or idled).
    ProcessorHandedOff {
        processor: ProcessorId,
        from: ThreadId,
        to: Option<ThreadId>,
    },
    /// `entersyscall`: `call` describes it, e.g. `read(fd 3 "data.txt", 512 bytes)`.
    SyscallEntered {
        goroutine: GoroutineId,
        thread: ThreadId,
        until_ns: i64,
        call: String,
    },
    /// `exitsyscall`: back with a P, or (None) onto the global queue.
    SyscallExited {
        goroutine: GoroutineId,
        thread: ThreadId,
        processor: Option<ProcessorId>,
    },
    /// An unrecovered panic ended the program.
    Panicked {
        goroutine: GoroutineId,
        message: String,
    },
    /// A fatal error ended the program.
    FatalError { message: String },
    /// The goroutine finished (`goexit0`).
    Exited { goroutine: GoroutineId },
    /// The program ended with this exit code.
    ProgramExited { code: i32 },
    /// Text written to stdout or stderr.
    Output { stream: OutputStream, text: String },
    /// Package context made a context (see [`crate::context`]).
    ContextCreated {
        context: ContextId,
        kind: ContextKind,
        parent: Option<ContextId>,
        goroutine: GoroutineId,
    },
    /// A context's done channel was made (on the first `Done()`).
    ContextDoneMade { context: ContextId, chan: ChanId },
    /// A context was cancelled: `err` is `ctx.Err()`, `cause` is `context.Cause(ctx)`.
    ContextCancelled {
        context: ContextId,
        goroutine: GoroutineId,
        err: String,
        cause: String,
    },
}

impl std::fmt::Display for Event {
    /// One line of plain-language narration, e.g. "G7 parked (chan send) on chan 2".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let g = |id: &GoroutineId| format!("G{}", id.0);
        match self {
            Event::GoroutineCreated {
                goroutine,
                creator,
                function,
                span,
            } => match creator {
                Some(c) => write!(
                    f,
                    "{} created {} running {function} (line {})",
                    g(c),
                    g(goroutine),
                    span.line
                ),
                None => write!(f, "{} created running {function}", g(goroutine)),
            },
            Event::GoroutineScheduled {
                goroutine,
                processor,
                from,
            } => {
                let from = match from {
                    RunSource::GlobalFairness => {
                        "from the global queue (every 61st schedule)".to_string()
                    }
                    RunSource::Runnext => "from runnext".to_string(),
                    RunSource::Local => "from its local queue".to_string(),
                    RunSource::Global => "from the global queue".to_string(),
                    RunSource::Stolen { victim } => format!("stolen from {victim}"),
                    RunSource::Syscall => "back from a system call".to_string(),
                    RunSource::Chosen => "by choice".to_string(),
                };
                write!(f, "{processor} runs {} {from}", g(goroutine))
            }
            Event::Parked {
                goroutine,
                reason,
                object,
            } => {
                write!(f, "{} parked ({reason})", g(goroutine))?;
                match object {
                    WaitObject::Nothing => write!(f, ": nothing can wake it"),
                    WaitObject::Chan(c) => write!(f, " on chan {}", c.0),
                    WaitObject::Select(cs) => {
                        let list: Vec<String> = cs.iter().map(|c| c.0.to_string()).collect();
                        write!(f, " on chans {}", list.join(", "))
                    }
                    WaitObject::Sync(s) => write!(f, " on sync object {}", s.0),
                    WaitObject::Timer(t) => write!(f, " until timer {} fires", t.0),
                }
            }
            Event::Readied {
                goroutine,
                processor,
                into,
                kicked,
            } => {
                match into {
                    Queue::Runnext => {
                        write!(f, "{} readied into {processor} runnext", g(goroutine))?
                    }
                    Queue::Local => {
                        write!(f, "{} readied onto {processor} local queue", g(goroutine))?
                    }
                    Queue::Global => write!(f, "{} readied onto the global queue", g(goroutine))?,
                }
                if let Some(k) = kicked {
                    write!(f, ", kicking {} to the local queue tail", g(k))?;
                }
                Ok(())
            }
            Event::MovedToGlobalQueue {
                processor,
                goroutines,
            } => {
                write!(
                    f,
                    "{processor} local queue full: moved {} goroutines to the global queue",
                    goroutines.len()
                )
            }
            Event::TookFromGlobalQueue {
                processor,
                goroutines,
            } => {
                write!(
                    f,
                    "{processor} took {} more goroutines from the global queue",
                    goroutines.len()
                )
            }
            Event::Stolen {
                thief,
                victim,
                count,
                runnext,
            } => {
                write!(f, "{thief} stole {count} goroutine(s) from {victim}")?;
                if *runnext {
                    write!(f, " (its runnext)")?;
                }
                Ok(())
            }
            Event::Preempted { goroutine } => write!(
                f,
                "{} preempted after its time slice: to the global queue",
                g(goroutine)
            ),
            Event::Yielded { goroutine } => {
                write!(f, "{} called Gosched: to the global queue", g(goroutine))
            }
            Event::ChannelMade {
                chan,
                capacity,
                elem_type,
            } => write!(f, "made chan {} (chan {elem_type}, cap {capacity})", chan.0),
            Event::ValueHandedOff {
                chan,
                sender,
                receiver,
                value,
            } => {
                if sender.0 == 0 {
                    write!(
                        f,
                        "timer handed {value} on chan {} straight to {}",
                        chan.0,
                        g(receiver)
                    )
                } else {
                    write!(
                        f,
                        "{} handed {value} on chan {} straight to {}",
                        g(sender),
                        chan.0,
                        g(receiver)
                    )
                }
            }
            Event::ValueBuffered {
                chan,
                sender,
                slot,
                value,
            } => {
                write!(
                    f,
                    "{} buffered {value} in chan {} slot {slot}",
                    g(sender),
                    chan.0
                )
            }
            Event::ValueReceived {
                chan,
                receiver,
                slot,
                value,
                refilled_by,
            } => {
                write!(
                    f,
                    "{} received {value} from chan {} slot {slot}",
                    g(receiver),
                    chan.0
                )?;
                if let Some(s) = refilled_by {
                    write!(f, "; {}'s blocked value moved into the buffer", g(s))?;
                }
                Ok(())
            }
            Event::ReceivedZeroFromClosed { chan, receiver } => {
                write!(
                    f,
                    "{} received the zero value from closed chan {}",
                    g(receiver),
                    chan.0
                )
            }
            Event::ChannelClosed { chan, goroutine } => {
                write!(f, "{} closed chan {}", g(goroutine), chan.0)
            }
            Event::SelectChose { goroutine, case } => match case {
                Some(c) => write!(f, "{} select chose case {c}", g(goroutine)),
                None => write!(f, "{} select chose default", g(goroutine)),
            },
            Event::SyncChanged {
                object,
                goroutine,
                what,
            } => write!(f, "{} {what} sync object {}", g(goroutine), object.0),
            Event::TimerSet { timer, when_ns } => write!(
                f,
                "timer {} set for {}",
                timer.0,
                crate::time::format_utc(*when_ns)
            ),
            Event::TimerStopped { timer } => write!(f, "timer {} stopped", timer.0),
            Event::TimerFired { timer } => write!(f, "timer {} fired", timer.0),
            Event::ClockAdvanced { from_ns, to_ns } => {
                write!(
                    f,
                    "nothing can run: clock jumped {} to {}",
                    crate::time::format_duration(to_ns - from_ns),
                    crate::time::format_utc(*to_ns)
                )
            }
            Event::ProcessorStarted { processor, thread } => {
                write!(f, "{thread} started to run {processor}")
            }
            Event::ProcessorIdled { processor } => {
                write!(f, "{processor} found no work and went idle")
            }
            Event::ProcessorHandedOff {
                processor,
                from,
                to,
            } => match to {
                Some(t) => write!(f, "{processor} handed off from {from} to {t}"),
                None => write!(f, "{processor} released by {from} (no other work): idle"),
            },
            Event::SyscallEntered {
                goroutine,
                thread,
                call,
                ..
            } => write!(
                f,
                "{} entered a blocking system call, {call}, on {thread}",
                g(goroutine)
            ),
            Event::SyscallExited {
                goroutine,
                thread,
                processor,
            } => match processor {
                Some(p) => write!(
                    f,
                    "{} returned from its system call on {thread} and got {p}",
                    g(goroutine)
                ),
                None => write!(
                    f,
                    "{} returned from its system call on {thread}: no idle P, to the global queue",
                    g(goroutine)
                ),
            },
            Event::Panicked { goroutine, message } => write!(f, "{} {message}", g(goroutine)),
            Event::FatalError { message } => write!(f, "fatal error: {message}"),
            Event::Exited { goroutine } => write!(f, "{} exited", g(goroutine)),
            Event::ProgramExited { code } => write!(f, "program exited with code {code}"),
            Event::Output { stream, text } => {
                let s = match stream {
                    OutputStream::Stdout => "stdout",
                    OutputStream::Stderr => "stderr",
                };
                write!(f, "{s}: {:?}", text)
            }
            Event::ContextCreated {
                context,
                kind,
                parent,
                goroutine,
            } => {
                write!(
                    f,
                    "{} made {context} with {}",
                    g(goroutine),
                    kind.function()
                )?;
                match parent {
                    Some(p) => write!(f, " from {p}"),
                    None => write!(f, " from a Context of the program's own"),
                }
            }
            Event::ContextDoneMade { context, chan } => {
                write!(f, "{context} got its done channel, chan {}", chan.0)
            }
            Event::ContextCancelled {
                context,
                goroutine,
                err,
                cause,
            } => {
                write!(f, "{} cancelled {context}: {err}", g(goroutine))?;
                if cause != err {
                    write!(f, " (cause: {cause})")?;
                }
                Ok(())
            }
        }
    }
}
