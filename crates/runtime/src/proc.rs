//! The G/M/P scheduler's queues: processors (P) with `runnext` and a 256-slot local run queue ring,
//! threads (M), the global run queue, goroutine id allocation and work stealing.
//!
//! Models runtime/proc.go (`runqput`, `runqputslow`, `runqget`, `globrunqget`, `runqgrab`/`runqsteal`,
//! `stealWork` with `randomOrder`, `findRunnable`'s order, `newproc1`'s goid batches, `handoffp`, `pidleget`)
//! and the `p`/`m` structs of runtime/runtime2.go.
//!
//! Invariants (asserted by [`Sched::check_invariants`]):
//! - A goroutine id appears at most once across all runnexts, local run queues and the global run queue.
//! - A local run queue never holds more than [`RUNQ_CAPACITY`] goroutines.
//! - A processor with a thread is `Running`; an idle processor has no thread, no current goroutine and is
//!   on the idle list exactly once.
//! - A thread and its processor point at each other.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::ids::{GoroutineId, ProcessorId, ThreadId};

/// Capacity of a P's local run queue: Go's `p.runq [256]guintptr` (runtime/runtime2.go:670).
pub const RUNQ_CAPACITY: usize = 256;
/// Goroutine ids are taken from `sched.goidgen` in batches of `_GoidCacheBatch = 16` per P (proc.go:5070).
pub const GOID_CACHE_BATCH: u64 = 16;
/// Every 61st schedule a P takes one goroutine from the global queue first, for fairness (proc.go:3296).
pub const GLOBAL_CHECK_TICKS: u32 = 61;
/// `stealWork` makes 4 passes over all Ps; the last one may also take a victim's runnext (proc.go:3661).
pub const STEAL_TRIES: u32 = 4;
/// Upper bound on GOMAXPROCS accepted by the model.
pub const PROCESSORS_MAX: u32 = 64;
/// The first goroutine id a user `go` statement gets in a plain program: main is 1, and the runtime's
/// forcegc, bgsweep and bgscavenge helpers take 2-4 (proc.go:5070; probe ids.go).
pub const FIRST_USER_GOID: u64 = 5;

/// A P's local run queue: a fixed ring of [`RUNQ_CAPACITY`] slots with free-running head and tail,
/// exactly as `runqhead`/`runqtail` in runtime2.go.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RunQueue {
    slots: Box<[GoroutineId; RUNQ_CAPACITY]>,
    head: u32,
    tail: u32,
}

impl Default for RunQueue {
    fn default() -> Self {
        RunQueue {
            slots: Box::new([GoroutineId(0); RUNQ_CAPACITY]),
            head: 0,
            tail: 0,
        }
    }
}

