//! sync.Cond's wait list: Go's `notifyList` with tickets.
//!
//! Models runtime/sema.go (`notifyListAdd`, `notifyListWait`, `notifyListNotifyOne`, `notifyListNotifyAll`)
//! used by sync/cond.go: `Wait` takes a ticket, unlocks `L`, parks (`sync.Cond.Wait`) until its ticket is
//! notified, then locks `L` again. `Signal` wakes the lowest unnotified ticket, `Broadcast` all of them in
//! ticket order.
//!
//! Invariants (asserted by [`NotifyList::check_invariants`]): `notify <= wait`; every waiter's ticket is in
//! `notify..wait`; tickets are unique.

use serde::{Deserialize, Serialize};

use crate::ids::GoroutineId;

/// A goroutine parked in `Cond.Wait` with its ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CondWaiter {
    pub goroutine: GoroutineId,
    pub ticket: u32,
}

/// Go's `notifyList`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NotifyList {
    /// `wait`: the next ticket to hand out.
    pub wait: u32,
    /// `notify`: the next ticket to notify.
    pub notify: u32,
    /// Parked waiters, in the order they parked.
    pub waiters: Vec<CondWaiter>,
}

impl NotifyList {
    /// Models `notifyListAdd`: takes a ticket.
    pub fn add(&mut self) -> u32 {
        let t = self.wait;
        self.wait = self.wait.wrapping_add(1);
        t
    }

    /// Models `notifyListWait`: false if the ticket was already notified (returns at once), else the
    /// goroutine is listed and must park.
    pub fn wait(&mut self, g: GoroutineId, ticket: u32) -> bool {
        // A ticket never handed out (bad input) or already notified: nothing to wait for.
        if less(ticket, self.notify) || !less(ticket, self.wait) {
            return false;
        }
        self.waiters.push(CondWaiter {
            goroutine: g,
            ticket,
        });
        true
    }

    /// Models `notifyListNotifyOne`: the waiter holding ticket `notify`, if it is parked.
    pub fn notify_one(&mut self) -> Option<GoroutineId> {
        if self.wait == self.notify {
            return None;
        }
        let t = self.notify;
        self.notify = self.notify.wrapping_add(1);
        let pos = self.waiters.iter().position(|w| w.ticket == t)?;
        Some(self.waiters.remove(pos).goroutine)
    }

    /// Models `notifyListNotifyAll`: every parked waiter, in ticket order.
    pub fn notify_all(&mut self) -> Vec<GoroutineId> {
        self.notify = self.wait;
        let mut ws = std::mem::take(&mut self.waiters);
        crate::util::sort_by_key(&mut ws, |w| w.ticket);
        ws.into_iter().map(|w| w.goroutine).collect()
    }

    /// Asserts the invariants in the module header.
    pub fn check_invariants(&self) {
        assert!(!less(self.wait, self.notify));
        let mut seen = std::collections::BTreeSet::new();
        for w in &self.waiters {
            assert!(
                !less(w.ticket, self.notify) && less(w.ticket, self.wait),
                "ticket out of range"
            );
            assert!(seen.insert(w.ticket));
        }
    }
}

/// Ticket comparison with wrap-around (`less` in sema.go).
fn less(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_wakes_in_ticket_order_and_early_notify_skips_parking() {
        let mut l = NotifyList::default();
        let t1 = l.add();
        let t2 = l.add();
        let t3 = l.add();
        assert!(l.wait(GoroutineId(6), t2));
        assert!(l.wait(GoroutineId(5), t1));
        // t1 is notified first although its goroutine parked second.
        assert_eq!(l.notify_one(), Some(GoroutineId(5)));
        assert_eq!(l.notify_all(), vec![GoroutineId(6)]);
        // t3 was notified by Broadcast before it parked: Wait returns at once.
        assert!(!l.wait(GoroutineId(7), t3));
        assert_eq!(l.notify_one(), None);
        l.check_invariants();
    }
}
