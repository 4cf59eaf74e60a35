//! sync.Once as a runtime object.
//!
//! Models sync/once.go: `Do` returns at once if `done`; otherwise it takes the Once's mutex `m` (waiting as
//! `sync.Mutex.Lock`), and the goroutine that finds `done == 0` under the lock runs `f`; `done` is set and
//! `m` unlocked when `f` returns or panics (both are deferred in `doSlow`).
//!
//! Invariants: `running` is the owner of `m` when set; `done` implies nobody is running `f`.

use serde::{Deserialize, Serialize};

use super::mutex::MutexState;
use crate::ids::GoroutineId;

/// The state of one sync.Once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct OnceState {
    pub done: bool,
    pub m: MutexState,
    /// The goroutine running `f`.
    pub running: Option<GoroutineId>,
}

/// What `Do` does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OnceOutcome {
    /// `done` was set: return without calling f.
    Done,
    /// The caller must call f, then report with `OnceEnd`.
    Run,
    /// Another goroutine runs f: park on `m` (`sync.Mutex.Lock`) and retry when woken.
    Queued,
}

impl OnceState {
    /// Asserts the invariants in the module header.
    pub fn check_invariants(&self) {
        self.m.check_invariants();
        if let Some(g) = self.running {
            assert_eq!(self.m.owner, Some(g));
            assert!(!self.done);
        }
    }
}