impl RunQueue {
    /// Number of queued goroutines.
    pub fn len(&self) -> usize {
        self.tail.wrapping_sub(self.head) as usize
    }
    /// True when no goroutine is queued.
    pub fn is_empty(&self) -> bool {
        self.head == self.tail
    }
    /// True when all 256 slots are used.
    pub fn is_full(&self) -> bool {
        self.len() == RUNQ_CAPACITY
    }
    /// Ring index of the head (next to run), as shown in snapshots.
    pub fn head_index(&self) -> u32 {
        self.head % RUNQ_CAPACITY as u32
    }
    /// Ring index of the tail (next free slot).
    pub fn tail_index(&self) -> u32 {
        self.tail % RUNQ_CAPACITY as u32
    }
    /// Appends at the tail. The caller checks [`RunQueue::is_full`] first.
    pub fn push_back(&mut self, g: GoroutineId) {
        assert!(!self.is_full(), "runq overflow");
        self.slots[self.tail as usize % RUNQ_CAPACITY] = g;
        self.tail = self.tail.wrapping_add(1);
    }
    /// Puts `g` back at the head (used only when a manual choice runs another goroutine first).
    pub fn push_front(&mut self, g: GoroutineId) {
        assert!(!self.is_full(), "runq overflow");
        self.head = self.head.wrapping_sub(1);
        self.slots[self.head as usize % RUNQ_CAPACITY] = g;
    }
    /// Removes the head.
    pub fn pop_front(&mut self) -> Option<GoroutineId> {
        if self.is_empty() {
            return None;
        }
        let g = self.slots[self.head as usize % RUNQ_CAPACITY];
        self.head = self.head.wrapping_add(1);
        Some(g)
    }
    /// Goroutines from head to tail.
    pub fn iter(&self) -> impl Iterator<Item = GoroutineId> + '_ {
        (0..self.len() as u32)
            .map(move |i| self.slots[self.head.wrapping_add(i) as usize % RUNQ_CAPACITY])
    }
    /// Removes `g` wherever it is (used only by manual scheduling choices), keeping the order of the rest.
    pub fn remove(&mut self, g: GoroutineId) -> bool {
        let items: Vec<GoroutineId> = self.iter().collect();
        let Some(pos) = items.iter().position(|&x| x == g) else {
            return false;
        };
        self.tail = self.head;
        for (i, x) in items.into_iter().enumerate() {
            if i != pos {
                self.push_back(x);
            }
        }
        true
    }
}

/// What a processor is doing (Go's `_Pidle`, `_Prunning`, `_Psyscall`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProcessorStatus {
    /// On the idle list, without a thread (`_Pidle`).
    Idle,
    /// Owned by the thread, which runs `current` or looks for work (`_Prunning`).
    Running { thread: ThreadId },
}

/// Go's P: the right to run Go code, with its own run queues.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Processor {
    /// `p.id`.
    pub id: ProcessorId,
    /// `p.status` and `p.m`.
    pub status: ProcessorStatus,
    /// The goroutine running on this P (`m.curg` of its thread), if any.
    pub current: Option<GoroutineId>,
    /// `p.runnext`: the goroutine readied by the current one runs next and inherits its time slice.
    pub runnext: Option<GoroutineId>,
    /// `p.runq`.
    pub runq: RunQueue,
    /// `p.schedtick`: incremented on every schedule that does not inherit the time slice.
    pub schedtick: u32,
    /// Instructions left in the current time slice (stands for sysmon's 10 ms `forcePreemptNS`).
    pub slice_left: u32,
    /// `p.goidcache` / `p.goidcacheend`.
    pub goid_cache: u64,
    pub goid_cache_end: u64,
}

/// What a thread is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThreadState {
    /// Parked on the idle M list (`mput`).
    Idle,
    /// Holds `processor` and runs its goroutines or looks for work (spinning).
    Running { processor: ProcessorId },
    /// Blocked in a system call made by `goroutine`; its P was handed off (`entersyscallblock`/`handoffp`).
    InSyscall { goroutine: GoroutineId },
}

/// Go's M: an OS thread.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Thread {
    pub id: ThreadId,
    pub state: ThreadState,
}

/// Where `runq_put` placed a goroutine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Into runnext; the previous runnext (if any) was kicked to the local queue's tail, or to the
    /// global queue together with half of a full local queue.
    Runnext {
        kicked: Option<GoroutineId>,
        overflow: Vec<GoroutineId>,
    },
    /// At the tail of the local queue.
    Local,
    /// The local queue was full: `runqputslow` moved these (half the local queue + the goroutine) to the
    /// global queue.
    Global { moved: Vec<GoroutineId> },
}

/// How `find_runnable` obtained a goroutine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// From the global queue because `schedtick % 61 == 0`.
    GlobalFairness,
    /// From runnext (inherits the time slice).
    Runnext,
    /// From the local queue head.
    Local,
    /// From the global queue (`globrunqget`); `moved` went to the local queue.
    Global { moved: Vec<GoroutineId> },
    /// Stolen from `victim`: `count` goroutines (the returned one included), the rest now in our queue.
    Stolen {
        victim: ProcessorId,
        count: u32,
        runnext: bool,
    },
}

