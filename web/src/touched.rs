//! What a step acted on, read from its events: the goroutines, channels, sync objects, timers, Ps and
//! contexts it touched. The views highlight these; the playback indexes the goroutines and channels of
//! every step, so "next event on this goroutine / this channel" can jump without replaying.
//!
//! No web APIs here: this module is compiled and tested natively.

use std::collections::BTreeSet;

use runtime::event::Event;
use runtime::goroutine::WaitObject;
use runtime::{ChanId, ContextId, GoroutineId, ProcessorId, SyncId, TimerId};

/// Something the user can follow with "next event on this goroutine / this channel".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    Goroutine(GoroutineId),
    Chan(ChanId),
}

impl std::fmt::Display for Subject {
    /// "G5" or "chan 3", as the page names them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Goroutine(g) => write!(f, "G{}", g.0),
            Subject::Chan(c) => write!(f, "chan {}", c.0),
        }
    }
}

/// Objects a step acted on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub goroutines: BTreeSet<GoroutineId>,
    pub chans: BTreeSet<ChanId>,
    pub syncs: BTreeSet<SyncId>,
    pub timers: BTreeSet<TimerId>,
    pub processors: BTreeSet<ProcessorId>,
    pub contexts: BTreeSet<ContextId>,
}

impl Touched {
    /// What these events (one step's) act on.
    pub fn from_events(events: &[Event]) -> Touched {
        let mut t = Touched::default();
        for e in events {
            visit(e, &mut |x| t.add(x));
        }
        t
    }

    fn add(&mut self, t: Touch) {
        match t {
            Touch::Goroutine(g) => {
                self.goroutines.insert(g);
            }
            Touch::Chan(c) => {
                self.chans.insert(c);
            }
            Touch::Sync(x) => {
                self.syncs.insert(x);
            }
            Touch::Timer(x) => {
                self.timers.insert(x);
            }
            Touch::Processor(x) => {
                self.processors.insert(x);
            }
            Touch::Context(x) => {
                self.contexts.insert(x);
            }
        }
    }
}

/// One object an event acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Touch {
    Goroutine(GoroutineId),
    Chan(ChanId),
    Sync(SyncId),
    Timer(TimerId),
    Processor(ProcessorId),
    Context(ContextId),
}

/// Calls `f` with each goroutine and channel these events (one step's) involve, without allocating
/// (the playback indexes every step it computes). A subject may come more than once.
pub fn for_each_subject(events: &[Event], mut f: impl FnMut(Subject)) {
    for e in events {
        visit(e, &mut |t| match t {
            Touch::Goroutine(g) => f(Subject::Goroutine(g)),
            Touch::Chan(c) => f(Subject::Chan(c)),
            _ => {}
        });
    }
}

