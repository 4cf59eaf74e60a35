//! Channels: Go's `hchan` with its ring buffer and its FIFO wait queues of sudogs.
//!
//! Models runtime/chan.go (`makechan`, `chansend`, `chanrecv`, `closechan`, `waitq.enqueue`/`dequeue`,
//! `chanlen`/`chancap`). Nil channels, parking and readying are handled by the caller ([`crate::Runtime`]),
//! which owns the goroutines; this module only decides what happens to the channel.
//!
//! Invariants (chan.go:35-44, asserted by [`Chan::check_invariants`], counting only live sudogs, i.e. not
//! those of a select that another case already won):
//! - At least one of `sendq` and `recvq` is empty, except for an unbuffered channel with a single goroutine
//!   blocked on it for both sending and receiving using a select statement.
//! - For buffered channels: `qcount > 0` implies `recvq` is empty, and `qcount < dataqsiz` implies `sendq` is
//!   empty.
//! - `0 <= qcount <= dataqsiz`; the `qcount` slots starting at `recvx` are full, the others are empty, and
//!   `sendx == (recvx + qcount) % dataqsiz`.
//! - A closed channel has no live waiter.

use std::collections::VecDeque;

use crate::ids::{ChanId, GoroutineId, TimerId};

/// Largest capacity accepted by `make(chan T, n)` in the model (Go's own limit is memory; ours keeps
/// snapshots small). Exceeding it ends the run with `Status::LimitReached`.
pub const CHAN_CAPACITY_MAX: u64 = 1 << 20;

/// A waiting goroutine on a channel: Go's `sudog`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sudog<V> {
    /// The blocked goroutine.
    pub goroutine: GoroutineId,
    /// For a select, the index of the case this sudog belongs to (`isSelect` + `casi`).
    pub select_case: Option<u32>,
    /// For a sender, the value it sends (`sg.elem`).
    pub elem: Option<V>,
}

/// Whether a channel is an ordinary one or a Go 1.23 timer channel (`time.Timer.C`, `time.Ticker.C`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanKind {
    Plain,
    /// Synchronous timer channel: internally a 1-slot buffer, but `len` and `cap` report 0 (chan.go:786-817).
    Timer(TimerId),
}

/// Go's `hchan`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Chan<V> {
    pub id: ChanId,
    pub kind: ChanKind,
    /// `dataqsiz`: the buffer size given to make.
    pub dataqsiz: u32,
    /// `qcount`: values in the buffer.
    pub qcount: u32,
    /// The ring buffer; `None` is an empty slot.
    pub buf: Vec<Option<V>>,
    /// `sendx`: next slot to write.
    pub sendx: u32,
    /// `recvx`: next slot to read.
    pub recvx: u32,
    /// `closed`.
    pub closed: bool,
    /// `recvq`: blocked receivers, FIFO.
    pub recvq: VecDeque<Sudog<V>>,
    /// `sendq`: blocked senders, FIFO.
    pub sendq: VecDeque<Sudog<V>>,
    /// The element type's zero value, received from a closed channel.
    pub zero: V,
}

/// The outcome of `chansend` up to the point where it would block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendOutcome<V> {
    /// `panic(plainError("send on closed channel"))`.
    Closed,
    /// A receiver was waiting: the value went straight to it (`send`/`sendDirect`); ready it.
    HandedOff { receiver: Sudog<V>, value: V },
    /// Stored in buffer slot `slot`.
    Buffered { slot: u32 },
    /// No receiver and no room: the caller parks (or, for a non-blocking send, fails).
    WouldBlock(V),
}

/// The outcome of `chanrecv` up to the point where it would block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecvOutcome<V> {
    /// Unbuffered: copied from a waiting sender, which must be readied.
    FromSender { value: V, sender: Sudog<V> },
    /// Full buffer with a waiting sender: took the head of the buffer and moved the sender's value to the
    /// tail (chan.go:684-685); the sender must be readied.
    FromBufferRefilled {
        value: V,
        slot: u32,
        sender: Sudog<V>,
    },
    /// Took the head of the buffer.
    FromBuffer { value: V, slot: u32 },
    /// Closed and empty: the zero value and `ok == false`.
    Closed { zero: V },
    /// Nothing to receive: the caller parks (or, for a non-blocking receive, fails).
    WouldBlock,
}

/// Which queue a goroutine released by `close` was waiting in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Released {
    /// Receives the zero value with `ok == false`.
    Receiver,
    /// Panics "send on closed channel" when it resumes.
    Sender,
}

/// A Go-level error from a channel operation: the exact panic text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanPanic {
    SendOnClosed,
    CloseOfClosed,
    CloseOfNil,
    MakeSizeOutOfRange,
}