/// The scheduler's queues and the Ps and Ms (Go's `schedt` plus `allp` and `allm`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sched {
    pub processors: Vec<Processor>,
    pub threads: Vec<Thread>,
    /// `sched.runq`: FIFO.
    pub global_runq: VecDeque<GoroutineId>,
    /// `sched.pidle`: a stack of idle Ps (pidleput pushes, pidleget pops).
    pub idle_processors: Vec<ProcessorId>,
    /// `sched.midle`: a stack of idle Ms.
    pub idle_threads: Vec<ThreadId>,
    /// `sched.goidgen`.
    pub goidgen: u64,
    /// The instruction budget standing for one 10 ms time slice.
    pub time_slice: u32,
}

impl Sched {
    /// `procresize` at start-up: `count` Ps, P0 owned by M0, the others idle.
    /// Goroutine ids: main gets 1 and ids 2-4 go to the runtime's system goroutines.
    pub fn new(count: u32, time_slice: u32) -> Sched {
        Sched::with_first_goid(count, time_slice, FIRST_USER_GOID)
    }

    /// Like [`Sched::new`], with the first user goroutine id given (5 in a plain program, 6 when the
    /// program imports os, whose file finalizers start the finalizer goroutine at init).
    pub fn with_first_goid(count: u32, time_slice: u32, first_user_goid: u64) -> Sched {
        assert!((1..=PROCESSORS_MAX).contains(&count));
        let mut processors: Vec<Processor> = (0..count)
            .map(|i| Processor {
                id: ProcessorId(i),
                status: ProcessorStatus::Idle,
                current: None,
                runnext: None,
                runq: RunQueue::default(),
                schedtick: 0,
                slice_left: 0,
                goid_cache: 0,
                goid_cache_end: 0,
            })
            .collect();
        processors[0].status = ProcessorStatus::Running {
            thread: ThreadId(0),
        };
        // Ps are put on the idle list from the highest id down, so pidleget hands out P1 first.
        let idle_processors = (1..count).rev().map(ProcessorId).collect();
        let mut sched = Sched {
            processors,
            threads: vec![Thread {
                id: ThreadId(0),
                state: ThreadState::Running {
                    processor: ProcessorId(0),
                },
            }],
            global_runq: VecDeque::new(),
            idle_processors,
            idle_threads: Vec::new(),
            goidgen: 0,
            time_slice: time_slice.max(1),
        };
        // main (1) and the forcegc, bgsweep, bgscavenge helpers (2-4) come from P0's first batch.
        for _ in 0..first_user_goid.clamp(2, GOID_CACHE_BATCH) - 1 {
            sched.new_goid(ProcessorId(0));
        }
        sched
    }

    /// Number of Ps (GOMAXPROCS).
    pub fn gomaxprocs(&self) -> u32 {
        self.processors.len() as u32
    }

    /// The P with this id.
    pub fn p(&self, id: ProcessorId) -> &Processor {
        &self.processors[id.index()]
    }
    /// The P with this id, mutably.
    pub fn p_mut(&mut self, id: ProcessorId) -> &mut Processor {
        &mut self.processors[id.index()]
    }

    /// Allocates a goroutine id from `pp`'s cache, refilling it with a batch of 16 (newproc1).
    pub fn new_goid(&mut self, pp: ProcessorId) -> GoroutineId {
        let p = &mut self.processors[pp.index()];
        if p.goid_cache == p.goid_cache_end {
            self.goidgen += GOID_CACHE_BATCH;
            p.goid_cache_end = self.goidgen + 1;
            p.goid_cache = self.goidgen + 1 - GOID_CACHE_BATCH;
        }
        let id = p.goid_cache;
        p.goid_cache += 1;
        GoroutineId(u32::try_from(id).unwrap_or(u32::MAX))
    }

