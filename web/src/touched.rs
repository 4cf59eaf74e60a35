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
            t.add(e);
        }
        t
    }

    /// Whether the step acted on `s`.
    pub fn involves(&self, s: Subject) -> bool {
        match s {
            Subject::Goroutine(g) => self.goroutines.contains(&g),
            Subject::Chan(c) => self.chans.contains(&c),
        }
    }

    /// The goroutines and channels, as subjects.
    pub fn subjects(&self) -> impl Iterator<Item = Subject> + '_ {
        self.goroutines
            .iter()
            .map(|&g| Subject::Goroutine(g))
            .chain(self.chans.iter().map(|&c| Subject::Chan(c)))
    }

    fn add(&mut self, e: &Event) {
        match e {
            Event::GoroutineCreated {
                goroutine, creator, ..
            } => {
                self.goroutines.insert(*goroutine);
                self.goroutines.extend(*creator);
            }
            Event::Parked {
                goroutine, object, ..
            } => {
                self.goroutines.insert(*goroutine);
                match object {
                    WaitObject::Chan(c) => {
                        self.chans.insert(*c);
                    }
                    WaitObject::Select(cs) => self.chans.extend(cs.iter().copied()),
                    WaitObject::Sync(s) => {
                        self.syncs.insert(*s);
                    }
                    WaitObject::Timer(t) => {
                        self.timers.insert(*t);
                    }
                    WaitObject::Nothing => {}
                }
            }
            Event::Preempted { goroutine }
            | Event::Yielded { goroutine }
            | Event::Exited { goroutine }
            | Event::SelectChose { goroutine, .. }
            | Event::Panicked { goroutine, .. } => {
                self.goroutines.insert(*goroutine);
            }
            Event::GoroutineScheduled {
                goroutine,
                processor,
                ..
            } => {
                self.goroutines.insert(*goroutine);
                self.processors.insert(*processor);
            }
            Event::Readied {
                goroutine,
                processor,
                kicked,
                ..
            } => {
                self.goroutines.insert(*goroutine);
                self.goroutines.extend(*kicked);
                self.processors.insert(*processor);
            }
            Event::ChannelMade { chan, .. } => {
                self.chans.insert(*chan);
            }
            Event::ReceivedZeroFromClosed { chan, receiver } => {
                self.chans.insert(*chan);
                self.goroutines.insert(*receiver);
            }
            Event::ValueHandedOff {
                chan,
                sender,
                receiver,
                ..
            } => {
                self.chans.insert(*chan);
                // A timer's send has no goroutine (sender 0).
                if sender.0 != 0 {
                    self.goroutines.insert(*sender);
                }
                self.goroutines.insert(*receiver);
            }
            Event::ValueBuffered { chan, sender, .. } => {
                self.chans.insert(*chan);
                if sender.0 != 0 {
                    self.goroutines.insert(*sender);
                }
            }
            Event::ValueReceived {
                chan,
                receiver,
                refilled_by,
                ..
            } => {
                self.chans.insert(*chan);
                self.goroutines.insert(*receiver);
                self.goroutines.extend(*refilled_by);
            }
            Event::ChannelClosed { chan, goroutine } => {
                self.chans.insert(*chan);
                self.goroutines.insert(*goroutine);
            }
            Event::SyncChanged {
                object, goroutine, ..
            } => {
                self.syncs.insert(*object);
                self.goroutines.insert(*goroutine);
            }
            Event::TimerSet { timer, .. }
            | Event::TimerStopped { timer }
            | Event::TimerFired { timer } => {
                self.timers.insert(*timer);
            }
            Event::ProcessorStarted { processor, .. }
            | Event::ProcessorIdled { processor }
            | Event::ProcessorHandedOff { processor, .. } => {
                self.processors.insert(*processor);
            }
            Event::MovedToGlobalQueue {
                processor,
                goroutines,
            }
            | Event::TookFromGlobalQueue {
                processor,
                goroutines,
            } => {
                self.processors.insert(*processor);
                self.goroutines.extend(goroutines.iter().copied());
            }
            Event::Stolen { thief, victim, .. } => {
                self.processors.insert(*thief);
                self.processors.insert(*victim);
            }
            Event::SyscallEntered { goroutine, .. } => {
                self.goroutines.insert(*goroutine);
            }
            Event::SyscallExited {
                goroutine,
                processor,
                ..
            } => {
                self.goroutines.insert(*goroutine);
                self.processors.extend(*processor);
            }
            Event::ContextCreated {
                context, goroutine, ..
            }
            | Event::ContextCancelled {
                context, goroutine, ..
            } => {
                self.contexts.insert(*context);
                self.goroutines.insert(*goroutine);
            }
            Event::ContextDoneMade { context, chan } => {
                self.contexts.insert(*context);
                self.chans.insert(*chan);
            }
            // The clock, output and endings touch no object.
            _ => {}
        }
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
        assert!(t.involves(Subject::Goroutine(GoroutineId(5))));
        assert!(t.involves(Subject::Chan(ChanId(1))));
        assert!(t.involves(Subject::Chan(ChanId(4))));
        assert!(!t.involves(Subject::Chan(ChanId(2))));
        let subjects: Vec<String> = t.subjects().map(|s| s.to_string()).collect();
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
