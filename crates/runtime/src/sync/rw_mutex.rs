//! sync.RWMutex as a runtime object with writer preference.
//!
//! Models sync/rwmutex.go: `RLock` waits (`sync.RWMutex.RLock`) while a writer holds or waits for the lock;
//! `Lock` first takes the internal mutex `w` (waiting as `sync.Mutex.Lock`), then announces itself and waits
//! (`sync.RWMutex.Lock`) until the readers active at that moment have left (`readerWait`); `Unlock` admits
//! every reader that queued meanwhile, then unlocks `w`.
//!
//! Invariants (asserted by [`RwMutexState::check_invariants`]):
//! - `writer` holds `w` (the inner mutex is locked by the writer) whenever it is `Some`.
//! - A pending writer waits for `readers_departing` ≤ active readers; an active writer has no active readers.
//! - Readers only queue while there is a writer.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::mutex::MutexState;
use crate::ids::GoroutineId;

/// The writer that holds `w`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Writer {
    /// Waiting for `readers_departing` readers to leave.
    Pending(GoroutineId),
    /// Holds the write lock.
    Active(GoroutineId),
}

/// The state of one sync.RWMutex.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RwMutexState {
    /// `w`: serialises writers.
    pub w: MutexState,
    pub writer: Option<Writer>,
    /// Goroutines holding a read lock, in acquisition order (Go only counts them).
    pub readers: Vec<GoroutineId>,
    /// `readerWait`: readers the pending writer still waits for.
    pub readers_departing: u32,
    /// Readers blocked on `readerSem`, FIFO.
    pub reader_waiters: VecDeque<GoroutineId>,
}

/// The outcome of RLock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RLockOutcome {
    Acquired,
    /// Park with `sync.RWMutex.RLock`.
    Queued,
}

/// The outcome of RUnlock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RUnlockOutcome {
    /// `fatal("sync: RUnlock of unlocked RWMutex")`.
    Unlocked,
    Released,
    /// The last departing reader let the pending writer in: ready it.
    WriterAdmitted(GoroutineId),
}

/// The outcome of the second half of Lock (after `w` is held).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriterOutcome {
    Acquired,
    /// Park with `sync.RWMutex.Lock` until the readers leave.
    WaitingForReaders,
}

/// The outcome of Unlock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RwUnlockOutcome {
    /// `fatal("sync: Unlock of unlocked RWMutex")`.
    Unlocked,
    /// Released; these readers now hold read locks and must be readied (in this order), and `w`'s unlock
    /// had this outcome.
    Released {
        readers: Vec<GoroutineId>,
        w: super::mutex::UnlockOutcome,
    },
}

impl RwMutexState {
    /// Models `RLock`.
    pub fn rlock(&mut self, g: GoroutineId) -> RLockOutcome {
        if self.writer.is_some() {
            self.reader_waiters.push_back(g);
            return RLockOutcome::Queued;
        }
        self.readers.push(g);
        RLockOutcome::Acquired
    }

    /// Models `TryRLock`: fails while a writer holds the lock or waits for readers to leave
    /// (`readerCount < 0` in Go).
    pub fn try_rlock(&mut self, g: GoroutineId) -> bool {
        if self.writer.is_some() {
            return false;
        }
        self.readers.push(g);
        true
    }

    /// Models `RUnlock` by goroutine `g` (any reader's lock is released if `g` holds none, as Go does not
    /// track reader identity).
    pub fn runlock(&mut self, g: GoroutineId) -> RUnlockOutcome {
        if self.readers.is_empty() {
            return RUnlockOutcome::Unlocked;
        }
        let pos = self.readers.iter().position(|&r| r == g).unwrap_or(0);
        self.readers.remove(pos);
        if let Some(Writer::Pending(w)) = self.writer {
            self.readers_departing = self.readers_departing.saturating_sub(1);
            if self.readers_departing == 0 {
                self.writer = Some(Writer::Active(w));
                return RUnlockOutcome::WriterAdmitted(w);
            }
        }
        RUnlockOutcome::Released
    }

    /// Models the part of `Lock` after `rw.w.Lock()` succeeded.
    pub fn writer_enter(&mut self, g: GoroutineId) -> WriterOutcome {
        if self.readers.is_empty() {
            self.writer = Some(Writer::Active(g));
            WriterOutcome::Acquired
        } else {
            self.readers_departing = self.readers.len() as u32;
            self.writer = Some(Writer::Pending(g));
            WriterOutcome::WaitingForReaders
        }
    }

    /// Models `TryLock`.
    pub fn try_lock(&mut self, g: GoroutineId) -> bool {
        if !self.readers.is_empty() || self.writer.is_some() || !self.w.try_lock(g) {
            return false;
        }
        self.writer = Some(Writer::Active(g));
        true
    }

    /// Models `Unlock`.
    pub fn unlock(&mut self, now_ns: i64) -> RwUnlockOutcome {
        let Some(Writer::Active(_)) = self.writer else {
            return RwUnlockOutcome::Unlocked;
        };
        self.writer = None;
        let readers: Vec<GoroutineId> = self.reader_waiters.drain(..).collect();
        self.readers.extend(readers.iter().copied());
        let w = self.w.unlock(now_ns);
        RwUnlockOutcome::Released { readers, w }
    }

    /// Asserts the invariants in the module header.
    pub fn check_invariants(&self) {
        self.w.check_invariants();
        match self.writer {
            Some(Writer::Pending(_)) => {
                assert!(self.w.locked);
                assert!(
                    self.readers_departing as usize <= self.readers.len()
                        && self.readers_departing > 0
                );
            }
            Some(Writer::Active(_)) => {
                assert!(self.w.locked);
                assert!(self.readers.is_empty(), "active writer with active readers");
            }
            None => assert!(
                self.reader_waiters.is_empty(),
                "readers queued without a writer"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::mutex::LockOutcome;
    use super::*;

    fn g(i: u32) -> GoroutineId {
        GoroutineId(i)
    }

    #[test]
    fn writer_preference_blocks_new_readers() {
        let mut rw = RwMutexState::default();
        assert_eq!(rw.rlock(g(5)), RLockOutcome::Acquired);
        assert_eq!(rw.w.lock(g(6), 0, None), LockOutcome::Acquired);
        assert_eq!(rw.writer_enter(g(6)), WriterOutcome::WaitingForReaders);
        rw.check_invariants();
        assert_eq!(rw.rlock(g(7)), RLockOutcome::Queued);
        assert_eq!(rw.runlock(g(5)), RUnlockOutcome::WriterAdmitted(g(6)));
        rw.check_invariants();
        let RwUnlockOutcome::Released { readers, .. } = rw.unlock(0) else {
            panic!()
        };
        assert_eq!(readers, vec![g(7)]);
        assert_eq!(rw.readers, vec![g(7)]);
        rw.check_invariants();
        assert_eq!(rw.unlock(0), RwUnlockOutcome::Unlocked);
        assert_eq!(rw.runlock(g(7)), RUnlockOutcome::Released);
        assert_eq!(rw.runlock(g(7)), RUnlockOutcome::Unlocked);
    }
}