impl ChanPanic {
    /// Go's panic message.
    pub fn message(self) -> &'static str {
        match self {
            ChanPanic::SendOnClosed => "send on closed channel",
            ChanPanic::CloseOfClosed => "close of closed channel",
            ChanPanic::CloseOfNil => "close of nil channel",
            ChanPanic::MakeSizeOutOfRange => "makechan: size out of range",
        }
    }
}

impl<V: Clone> Chan<V> {
    /// Models `makechan`; the caller has checked the size (negative sizes panic
    /// "makechan: size out of range").
    pub fn new(id: ChanId, kind: ChanKind, dataqsiz: u32, zero: V) -> Chan<V> {
        Chan {
            id,
            kind,
            dataqsiz,
            qcount: 0,
            buf: vec![None; dataqsiz as usize],
            sendx: 0,
            recvx: 0,
            closed: false,
            recvq: VecDeque::new(),
            sendq: VecDeque::new(),
            zero,
        }
    }

    /// `len(c)`: 0 for timer channels (Go 1.23 synchronous timer channels).
    pub fn len(&self) -> u32 {
        match self.kind {
            ChanKind::Plain => self.qcount,
            ChanKind::Timer(_) => 0,
        }
    }

    /// True when `len(c) == 0`.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `cap(c)`: 0 for timer channels.
    pub fn cap(&self) -> u32 {
        match self.kind {
            ChanKind::Plain => self.dataqsiz,
            ChanKind::Timer(_) => 0,
        }
    }

    /// Models `chansend` for a non-nil channel, stopping where it would block. `claim` is asked before a
    /// waiting select sudog is used: it returns false if that select already fired (then the sudog is
    /// dropped, as `waitq.dequeue` does), and true after marking the select as done.
    pub fn chan_send(
        &mut self,
        value: V,
        claim: &mut dyn FnMut(&Sudog<V>) -> bool,
    ) -> SendOutcome<V> {
        if self.closed {
            return SendOutcome::Closed;
        }
        if let Some(receiver) = dequeue(&mut self.recvq, claim) {
            return SendOutcome::HandedOff { receiver, value };
        }
        if self.qcount < self.dataqsiz {
            let slot = self.sendx;
            self.buf[slot as usize] = Some(value);
            self.sendx = (self.sendx + 1) % self.dataqsiz;
            self.qcount += 1;
            return SendOutcome::Buffered { slot };
        }
        SendOutcome::WouldBlock(value)
    }

    /// Models `chanrecv` for a non-nil channel, stopping where it would block (see [`Chan::chan_send`] for
    /// `claim`).
    pub fn chan_recv(&mut self, claim: &mut dyn FnMut(&Sudog<V>) -> bool) -> RecvOutcome<V> {
        if self.closed && self.qcount == 0 {
            return RecvOutcome::Closed {
                zero: self.zero.clone(),
            };
        }
        if let Some(mut sender) = dequeue(&mut self.sendq, claim) {
            let sent = sender
                .elem
                .take()
                .expect("a blocked sender carries its value");
            if self.dataqsiz == 0 {
                return RecvOutcome::FromSender {
                    value: sent,
                    sender,
                };
            }
            // The queue is full: take the head, put the sender's value at the tail (same slot).
            let slot = self.recvx;
            let value = self.buf[slot as usize].replace(sent).expect("full buffer");
            self.recvx = (self.recvx + 1) % self.dataqsiz;
            self.sendx = self.recvx;
            return RecvOutcome::FromBufferRefilled {
                value,
                slot,
                sender,
            };
        }
        if self.qcount > 0 {
            let slot = self.recvx;
            let value = self.buf[slot as usize].take().expect("buffered value");
            self.recvx = (self.recvx + 1) % self.dataqsiz;
            self.qcount -= 1;
            return RecvOutcome::FromBuffer { value, slot };
        }
        RecvOutcome::WouldBlock
    }

    /// Models `closechan` for a non-nil channel: marks it closed and returns the released goroutines in the
    /// order Go readies them. Go pushes all receivers, then all senders, onto a `gList` stack and pops it,
    /// so the last sender is readied first and the first receiver last.
    pub fn close_chan(
        &mut self,
        claim: &mut dyn FnMut(&Sudog<V>) -> bool,
    ) -> Result<Vec<(Sudog<V>, Released)>, ChanPanic> {
        if self.closed {
            return Err(ChanPanic::CloseOfClosed);
        }
        self.closed = true;
        let mut glist = Vec::new();
        while let Some(s) = dequeue(&mut self.recvq, claim) {
            glist.push((s, Released::Receiver));
        }
        while let Some(mut s) = dequeue(&mut self.sendq, claim) {
            s.elem = None;
            glist.push((s, Released::Sender));
        }
        glist.reverse();
        Ok(glist)
    }

