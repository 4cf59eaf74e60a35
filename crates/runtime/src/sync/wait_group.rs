//! sync.WaitGroup as a runtime object: a counter and the goroutines blocked in Wait.
//!
//! Models sync/waitgroup.go (`Add`, `Done`, `Wait`) on runtime/sema.go: Wait parks through
//! `runtime_Semacquire`, so it shows as `[semacquire]` in Go 1.23; when Add brings the counter to zero it
//! releases every waiter (FIFO semrelease).
//!
//! Invariants (asserted by [`WaitGroupState::check_invariants`]):
//! - `counter >= 0`.
//! - Waiters exist only while `counter > 0`.

use serde::{Deserialize, Serialize};

use crate::ids::GoroutineId;

/// The state of one sync.WaitGroup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WaitGroupState {
    pub counter: i64,
    pub waiters: Vec<GoroutineId>,
}

/// A Go-level failure of `Add`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitGroupPanic {
    /// `panic("sync: negative WaitGroup counter")`.
    NegativeCounter,
}

impl WaitGroupPanic {
    /// Go's panic message.
    pub fn message(self) -> &'static str {
        match self {
            WaitGroupPanic::NegativeCounter => "sync: negative WaitGroup counter",
        }
    }
}

impl WaitGroupState {
    /// Models `Add(delta)` (Done is `Add(-1)`): returns the waiters to ready, in order.
    pub fn add(&mut self, delta: i64) -> Result<Vec<GoroutineId>, WaitGroupPanic> {
        let counter = self.counter.saturating_add(delta);
        if counter < 0 {
            return Err(WaitGroupPanic::NegativeCounter);
        }
        self.counter = counter;
        if counter > 0 {
            return Ok(Vec::new());
        }
        Ok(std::mem::take(&mut self.waiters))
    }

    /// Models `Wait`: true if it must park with `semacquire`.
    pub fn wait(&mut self, g: GoroutineId) -> bool {
        if self.counter == 0 {
            return false;
        }
        self.waiters.push(g);
        true
    }

    /// Asserts the invariants in the module header.
    pub fn check_invariants(&self) {
        assert!(self.counter >= 0);
        assert!(
            self.waiters.is_empty() || self.counter > 0,
            "WaitGroup waiters at zero"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_to_zero_releases_all_waiters_and_negative_panics() {
        let mut wg = WaitGroupState::default();
        assert!(!wg.wait(GoroutineId(1)));
        wg.add(2).unwrap();
        assert!(wg.wait(GoroutineId(1)));
        assert!(wg.wait(GoroutineId(5)));
        assert_eq!(wg.add(-1), Ok(vec![]));
        assert_eq!(wg.add(-1), Ok(vec![GoroutineId(1), GoroutineId(5)]));
        wg.check_invariants();
        assert_eq!(wg.add(-1), Err(WaitGroupPanic::NegativeCounter));
        assert_eq!(
            WaitGroupPanic::NegativeCounter.message(),
            "sync: negative WaitGroup counter"
        );
    }
}