    /// Models `runqput`: with `next`, `g` goes into runnext and the old runnext is kicked to the tail;
    /// otherwise `g` goes to the tail. A full local queue moves half of itself plus the goroutine to the
    /// global queue (`runqputslow`).
    pub fn runq_put(&mut self, pp: ProcessorId, g: GoroutineId, next: bool) -> Placement {
        if next {
            let kicked = self.processors[pp.index()].runnext.replace(g);
            let mut overflow = Vec::new();
            if let Some(old) = kicked {
                if let Placement::Global { moved } = self.runq_put(pp, old, false) {
                    overflow = moved;
                }
            }
            return Placement::Runnext { kicked, overflow };
        }
        let p = &mut self.processors[pp.index()];
        if !p.runq.is_full() {
            p.runq.push_back(g);
            return Placement::Local;
        }
        Placement::Global {
            moved: self.runq_put_slow(pp, g),
        }
    }

    /// Models `runqputslow`: moves the first half of a full local queue plus `g` to the global queue
    /// (in that order; the race-mode shuffle is not modelled) and returns what moved.
    pub fn runq_put_slow(&mut self, pp: ProcessorId, g: GoroutineId) -> Vec<GoroutineId> {
        let p = &mut self.processors[pp.index()];
        let n = p.runq.len() / 2;
        let mut batch: Vec<GoroutineId> = (0..n).filter_map(|_| p.runq.pop_front()).collect();
        batch.push(g);
        self.global_runq.extend(batch.iter().copied());
        batch
    }

    /// Models `runqget`: runnext first (inherits the time slice), then the local queue head.
    pub fn runq_get(&mut self, pp: ProcessorId) -> Option<(GoroutineId, Found)> {
        let p = &mut self.processors[pp.index()];
        if let Some(g) = p.runnext.take() {
            return Some((g, Found::Runnext));
        }
        p.runq.pop_front().map(|g| (g, Found::Local))
    }

    /// Models `globrunqput`: Gosched and preemption put the goroutine at the global queue's tail.
    pub fn glob_runq_put(&mut self, g: GoroutineId) {
        self.global_runq.push_back(g);
    }

    /// Models `globrunqget`: takes `n = len/gomaxprocs + 1` (capped by `max` when non-zero and by half a
    /// local queue), returns the first and moves the rest to `pp`'s local queue.
    pub fn glob_runq_get(
        &mut self,
        pp: ProcessorId,
        max: usize,
    ) -> Option<(GoroutineId, Vec<GoroutineId>)> {
        let size = self.global_runq.len();
        if size == 0 {
            return None;
        }
        let mut n = size / self.processors.len() + 1;
        n = n.min(size);
        if max > 0 {
            n = n.min(max);
        }
        n = n.min(RUNQ_CAPACITY / 2);
        let g = self.global_runq.pop_front()?;
        let mut moved = Vec::with_capacity(n - 1);
        for _ in 1..n {
            let Some(g1) = self.global_runq.pop_front() else {
                break;
            };
            // The local queue has room: it is empty or nearly so whenever globrunqget runs, and
            // runqput falls back to the global queue otherwise.
            self.runq_put(pp, g1, false);
            moved.push(g1);
        }
        Some((g, moved))
    }

    /// Models `runqgrab` + `runqsteal`: takes ceil(half) of `victim`'s local queue (or, when that is empty and
    /// `steal_runnext`, its runnext) into `thief`'s queue and returns the last one taken, which runs now.
    pub fn runq_steal(
        &mut self,
        thief: ProcessorId,
        victim: ProcessorId,
        steal_runnext: bool,
    ) -> Option<(GoroutineId, u32, bool)> {
        let v = &mut self.processors[victim.index()];
        let n = v.runq.len();
        let n = n - n / 2;
        if n == 0 {
            if steal_runnext {
                if let Some(g) = v.runnext.take() {
                    return Some((g, 1, true));
                }
            }
            return None;
        }
        let batch: Vec<GoroutineId> = (0..n).filter_map(|_| v.runq.pop_front()).collect();
        let (&last, rest) = batch.split_last()?;
        let t = &mut self.processors[thief.index()];
        for &g in rest {
            t.runq.push_back(g);
        }
        Some((last, n as u32, false))
    }