    /// Parks a receiver (`c.recvq.enqueue(mysg)`).
    pub fn enqueue_receiver(&mut self, goroutine: GoroutineId, select_case: Option<u32>) {
        self.recvq.push_back(Sudog {
            goroutine,
            select_case,
            elem: None,
        });
    }

    /// Parks a sender with its value (`c.sendq.enqueue(mysg)`).
    pub fn enqueue_sender(&mut self, goroutine: GoroutineId, select_case: Option<u32>, value: V) {
        self.sendq.push_back(Sudog {
            goroutine,
            select_case,
            elem: Some(value),
        });
    }

    /// Removes a goroutine's select sudogs from both queues (select pass 3, `dequeueSudoG`).
    pub fn remove_waiter(&mut self, goroutine: GoroutineId) {
        self.recvq.retain(|s| s.goroutine != goroutine);
        self.sendq.retain(|s| s.goroutine != goroutine);
    }

    /// Buffered values from head to tail.
    pub fn buffered(&self) -> impl Iterator<Item = &V> {
        (0..self.qcount).filter_map(move |i| {
            self.buf[((self.recvx + i) % self.dataqsiz.max(1)) as usize].as_ref()
        })
    }

    /// Asserts the invariants in the module header. `is_live` tells whether a sudog still counts (false for
    /// a select that already fired but has not yet dequeued itself).
    pub fn check_invariants(&self, is_live: &dyn Fn(&Sudog<V>) -> bool) {
        let live_recv: Vec<_> = self.recvq.iter().filter(|s| is_live(s)).collect();
        let live_send: Vec<_> = self.sendq.iter().filter(|s| is_live(s)).collect();
        if !live_recv.is_empty() && !live_send.is_empty() {
            let all_same_select = self.dataqsiz == 0
                && live_recv
                    .iter()
                    .chain(live_send.iter())
                    .all(|s| s.select_case.is_some() && s.goroutine == live_recv[0].goroutine);
            assert!(
                all_same_select,
                "{}: both sendq and recvq hold live waiters",
                self.id
            );
        }
        assert!(
            self.qcount <= self.dataqsiz,
            "{}: qcount > dataqsiz",
            self.id
        );
        if self.dataqsiz > 0 {
            if self.qcount > 0 {
                assert!(
                    live_recv.is_empty(),
                    "{}: receivers wait on a non-empty buffer",
                    self.id
                );
            }
            if self.qcount < self.dataqsiz {
                assert!(
                    live_send.is_empty(),
                    "{}: senders wait on a buffer with room",
                    self.id
                );
            }
            assert_eq!(
                self.sendx,
                (self.recvx + self.qcount) % self.dataqsiz,
                "{}: sendx",
                self.id
            );
            for i in 0..self.dataqsiz {
                let offset = (i + self.dataqsiz - self.recvx) % self.dataqsiz;
                assert_eq!(
                    self.buf[i as usize].is_some(),
                    offset < self.qcount,
                    "{}: slot {i}",
                    self.id
                );
            }
        } else {
            assert_eq!((self.qcount, self.sendx, self.recvx), (0, 0, 0));
        }
        if self.closed {
            assert!(
                live_recv.is_empty() && live_send.is_empty(),
                "{}: closed with waiters",
                self.id
            );
        }
        for s in &self.sendq {
            assert!(
                s.elem.is_some(),
                "{}: blocked sender without value",
                self.id
            );
        }
    }
}

