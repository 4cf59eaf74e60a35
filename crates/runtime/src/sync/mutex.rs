//! sync.Mutex as a runtime object: normal and starvation mode, with its semaphore's waiter queue.
//!
//! Models sync/mutex.go (`Lock`/`lockSlow`, `Unlock`/`unlockSlow`, `TryLock`) and the waiter queue of
//! runtime/sema.go (`semacquire1` with `lifo`, `semrelease1` with `handoff`). Spinning is not modelled.
//!
//! Invariants (asserted by [`MutexState::check_invariants`]):
//! - `owner.is_some() == locked`.
//! - `starving` implies someone waits or the mutex is held (starvation mode ends with the last waiter).
//! - A goroutine waits at most once, and never while it owns the mutex.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::ids::GoroutineId;

/// `starvationThresholdNs = 1e6` (sync/mutex.go:77), measured on the virtual clock.
pub const STARVATION_THRESHOLD_NS: i64 = 1_000_000;

/// A goroutine blocked in `Lock` (a sudog on the mutex's semaphore).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MutexWaiter {
    pub goroutine: GoroutineId,
    /// `waitStartTime`: when it first blocked (kept across requeues).
    pub wait_start_ns: i64,
}

/// The state of one sync.Mutex.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MutexState {
    /// `mutexLocked`.
    pub locked: bool,
    /// The goroutine that locked it (Go does not track this; shown in snapshots).
    pub owner: Option<GoroutineId>,
    /// `mutexStarving`: ownership is handed directly to the first waiter.
    pub starving: bool,
    /// `mutexWoken`: a waiter was woken and is about to retry, so Unlock wakes no other.
    pub woken: bool,
    /// The semaphore's waiters, head first.
    pub waiters: VecDeque<MutexWaiter>,
}

/// The outcome of a Lock attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockOutcome {
    Acquired,
    /// The goroutine was queued (at the head if it had waited before) and must park with
    /// `sync.Mutex.Lock`.
    Queued {
        lifo: bool,
    },
}

/// The outcome of Unlock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnlockOutcome {
    /// `fatal("sync: unlock of unlocked mutex")`.
    Unlocked,
    /// Released with nobody to wake.
    Released,
    /// Normal mode: this waiter was woken to compete for the mutex again (it retries `Lock` when it runs,
    /// keeping its wait start).
    Woke(MutexWaiter),
    /// Starvation mode: ownership went straight to this waiter; the unlocking goroutine yields to it
    /// (`semrelease1(handoff=true)` → `goyield`).
    HandedOff(GoroutineId),
}

impl MutexState {
    /// Models `Lock` (and the retry loop of `lockSlow` when `retry` carries the wait start of a woken
    /// waiter). `now_ns` is the virtual clock.
    pub fn lock(&mut self, g: GoroutineId, now_ns: i64, retry: Option<i64>) -> LockOutcome {
        if retry.is_some() {
            // The woken waiter clears mutexWoken whatever happens next.
            self.woken = false;
        }
        if !self.locked && !self.starving {
            self.locked = true;
            self.owner = Some(g);
            return LockOutcome::Acquired;
        }
        let starving_me = retry.is_some_and(|start| now_ns - start > STARVATION_THRESHOLD_NS);
        if starving_me && self.locked {
            self.starving = true;
        }
        let waiter = MutexWaiter {
            goroutine: g,
            wait_start_ns: retry.unwrap_or(now_ns),
        };
        let lifo = retry.is_some();
        if lifo {
            self.waiters.push_front(waiter);
        } else {
            self.waiters.push_back(waiter);
        }
        LockOutcome::Queued { lifo }
    }

    /// Models `TryLock`.
    pub fn try_lock(&mut self, g: GoroutineId) -> bool {
        if self.locked || self.starving {
            return false;
        }
        self.locked = true;
        self.owner = Some(g);
        true
    }