/// Calls `f` with each object `e` acts on.
/// (`dyn`, so that there is one copy of this large match in the wasm, not one per caller.)
fn visit(e: &Event, f: &mut dyn FnMut(Touch)) {
    match e {
        Event::GoroutineCreated {
            goroutine, creator, ..
        } => {
            f(Touch::Goroutine(*goroutine));
            if let Some(x) = creator {
                f(Touch::Goroutine(*x));
            }
        }
        Event::Parked {
            goroutine, object, ..
        } => {
            f(Touch::Goroutine(*goroutine));
            match object {
                WaitObject::Chan(c) => {
                    f(Touch::Chan(*c));
                }
                WaitObject::Select(cs) => cs.iter().for_each(|c| f(Touch::Chan(*c))),
                WaitObject::Sync(s) => {
                    f(Touch::Sync(*s));
                }
                WaitObject::Timer(t) => {
                    f(Touch::Timer(*t));
                }
                WaitObject::Nothing => {}
            }
        }
        Event::Preempted { goroutine }
        | Event::Yielded { goroutine }
        | Event::Exited { goroutine }
        | Event::SelectChose { goroutine, .. }
        | Event::Panicked { goroutine, .. } => {
            f(Touch::Goroutine(*goroutine));
        }
        Event::GoroutineScheduled {
            goroutine,
            processor,
            ..
        } => {
            f(Touch::Goroutine(*goroutine));
            f(Touch::Processor(*processor));
        }
        Event::Readied {
            goroutine,
            processor,
            kicked,
            ..
        } => {
            f(Touch::Goroutine(*goroutine));
            if let Some(x) = kicked {
                f(Touch::Goroutine(*x));
            }
            f(Touch::Processor(*processor));
        }
        Event::ChannelMade { chan, .. } => {
            f(Touch::Chan(*chan));
        }
        Event::ReceivedZeroFromClosed { chan, receiver } => {
            f(Touch::Chan(*chan));
            f(Touch::Goroutine(*receiver));
        }
        Event::ValueHandedOff {
            chan,
            sender,
            receiver,
            ..
        } => {
            f(Touch::Chan(*chan));
            // A timer's send has no goroutine (sender 0).
            if sender.0 != 0 {
                f(Touch::Goroutine(*sender));
            }
            f(Touch::Goroutine(*receiver));
        }
        Event::ValueBuffered { chan, sender, .. } => {
            f(Touch::Chan(*chan));
            if sender.0 != 0 {
                f(Touch::Goroutine(*sender));
            }
        }
        Event::ValueReceived {
            chan,
            receiver,
            refilled_by,
            ..
        } => {
            f(Touch::Chan(*chan));
            f(Touch::Goroutine(*receiver));
            if let Some(x) = refilled_by {
                f(Touch::Goroutine(*x));
            }
        }
        Event::ChannelClosed { chan, goroutine } => {
            f(Touch::Chan(*chan));
            f(Touch::Goroutine(*goroutine));
        }
        Event::SyncChanged {
            object, goroutine, ..
        } => {
            f(Touch::Sync(*object));
            f(Touch::Goroutine(*goroutine));
        }
        Event::TimerSet { timer, .. }
        | Event::TimerStopped { timer }
        | Event::TimerFired { timer } => {
            f(Touch::Timer(*timer));
        }
        Event::ProcessorStarted { processor, .. }
        | Event::ProcessorIdled { processor }
        | Event::ProcessorHandedOff { processor, .. } => {
            f(Touch::Processor(*processor));
        }
        Event::MovedToGlobalQueue {
            processor,
            goroutines,
        }
        | Event::TookFromGlobalQueue {
            processor,
            goroutines,
        } => {
            f(Touch::Processor(*processor));
            goroutines.iter().for_each(|g| f(Touch::Goroutine(*g)));
        }
        Event::Stolen { thief, victim, .. } => {
            f(Touch::Processor(*thief));
            f(Touch::Processor(*victim));
        }
        Event::SyscallEntered { goroutine, .. } => {
            f(Touch::Goroutine(*goroutine));
        }
        Event::SyscallExited {
            goroutine,
            processor,
            ..
        } => {
            f(Touch::Goroutine(*goroutine));
            if let Some(x) = processor {
                f(Touch::Processor(*x));
            }
        }
        Event::ContextCreated {
            context, goroutine, ..
        }
        | Event::ContextCancelled {
            context, goroutine, ..
        } => {
            f(Touch::Context(*context));
            f(Touch::Goroutine(*goroutine));
        }
        Event::ContextDoneMade { context, chan } => {
            f(Touch::Context(*context));
            f(Touch::Chan(*chan));
        }
        // The clock, output and endings touch no object.
        _ => {}
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use runtime::goroutine::WaitReason;

    #[test]
    fn a_park_on_a_select_touches_every_channel_of_it() {
        let t = Touched::from_events(&[Event::Parked {
            goroutine: GoroutineId(5),
            reason: WaitReason::Select,
            object: WaitObject::Select(vec![ChanId(1), ChanId(4)]),
        }]);
        assert!(t.goroutines.contains(&GoroutineId(5)));
        assert_eq!(t.chans.iter().map(|c| c.0).collect::<Vec<_>>(), [1, 4]);
        let mut subjects = Vec::new();
        for_each_subject(
            &[Event::Parked {
                goroutine: GoroutineId(5),
                reason: WaitReason::Select,
                object: WaitObject::Select(vec![ChanId(1), ChanId(4)]),
            }],
            |s| subjects.push(s.to_string()),
        );
        assert_eq!(subjects, ["G5", "chan 1", "chan 4"]);
    }

    #[test]
    fn a_timer_send_touches_no_goroutine_zero() {
        let t = Touched::from_events(&[Event::ValueHandedOff {
            chan: ChanId(0),
            sender: GoroutineId(0),
            receiver: GoroutineId(1),
            value: "x".into(),
        }]);
        assert_eq!(t.goroutines.iter().map(|g| g.0).collect::<Vec<_>>(), [1]);
    }
}