/// Models `waitq.dequeue`: pops the first sudog whose select (if any) has not fired yet.
fn dequeue<V>(
    q: &mut VecDeque<Sudog<V>>,
    claim: &mut dyn FnMut(&Sudog<V>) -> bool,
) -> Option<Sudog<V>> {
    while let Some(s) = q.pop_front() {
        if s.select_case.is_some() && !claim(&s) {
            continue;
        }
        return Some(s);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn always(_: &Sudog<i64>) -> bool {
        true
    }
    fn live(_: &Sudog<i64>) -> bool {
        true
    }
    fn g(i: u32) -> GoroutineId {
        GoroutineId(i)
    }

    #[test]
    fn buffered_ring_wraps() {
        let mut c = Chan::new(ChanId(0), ChanKind::Plain, 2, 0i64);
        assert_eq!(
            c.chan_send(1, &mut always),
            SendOutcome::Buffered { slot: 0 }
        );
        assert_eq!(
            c.chan_send(2, &mut always),
            SendOutcome::Buffered { slot: 1 }
        );
        assert_eq!(c.chan_send(3, &mut always), SendOutcome::WouldBlock(3));
        c.check_invariants(&live);
        assert_eq!(
            c.chan_recv(&mut always),
            RecvOutcome::FromBuffer { value: 1, slot: 0 }
        );
        assert_eq!(
            c.chan_send(3, &mut always),
            SendOutcome::Buffered { slot: 0 }
        );
        assert_eq!((c.sendx, c.recvx, c.qcount), (1, 1, 2));
        assert_eq!(c.buffered().copied().collect::<Vec<_>>(), vec![2, 3]);
        c.check_invariants(&live);
    }

    #[test]
    fn receive_from_full_buffer_refills_from_first_sender() {
        let mut c = Chan::new(ChanId(0), ChanKind::Plain, 2, 0i64);
        c.chan_send(1, &mut always);
        c.chan_send(2, &mut always);
        c.enqueue_sender(g(5), None, 3);
        c.enqueue_sender(g(6), None, 4);
        c.check_invariants(&live);
        let RecvOutcome::FromBufferRefilled {
            value,
            slot,
            sender,
        } = c.chan_recv(&mut always)
        else {
            panic!()
        };
        assert_eq!((value, slot, sender.goroutine), (1, 0, g(5)));
        assert_eq!(c.buffered().copied().collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!((c.sendx, c.recvx, c.qcount), (1, 1, 2));
        c.check_invariants(&live);
    }

    #[test]
    fn unbuffered_hand_off_both_ways() {
        let mut c = Chan::new(ChanId(0), ChanKind::Plain, 0, 0i64);
        c.enqueue_receiver(g(5), None);
        let SendOutcome::HandedOff { receiver, value } = c.chan_send(7, &mut always) else {
            panic!()
        };
        assert_eq!((receiver.goroutine, value), (g(5), 7));
        c.enqueue_sender(g(6), None, 8);
        let RecvOutcome::FromSender { value, sender } = c.chan_recv(&mut always) else {
            panic!()
        };
        assert_eq!((value, sender.goroutine), (8, g(6)));
        assert_eq!(c.chan_recv(&mut always), RecvOutcome::WouldBlock);
    }

    #[test]
    fn close_releases_receivers_then_senders_in_glist_stack_order() {
        let mut c = Chan::new(ChanId(0), ChanKind::Plain, 0, 0i64);
        c.enqueue_receiver(g(5), None);
        c.enqueue_receiver(g(6), None);
        let released = c.close_chan(&mut always).unwrap();
        let order: Vec<_> = released.iter().map(|(s, r)| (s.goroutine, *r)).collect();
        assert_eq!(
            order,
            vec![(g(6), Released::Receiver), (g(5), Released::Receiver)]
        );
        assert_eq!(c.close_chan(&mut always), Err(ChanPanic::CloseOfClosed));
        assert_eq!(c.chan_send(1, &mut always), SendOutcome::Closed);
        assert_eq!(c.chan_recv(&mut always), RecvOutcome::Closed { zero: 0 });

        let mut c = Chan::new(ChanId(1), ChanKind::Plain, 0, 0i64);
        c.enqueue_sender(g(7), None, 1);
        c.enqueue_sender(g(8), None, 2);
        let released = c.close_chan(&mut always).unwrap();
        let order: Vec<_> = released.iter().map(|(s, r)| (s.goroutine, *r)).collect();
        assert_eq!(
            order,
            vec![(g(8), Released::Sender), (g(7), Released::Sender)]
        );
        c.check_invariants(&live);
    }

    #[test]
    fn buffered_values_survive_close() {
        let mut c = Chan::new(ChanId(0), ChanKind::Plain, 3, 0i64);
        c.chan_send(1, &mut always);
        c.close_chan(&mut always).unwrap();
        assert_eq!(
            c.chan_recv(&mut always),
            RecvOutcome::FromBuffer { value: 1, slot: 0 }
        );
        assert_eq!(c.chan_recv(&mut always), RecvOutcome::Closed { zero: 0 });
    }

    #[test]
    fn dequeue_skips_selects_that_already_fired() {
        let mut c = Chan::new(ChanId(0), ChanKind::Plain, 0, 0i64);
        c.enqueue_receiver(g(5), Some(1));
        c.enqueue_receiver(g(6), None);
        let mut fired = |s: &Sudog<i64>| s.goroutine != g(5);
        let SendOutcome::HandedOff { receiver, .. } = c.chan_send(1, &mut fired) else {
            panic!()
        };
        assert_eq!(receiver.goroutine, g(6));
        assert!(c.recvq.is_empty());
    }

    #[test]
    fn timer_channels_report_zero_len_and_cap() {
        let mut c = Chan::new(ChanId(0), ChanKind::Timer(TimerId(0)), 1, 0i64);
        c.chan_send(1, &mut always);
        assert_eq!((c.len(), c.cap(), c.qcount), (0, 0, 1));
    }
}