    /// Models `stealWork`'s loop (without timers, which the caller handles): 4 passes over the Ps in the
    /// random order `stealOrder.start(cheaprand())`; the last pass may take a victim's runnext.
    /// `rand` supplies Go's `cheaprand()` draws.
    pub fn steal_work(
        &mut self,
        pp: ProcessorId,
        mut rand: impl FnMut() -> u32,
    ) -> Option<(GoroutineId, Found)> {
        let count = self.gomaxprocs();
        if count == 1 {
            return None;
        }
        for i in 0..STEAL_TRIES {
            let steal_runnext = i == STEAL_TRIES - 1;
            for pos in random_order(count, rand()) {
                let victim = ProcessorId(pos);
                if victim == pp {
                    continue;
                }
                if let Some((g, count, runnext)) = self.runq_steal(pp, victim, steal_runnext) {
                    return Some((
                        g,
                        Found::Stolen {
                            victim,
                            count,
                            runnext,
                        },
                    ));
                }
            }
        }
        None
    }

    /// Models `findRunnable` after the timer check: the every-61-ticks global check, the local queue
    /// (runnext first), the global queue, then stealing.
    pub fn find_runnable(
        &mut self,
        pp: ProcessorId,
        rand: impl FnMut() -> u32,
    ) -> Option<(GoroutineId, Found)> {
        if self.processors[pp.index()]
            .schedtick
            .is_multiple_of(GLOBAL_CHECK_TICKS)
            && !self.global_runq.is_empty()
        {
            if let Some((g, _)) = self.glob_runq_get(pp, 1) {
                return Some((g, Found::GlobalFairness));
            }
        }
        if let Some(found) = self.runq_get(pp) {
            return Some(found);
        }
        if let Some((g, moved)) = self.glob_runq_get(pp, 0) {
            return Some((g, Found::Global { moved }));
        }
        self.steal_work(pp, rand)
    }

    /// True if some goroutine waits in any run queue.
    pub fn has_queued_work(&self) -> bool {
        !self.global_runq.is_empty()
            || self
                .processors
                .iter()
                .any(|p| p.runnext.is_some() || !p.runq.is_empty())
    }

    /// Models `pidleget` + `startm` (`acquirep`): takes an idle P and gives it an idle or new M.
    pub fn start_thread_on_idle_processor(&mut self) -> Option<(ProcessorId, ThreadId)> {
        let pp = self.idle_processors.pop()?;
        let m = self.acquire_thread(pp);
        Some((pp, m))
    }

    /// Gives `pp` (which must be idle and off the idle list) an idle thread, or a new one (`newm`).
    pub fn acquire_thread(&mut self, pp: ProcessorId) -> ThreadId {
        let m = match self.idle_threads.pop() {
            Some(m) => m,
            None => {
                let m = ThreadId(self.threads.len() as u32);
                self.threads.push(Thread {
                    id: m,
                    state: ThreadState::Idle,
                });
                m
            }
        };
        self.threads[m.index()].state = ThreadState::Running { processor: pp };
        self.processors[pp.index()].status = ProcessorStatus::Running { thread: m };
        m
    }

    /// Takes a specific P off the idle list, if it is there.
    pub fn take_idle_processor(&mut self, pp: ProcessorId) -> bool {
        if let Some(pos) = self.idle_processors.iter().position(|&p| p == pp) {
            self.idle_processors.remove(pos);
            true
        } else {
            false
        }
    }

