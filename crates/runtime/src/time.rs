//! The virtual clock and the runtime timers behind time.Sleep, time.Timer, time.Ticker, time.After,
//! time.AfterFunc, and the virtual duration of blocking system calls.
//!
//! Models runtime/time.go (timers, `timeSleep`, `timeSleepUntil`) under the playground's faketime
//! (runtime/time_fake.go): the clock starts at 2009-11-10 23:00:00 UTC and only moves when no goroutine can
//! run, jumping to the earliest timer (checkdead in proc.go:5983-6012, like testing/synctest).
//! Go keeps a 4-ary heap per P; the model keeps one ordered set keyed by `(when, creation sequence)`, so
//! timers due at the same instant fire in the order they were set, as they would in real time where their
//! `when`s differ by the nanoseconds between the calls.
//!
//! Invariants (asserted by [`Timers::check_invariants`]):
//! - A timer is in `heap` exactly when it is armed, keyed by its `when_ns` and its `seq`.
//! - No armed timer is due before the clock (`when_ns >= now_ns` after every firing round).
//! - Periodic timers have `period_ns > 0`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::ids::{ChanId, GoroutineId, ThreadId, TimerId};

/// `faketime`'s start: 2009-11-10 23:00:00 UTC in Unix nanoseconds (runtime/time_fake.go:18).
pub const FAKETIME_START_NS: i64 = 1_257_894_000_000_000_000;

/// What a timer does when it fires (Go's `timer.f`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimerAction {
    /// `time.Sleep`: ready the sleeping goroutine (`goroutineReady`).
    Wake(GoroutineId),
    /// `time.NewTimer`/`time.After`/`time.NewTicker`: send the current time on the channel if its one-slot
    /// buffer is empty (`sendTime`).
    SendTime(ChanId),
    /// `time.AfterFunc`: start the function (the runtime's func table index) in a new goroutine (`goFunc`).
    StartFunc(u32),
    /// The end of a blocking system call made by `goroutine` on `thread` (exitsyscall), which then
    /// returns `result` (n, errno).
    SyscallDone {
        thread: ThreadId,
        goroutine: GoroutineId,
        result: (i64, i64),
    },
}

/// One runtime timer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Timer {
    pub id: TimerId,
    pub action: TimerAction,
    /// When it fires next, on the virtual clock (`timer.when`); meaningful while armed.
    pub when_ns: i64,
    /// `timer.period` for tickers, else 0.
    pub period_ns: i64,
    /// Armed (in the heap).
    pub armed: bool,
    /// Tie-breaker for equal `when_ns`: the order in which timers were (re)armed.
    pub seq: u64,
}

/// The virtual clock and all timers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timers {
    /// The virtual clock, Unix nanoseconds.
    pub now_ns: i64,
    pub timers: Vec<Timer>,
    heap: BTreeSet<(i64, u64, TimerId)>,
    next_seq: u64,
}

impl Default for Timers {
    fn default() -> Self {
        Timers {
            now_ns: FAKETIME_START_NS,
            timers: Vec::new(),
            heap: BTreeSet::new(),
            next_seq: 0,
        }
    }
}

impl Timers {
    /// Creates an armed timer firing at `when_ns` (a past `when` fires at the next check).
    pub fn add(&mut self, action: TimerAction, when_ns: i64, period_ns: i64) -> TimerId {
        let id = TimerId(self.timers.len() as u32);
        self.timers.push(Timer {
            id,
            action,
            when_ns,
            period_ns,
            armed: false,
            seq: 0,
        });
        self.arm(id, when_ns);
        id
    }

    /// The timer with this id.
    pub fn get(&self, id: TimerId) -> &Timer {
        &self.timers[id.index()]
    }

    fn arm(&mut self, id: TimerId, when_ns: i64) {
        let seq = self.next_seq;
        self.next_seq += 1;
        let t = &mut self.timers[id.index()];
        t.when_ns = when_ns;
        t.seq = seq;
        t.armed = true;
        self.heap.insert((when_ns, seq, id));
    }

    /// Models `timer.stop`: disarms; true if it was armed (the Stop result).
    pub fn stop(&mut self, id: TimerId) -> bool {
        let t = &mut self.timers[id.index()];
        if !t.armed {
            return false;
        }
        t.armed = false;
        self.heap.remove(&(t.when_ns, t.seq, id));
        true
    }