    /// Models `Unlock`.
    pub fn unlock(&mut self, now_ns: i64) -> UnlockOutcome {
        if !self.locked {
            return UnlockOutcome::Unlocked;
        }
        self.locked = false;
        self.owner = None;
        if self.starving {
            let w = self
                .waiters
                .pop_front()
                .expect("starvation mode has waiters");
            self.locked = true;
            self.owner = Some(w.goroutine);
            let waiter_starving = now_ns - w.wait_start_ns > STARVATION_THRESHOLD_NS;
            if !waiter_starving || self.waiters.is_empty() {
                self.starving = false;
            }
            return UnlockOutcome::HandedOff(w.goroutine);
        }
        if self.woken {
            return UnlockOutcome::Released;
        }
        match self.waiters.pop_front() {
            Some(w) => {
                self.woken = true;
                UnlockOutcome::Woke(w)
            }
            None => UnlockOutcome::Released,
        }
    }

    /// Asserts the invariants in the module header.
    pub fn check_invariants(&self) {
        assert_eq!(
            self.owner.is_some(),
            self.locked,
            "mutex owner/locked mismatch"
        );
        if self.starving {
            assert!(
                self.locked || !self.waiters.is_empty(),
                "starving mutex without waiters"
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for w in &self.waiters {
            assert!(seen.insert(w.goroutine), "{} waits twice", w.goroutine);
            assert_ne!(
                Some(w.goroutine),
                self.owner,
                "owner waits for its own mutex"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(i: u32) -> GoroutineId {
        GoroutineId(i)
    }

    #[test]
    fn normal_mode_wakes_one_waiter_which_may_lose_to_a_newcomer() {
        let mut m = MutexState::default();
        assert_eq!(m.lock(g(1), 0, None), LockOutcome::Acquired);
        assert_eq!(m.lock(g(5), 0, None), LockOutcome::Queued { lifo: false });
        assert_eq!(m.lock(g(6), 0, None), LockOutcome::Queued { lifo: false });
        let UnlockOutcome::Woke(w) = m.unlock(0) else {
            panic!()
        };
        assert_eq!(w.goroutine, g(5));
        // A second unlock before the woken waiter retries wakes nobody else (mutexWoken).
        assert_eq!(m.lock(g(1), 0, None), LockOutcome::Acquired);
        assert_eq!(m.unlock(0), UnlockOutcome::Released);
        // A newcomer barges in; the woken waiter requeues at the head (LIFO).
        assert_eq!(m.lock(g(7), 0, None), LockOutcome::Acquired);
        assert_eq!(
            m.lock(g(5), 10, Some(w.wait_start_ns)),
            LockOutcome::Queued { lifo: true }
        );
        assert_eq!(
            m.waiters.iter().map(|w| w.goroutine).collect::<Vec<_>>(),
            vec![g(5), g(6)]
        );
        m.check_invariants();
    }

    #[test]
    fn starvation_mode_after_one_millisecond_hands_off() {
        let mut m = MutexState::default();
        m.lock(g(1), 0, None);
        m.lock(g(5), 0, None);
        m.lock(g(6), 0, None);
        let UnlockOutcome::Woke(w) = m.unlock(0) else {
            panic!()
        };
        m.lock(g(7), 0, None);
        // g5 retries 2 ms after it first blocked: it switches the mutex to starvation mode.
        assert_eq!(
            m.lock(g(5), 2_000_000, Some(w.wait_start_ns)),
            LockOutcome::Queued { lifo: true }
        );
        assert!(m.starving);
        // Newcomers queue behind even when the mutex is free in starvation mode.
        assert_eq!(m.unlock(2_000_000), UnlockOutcome::HandedOff(g(5)));
        assert!(m.starving, "g6 still waits and g5 waited > 1 ms");
        assert_eq!(m.owner, Some(g(5)));
        assert_eq!(m.unlock(2_000_000), UnlockOutcome::HandedOff(g(6)));
        assert!(!m.starving, "the last waiter ends starvation mode");
        m.check_invariants();
    }

    #[test]
    fn unlock_of_unlocked_is_reported() {
        let mut m = MutexState::default();
        assert_eq!(m.unlock(0), UnlockOutcome::Unlocked);
        assert!(m.try_lock(g(1)));
        assert!(!m.try_lock(g(2)));
    }
}