    /// Models `stopm` + `pidleput`: the P goes idle and its thread to the idle M list.
    pub fn idle_processor(&mut self, pp: ProcessorId) {
        let p = &mut self.processors[pp.index()];
        debug_assert!(p.current.is_none());
        if let ProcessorStatus::Running { thread } = p.status {
            self.threads[thread.index()].state = ThreadState::Idle;
            self.idle_threads.push(thread);
        }
        p.status = ProcessorStatus::Idle;
        self.idle_processors.push(pp);
    }

    /// Models `entersyscallblock` + `handoffp`: the running goroutine keeps the thread, which enters the
    /// system call; the P is handed to another thread if there is work for it, else it goes idle.
    /// Returns the thread now blocked and, when the P was handed off, the thread that took it.
    pub fn enter_syscall(
        &mut self,
        pp: ProcessorId,
        g: GoroutineId,
    ) -> (ThreadId, Option<ThreadId>) {
        let p = &mut self.processors[pp.index()];
        let ProcessorStatus::Running { thread } = p.status else {
            panic!("syscall on an idle P")
        };
        p.current = None;
        self.threads[thread.index()].state = ThreadState::InSyscall { goroutine: g };
        p.status = ProcessorStatus::Idle;
        let has_work = self.has_queued_work();
        if has_work {
            let m = self.acquire_thread(pp);
            (thread, Some(m))
        } else {
            self.idle_processors.push(pp);
            (thread, None)
        }
    }

    /// Models `exitsyscall`: the thread that ran the system call tries to reacquire `old` P, then any idle
    /// P; on success the goroutine continues on it. Otherwise the goroutine goes to the global queue and
    /// the thread parks (`exitsyscall0`).
    pub fn exit_syscall(&mut self, thread: ThreadId, old: ProcessorId) -> Option<ProcessorId> {
        let pp = if self.take_idle_processor(old) {
            Some(old)
        } else {
            self.idle_processors.pop()
        };
        match pp {
            Some(pp) => {
                self.threads[thread.index()].state = ThreadState::Running { processor: pp };
                self.processors[pp.index()].status = ProcessorStatus::Running { thread };
                Some(pp)
            }
            None => {
                self.threads[thread.index()].state = ThreadState::Idle;
                self.idle_threads.push(thread);
                None
            }
        }
    }

    /// Every goroutine id in some run queue, with where it is.
    pub fn queued(&self) -> impl Iterator<Item = GoroutineId> + '_ {
        self.processors
            .iter()
            .flat_map(|p| p.runnext.into_iter().chain(p.runq.iter()))
            .chain(self.global_runq.iter().copied())
    }

    /// Asserts the invariants listed in the module header.
    pub fn check_invariants(&self) {
        let mut seen = std::collections::BTreeSet::new();
        for g in self.queued() {
            assert!(seen.insert(g), "{g} queued twice");
        }
        for p in &self.processors {
            assert!(p.runq.len() <= RUNQ_CAPACITY);
            let idle_count = self.idle_processors.iter().filter(|&&i| i == p.id).count();
            match p.status {
                ProcessorStatus::Idle => {
                    assert_eq!(idle_count, 1, "idle {} must be on the idle list once", p.id);
                    assert!(p.current.is_none(), "idle {} runs a goroutine", p.id);
                }
                ProcessorStatus::Running { thread } => {
                    assert_eq!(idle_count, 0, "running {} on the idle list", p.id);
                    assert_eq!(
                        self.threads[thread.index()].state,
                        ThreadState::Running { processor: p.id }
                    );
                }
            }
            if let Some(g) = p.current {
                assert!(!seen.contains(&g), "running {g} is also queued");
            }
        }
        for m in &self.threads {
            let idle = self.idle_threads.iter().filter(|&&i| i == m.id).count();
            assert_eq!(
                idle == 1,
                m.state == ThreadState::Idle,
                "{} idle list mismatch",
                m.id
            );
        }
    }
}