    /// Models `timer.reset`/`modify`: re-arms at `when_ns` with `period_ns`; true if it was armed.
    pub fn reset(&mut self, id: TimerId, when_ns: i64, period_ns: i64) -> bool {
        let was = self.stop(id);
        self.timers[id.index()].period_ns = period_ns;
        self.arm(id, when_ns);
        was
    }

    /// Number of armed timers.
    pub fn armed_count(&self) -> usize {
        self.heap.len()
    }

    /// Models `timeSleepUntil`: the earliest armed timer's `when`.
    pub fn next_when(&self) -> Option<i64> {
        self.heap.first().map(|&(when, _, _)| when)
    }

    /// Armed timers in firing order.
    pub fn armed(&self) -> impl Iterator<Item = &Timer> {
        self.heap.iter().map(|&(_, _, id)| &self.timers[id.index()])
    }

    /// Pops the first timer due at the current clock, re-arming a periodic one (skipping missed ticks
    /// as `timer.unlockAndRun` does); returns its action.
    pub fn pop_due(&mut self) -> Option<(TimerId, TimerAction)> {
        let &(when, seq, id) = self.heap.first()?;
        if when > self.now_ns {
            return None;
        }
        self.heap.remove(&(when, seq, id));
        let t = &mut self.timers[id.index()];
        t.armed = false;
        let action = t.action.clone();
        if t.period_ns > 0 {
            let period = t.period_ns;
            let missed = (self.now_ns - when) / period;
            self.arm(id, when + period * (1 + missed));
        }
        Some((id, action))
    }

    /// Advances the clock to `when_ns` (never backwards).
    pub fn advance_to(&mut self, when_ns: i64) {
        self.now_ns = self.now_ns.max(when_ns);
    }

    /// Asserts the invariants in the module header.
    pub fn check_invariants(&self) {
        let armed = self.timers.iter().filter(|t| t.armed).count();
        assert_eq!(armed, self.heap.len(), "armed timers vs heap");
        for &(when, seq, id) in &self.heap {
            let t = &self.timers[id.index()];
            assert!(
                t.armed && t.when_ns == when && t.seq == seq,
                "{id} heap key is stale"
            );
        }
        for t in &self.timers {
            assert!(t.period_ns >= 0);
        }
    }
}

/// Formats virtual Unix nanoseconds as Go's `time.Time.String()` in UTC with the monotonic reading
/// omitted, e.g. "2009-11-10 23:00:00 +0000 UTC".
pub fn format_utc(unix_ns: i64) -> String {
    let secs = unix_ns.div_euclid(1_000_000_000);
    let nanos = unix_ns.rem_euclid(1_000_000_000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let mut s = format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
    if nanos != 0 {
        let frac = format!("{nanos:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s.push_str(" +0000 UTC");
    s
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (H. Hinnant's
/// `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// A duration as Go's `time.Duration.String` prints it for whole units ("1.5s", "10ms", "2h0m0s").
pub fn format_duration(ns: i64) -> String {
    crate::fmt::duration_string(ns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_deadlines_fire_in_arming_order_and_tickers_rearm() {
        let mut t = Timers::default();
        let start = t.now_ns;
        let a = t.add(TimerAction::Wake(GoroutineId(5)), start + 10, 0);
        let b = t.add(TimerAction::Wake(GoroutineId(6)), start + 10, 0);
        let tick = t.add(TimerAction::SendTime(ChanId(0)), start + 4, 4);
        assert_eq!(t.next_when(), Some(start + 4));
        t.advance_to(start + 10);
        let fired: Vec<TimerId> = std::iter::from_fn(|| t.pop_due().map(|x| x.0)).collect();
        // The ticker was due at +4 and fires once; its next tick (+12) skips the missed +8.
        assert_eq!(fired, vec![tick, a, b]);
        assert_eq!(t.get(tick).when_ns, start + 12);
        assert!(!t.stop(a));
        assert!(t.stop(tick));
        assert_eq!(t.armed_count(), 0);
        t.check_invariants();
    }

    #[test]
    fn faketime_formats_like_go() {
        assert_eq!(
            format_utc(FAKETIME_START_NS),
            "2009-11-10 23:00:00 +0000 UTC"
        );
        assert_eq!(
            format_utc(FAKETIME_START_NS + 1_500_000_000),
            "2009-11-10 23:00:01.5 +0000 UTC"
        );
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 +0000 UTC");
    }
}
