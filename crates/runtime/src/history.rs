//! Time travel: seek to any earlier step by restoring a checkpoint and replaying deterministically, and
//! fork: from a past step, continue with a different choice.
//!
//! A run is a pure function of `(Program, Config)` plus the manual choices made along the way, so a
//! checkpoint (a clone of the [`Runtime`], cheap: the program is shared and values are reference-counted)
//! every `interval` steps and the list of manual choices are enough to reach any step again. At most
//! [`MAX_CHECKPOINTS`] are kept: when there would be more, every other one is dropped and the interval
//! doubles, so memory stays bounded and a seek replays fewer than `interval` steps.
//!
//! Invariants: checkpoints are sorted by step, the first is step 0, and each is exactly the state the run
//! had after that many steps; `current.steps() <= furthest`.

use std::collections::BTreeMap;

use crate::policy::ChoiceKind;
use crate::runtime::{Runtime, Step};

/// Checkpoints kept at most.
pub const MAX_CHECKPOINTS: usize = 64;

/// A seek that cannot be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeekError {
    /// The run ended before this step.
    PastTheEnd { requested: u64, last: u64 },
}

impl std::fmt::Display for SeekError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeekError::PastTheEnd { requested, last } => write!(
                f,
                "cannot seek to step {requested}: the run ended at step {last}"
            ),
        }
    }
}

impl std::error::Error for SeekError {}

/// A runtime with its past.
#[derive(Clone, Debug)]
pub struct History {
    current: Runtime,
    checkpoints: Vec<Runtime>,
    interval: u64,
    /// Manual choices by step number (the step they were made in).
    choices: BTreeMap<u64, Vec<(ChoiceKind, u32)>>,
    /// The furthest step computed on this timeline.
    furthest: u64,
}

impl History {
    /// Starts recording `runtime` (normally fresh, at step 0).
    pub fn new(runtime: Runtime) -> History {
        History {
            checkpoints: vec![runtime.clone()],
            current: runtime,
            interval: 1024,
            choices: BTreeMap::new(),
            furthest: 0,
        }
    }

    /// The runtime at the current step.
    pub fn current(&self) -> &Runtime {
        &self.current
    }

    /// The furthest step reached on this timeline.
    pub fn furthest(&self) -> u64 {
        self.furthest
    }

    /// Steps forward (replaying a recorded manual choice if this step had one).
    pub fn step(&mut self) -> Step {
        let n = self.current.steps() + 1;
        let step = match self.choices.get(&n) {
            Some(c) => {
                let c = c.clone();
                self.current.step_choosing(&c)
            }
            None => self.current.step(),
        };
        self.after_step();
        step
    }

    /// Forks: discards the future after the current step and makes the next step with these choices.
    pub fn fork(&mut self, choices: &[(ChoiceKind, u32)]) -> Step {
        let now = self.current.steps();
        self.choices.retain(|&s, _| s <= now);
        self.checkpoints.retain(|c| c.steps() <= now);
        self.furthest = now;
        // A replayed schedule's choices after this point belong to the old branch: drop them here and on
        // every checkpoint, or seeking back into this branch would replay them.
        let seq = self.current.decisions();
        self.current.truncate_replay(seq);
        for c in &mut self.checkpoints {
            c.truncate_replay(seq);
        }
        self.choices.insert(now + 1, choices.to_vec());
        self.step()
    }

    /// Moves to step `target` (earlier or later on this timeline).
    pub fn seek(&mut self, target: u64) -> Result<(), SeekError> {
        let base = self
            .checkpoints
            .iter()
            .rev()
            .find(|c| c.steps() <= target)
            .expect("step 0 is a checkpoint");
        if target < self.current.steps() || base.steps() > self.current.steps() {
            self.current = base.clone();
        }
        while self.current.steps() < target {
            if !self.current.status().is_running() {
                return Err(SeekError::PastTheEnd {
                    requested: target,
                    last: self.current.steps(),
                });
            }
            self.step();
        }
        Ok(())
    }

    fn after_step(&mut self) {
        let n = self.current.steps();
        if n > self.furthest {
            self.furthest = n;
            if n.is_multiple_of(self.interval)
                && self.checkpoints.last().is_none_or(|c| c.steps() < n)
            {
                self.checkpoints.push(self.current.clone());
                if self.checkpoints.len() > MAX_CHECKPOINTS {
                    self.interval *= 2;
                    let interval = self.interval;
                    self.checkpoints
                        .retain(|c| c.steps().is_multiple_of(interval));
                }
            }
        }
    }
}