/// Models `randomOrder.start(i)` over `count` Ps: a start position and a stride coprime with `count`,
/// enumerating every P once.
pub fn random_order(count: u32, i: u32) -> impl Iterator<Item = u32> {
    let coprimes: Vec<u32> = (1..=count).filter(|&x| gcd(x, count) == 1).collect();
    let inc = coprimes[(i / count) as usize % coprimes.len()];
    let start = i % count;
    (0..count).map(move |k| ((start as u64 + k as u64 * inc as u64) % count as u64) as u32)
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(i: u32) -> GoroutineId {
        GoroutineId(i)
    }

    #[test]
    fn goids_follow_go_batches() {
        let mut s = Sched::new(2, 100);
        assert_eq!(s.new_goid(ProcessorId(0)), g(5));
        // Another P takes the next batch of 16: 17..=32.
        assert_eq!(s.new_goid(ProcessorId(1)), g(17));
        for want in 6..=16 {
            assert_eq!(s.new_goid(ProcessorId(0)), g(want));
        }
        assert_eq!(s.new_goid(ProcessorId(0)), g(33));
        assert_eq!(s.new_goid(ProcessorId(1)), g(18));
    }

    #[test]
    fn new_goroutine_goes_to_runnext_and_kicks_old_one_to_tail() {
        let mut s = Sched::new(1, 100);
        let p0 = ProcessorId(0);
        assert_eq!(
            s.runq_put(p0, g(5), true),
            Placement::Runnext {
                kicked: None,
                overflow: vec![]
            }
        );
        assert_eq!(
            s.runq_put(p0, g(6), true),
            Placement::Runnext {
                kicked: Some(g(5)),
                overflow: vec![]
            }
        );
        assert_eq!(
            s.runq_put(p0, g(7), true),
            Placement::Runnext {
                kicked: Some(g(6)),
                overflow: vec![]
            }
        );
        // Go's order for `for i := range 3 { go f(i) }` on one P: the last created runs first.
        let order: Vec<_> = std::iter::from_fn(|| s.runq_get(p0).map(|x| x.0)).collect();
        assert_eq!(order, vec![g(7), g(5), g(6)]);
        s.check_invariants();
    }

    #[test]
    fn full_local_queue_moves_half_plus_one_to_global() {
        let mut s = Sched::new(1, 100);
        let p0 = ProcessorId(0);
        for i in 0..256 {
            assert_eq!(s.runq_put(p0, g(100 + i), false), Placement::Local);
        }
        let Placement::Global { moved } = s.runq_put(p0, g(1000), false) else {
            panic!()
        };
        assert_eq!(moved.len(), 129);
        assert_eq!(moved[0], g(100));
        assert_eq!(moved[127], g(227));
        assert_eq!(moved[128], g(1000));
        assert_eq!(s.p(p0).runq.len(), 128);
        assert_eq!(s.p(p0).runq.iter().next(), Some(g(228)));
        assert_eq!(s.global_runq.len(), 129);
        s.check_invariants();
    }

    #[test]
    fn glob_runq_get_takes_a_fair_batch() {
        let mut s = Sched::new(4, 100);
        for i in 0..10 {
            s.glob_runq_put(g(100 + i));
        }
        // n = 10/4 + 1 = 3: one returned, two moved to the local queue.
        let (first, moved) = s.glob_runq_get(ProcessorId(0), 0).unwrap();
        assert_eq!(first, g(100));
        assert_eq!(moved, vec![g(101), g(102)]);
        assert_eq!(s.global_runq.len(), 7);
        // max = 1 (the every-61-ticks check) takes just one.
        let (first, moved) = s.glob_runq_get(ProcessorId(0), 1).unwrap();
        assert_eq!((first, moved.len()), (g(103), 0));
    }

    #[test]
    fn schedtick_61_checks_global_queue_first() {
        let mut s = Sched::new(1, 100);
        let p0 = ProcessorId(0);
        s.runq_put(p0, g(5), false);
        s.glob_runq_put(g(6));
        s.p_mut(p0).schedtick = 61;
        assert_eq!(
            s.find_runnable(p0, || 0),
            Some((g(6), Found::GlobalFairness))
        );
        s.glob_runq_put(g(7));
        s.p_mut(p0).schedtick = 62;
        assert_eq!(s.find_runnable(p0, || 0), Some((g(5), Found::Local)));
        assert_eq!(
            s.find_runnable(p0, || 0),
            Some((g(7), Found::Global { moved: vec![] }))
        );
        assert_eq!(s.find_runnable(p0, || 0), None);
    }

    #[test]
    fn steal_takes_ceil_half_and_runs_the_last_stolen() {
        let mut s = Sched::new(2, 100);
        let (p0, p1) = (ProcessorId(0), ProcessorId(1));
        for i in 0..5 {
            s.runq_put(p0, g(10 + i), false);
        }
        s.start_thread_on_idle_processor();
        let (got, found) = s.find_runnable(p1, || 0).unwrap();
        assert_eq!(
            found,
            Found::Stolen {
                victim: p0,
                count: 3,
                runnext: false
            }
        );
        assert_eq!(got, g(12));
        assert_eq!(s.p(p1).runq.iter().collect::<Vec<_>>(), vec![g(10), g(11)]);
        assert_eq!(s.p(p0).runq.iter().collect::<Vec<_>>(), vec![g(13), g(14)]);
        s.check_invariants();
    }

    #[test]
    fn runnext_is_stolen_only_on_the_last_pass() {
        let mut s = Sched::new(2, 100);
        let (p0, p1) = (ProcessorId(0), ProcessorId(1));
        s.runq_put(p0, g(5), true);
        s.start_thread_on_idle_processor();
        let mut draws = 0;
        let found = s.steal_work(p1, || {
            draws += 1;
            0
        });
        assert_eq!(
            found,
            Some((
                g(5),
                Found::Stolen {
                    victim: p0,
                    count: 1,
                    runnext: true
                }
            ))
        );
        assert_eq!(draws, 4);
    }

    #[test]
    fn random_order_enumerates_each_p_once() {
        for count in 1..=12 {
            for i in 0..50 {
                let mut v: Vec<u32> = random_order(count, i).collect();
                crate::util::sort(&mut v);
                assert_eq!(v, (0..count).collect::<Vec<_>>());
            }
        }
        // start = 7 % 4 = 3, stride = coprimes(4) = [1, 3][7 / 4 % 2] = 3.
        assert_eq!(random_order(4, 7).collect::<Vec<_>>(), vec![3, 2, 1, 0]);
    }

    #[test]
    fn blocking_syscall_hands_off_the_p_when_there_is_work() {
        let mut s = Sched::new(1, 100);
        let p0 = ProcessorId(0);
        s.p_mut(p0).current = Some(g(5));
        s.runq_put(p0, g(6), false);
        let (blocked, taker) = s.enter_syscall(p0, g(5));
        assert_eq!(blocked, ThreadId(0));
        assert_eq!(taker, Some(ThreadId(1)));
        assert_eq!(
            s.p(p0).status,
            ProcessorStatus::Running {
                thread: ThreadId(1)
            }
        );
        s.check_invariants();
        // The P is busy: exitsyscall finds no P, the goroutine will go to the global queue.
        assert_eq!(s.exit_syscall(blocked, p0), None);
        assert_eq!(s.threads[0].state, ThreadState::Idle);
        s.check_invariants();
    }

    #[test]
    fn syscall_without_other_work_idles_the_p_and_reacquires_it() {
        let mut s = Sched::new(1, 100);
        let p0 = ProcessorId(0);
        s.p_mut(p0).current = Some(g(1));
        let (blocked, taker) = s.enter_syscall(p0, g(1));
        assert_eq!(taker, None);
        s.check_invariants();
        assert_eq!(s.exit_syscall(blocked, p0), Some(p0));
        s.check_invariants();
    }
}
