//! `Snapshot`: plain, serde-able data describing the whole runtime state at one step, with a stable
//! ordering (goroutines by creation, Ps by id, channels and sync objects by id, timers by firing order).
//! Front ends render only this (and events); it renders on its own without the runtime.
//!
//! Mirrors what Go's `schedtrace`/`scheddetail` and goroutine dumps show (runtime/proc.go `schedtrace`,
//! runtime/traceback.go), plus channel internals (runtime/chan.go `hchan`) and sync objects.

use serde::{Deserialize, Serialize};

use crate::goroutine::{WaitObject, WaitReason};
use crate::heap::Heap;
use crate::ids::{ChanId, GoroutineId, ProcessorId, SyncId, ThreadId, TimerId};
use crate::proc::{ProcessorStatus, ThreadState};
use crate::program::{Program, SourceSpan};
use crate::runtime::Runtime;
use crate::status::Status;
use crate::sync::rw_mutex::Writer;
use crate::sync::SyncObject;
use crate::time::TimerAction;
use crate::traceback::TraceFrame;
use crate::types::TypeId;
use crate::value::Value;

/// The whole state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub step: u64,
    pub status: Status,
    /// Virtual clock, Unix ns, and as Go prints a UTC time.
    pub now_ns: i64,
    pub now: String,
    pub goroutines: Vec<GoroutineView>,
    pub processors: Vec<ProcessorView>,
    pub global_runq: Vec<GoroutineId>,
    pub threads: Vec<ThreadView>,
    pub channels: Vec<ChannelView>,
    pub sync_objects: Vec<SyncView>,
    pub timers: Vec<TimerView>,
    /// Open file descriptors (3 and up) of the in-memory file system.
    #[serde(default)]
    pub open_files: Vec<OpenFileView>,
    /// The context tree (package context's contexts), by id.
    pub contexts: Vec<crate::context::ContextView>,
    pub stdout: String,
    pub stderr: String,
}

/// One open file descriptor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenFileView {
    pub fd: i64,
    /// The path it was opened with (cleaned), e.g. `"data/input.txt"`.
    pub path: String,
    /// Read/write offset and the file's size in bytes.
    pub offset: u64,
    pub size: u64,
    /// "r", "w", "rw" (+ "a" for O_APPEND).
    pub mode: String,
}

/// One goroutine (dead ones are omitted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoroutineView {
    pub id: GoroutineId,
    /// "runnable", "running", "syscall", "waiting".
    pub status: String,
    pub wait_reason: Option<WaitReason>,
    pub waiting_on: WaitObject,
    /// The span of the innermost frame.
    pub span: SourceSpan,
    /// Frames innermost first (with Go's runtime frames for blocked sync/sleep calls).
    pub frames: Vec<TraceFrame>,
    pub creator: Option<GoroutineId>,
    pub created_by: String,
    pub created_at: SourceSpan,
    /// Where it is queued, if runnable: "runnext P0", "local P1", "global".
    pub queued: Option<String>,
}

/// One P.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessorView {
    pub id: ProcessorId,
    /// None while idle.
    pub thread: Option<ThreadId>,
    pub running: Option<GoroutineId>,
    pub runnext: Option<GoroutineId>,
    /// Local run queue, head first.
    pub local_runq: Vec<GoroutineId>,
    pub runq_head: u32,
    pub runq_tail: u32,
    pub schedtick: u32,
}

/// One M.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub id: ThreadId,
    /// "idle", "running P0", "syscall G5".
    pub state: String,
    pub processor: Option<ProcessorId>,
    pub syscall_goroutine: Option<GoroutineId>,
}

/// One channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelView {
    pub id: ChanId,
    pub elem_type: String,
    /// A timer's channel (len/cap read 0 in Go 1.23).
    pub timer: Option<TimerId>,
    pub capacity: u32,
    pub qcount: u32,
    pub sendx: u32,
    pub recvx: u32,
    /// Ring slots (`None` = empty), rendered as Go's `%v`.
    pub slots: Vec<Option<String>>,
    /// Blocked receivers, FIFO (with their select case, if any).
    pub recvq: Vec<WaiterView>,
    /// Blocked senders with the value they send.
    pub sendq: Vec<WaiterView>,
    pub closed: bool,
}

/// A sudog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaiterView {
    pub goroutine: GoroutineId,
    pub select_case: Option<u32>,
    pub value: Option<String>,
    /// A select that already fired on another channel and has not dequeued itself yet.
    pub stale: bool,
}

/// One sync object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncView {
    pub id: SyncId,
    /// "sync.Mutex", "sync.RWMutex", "sync.WaitGroup", "sync.Once", "sync.Cond".
    pub kind: String,
    /// Holders: the mutex owner, the writer, or the readers.
    pub owners: Vec<GoroutineId>,
    /// "locked", "unlocked", "starving", "counter 2", "write-locked", "3 readers", ...
    pub state: String,
    /// Blocked goroutines in wake-up order.
    pub waiters: Vec<GoroutineId>,
}

/// One armed timer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerView {
    pub id: TimerId,
    pub when_ns: i64,
    pub period_ns: i64,
    /// "wake G5", "send on chan 3", "start func", "syscall G6 returns".
    pub action: String,
}

/// Go's `%v` of a value of type `ty`, without calling Go methods.
pub fn describe(v: &Value, ty: TypeId, program: &Program, heap: &Heap) -> String {
    crate::fmt::sprint_value(v, ty, &program.types, heap)
}

impl Runtime {
    /// The whole state as plain data.
    pub fn snapshot(&self) -> Snapshot {
        let program = self.program();
        let mut queued_at = std::collections::BTreeMap::new();
        for p in &self.sched.processors {
            if let Some(g) = p.runnext {
                queued_at.insert(g, format!("runnext P{}", p.id.0));
            }
            for g in p.runq.iter() {
                queued_at.insert(g, format!("local P{}", p.id.0));
            }
        }
        for g in &self.sched.global_runq {
            queued_at.insert(*g, "global".to_string());
        }
        let goroutines = self
            .goroutines
            .iter()
            .filter(|g| g.status != crate::goroutine::GoroutineStatus::Dead)
            .map(|g| {
                let frames = crate::traceback::frames(self, g);
                let span = g
                    .stack
                    .as_ref()
                    .and_then(|s| s.frames(program).next().map(|f| f.span))
                    .unwrap_or_default();
                let (status, wait_reason) = match g.status {
                    crate::goroutine::GoroutineStatus::Waiting(r) => {
                        ("waiting".to_string(), Some(r))
                    }
                    s => (s.traceback_label().to_string(), None),
                };
                GoroutineView {
                    id: g.id,
                    status,
                    wait_reason,
                    waiting_on: if wait_reason.is_some() {
                        g.wait_object.clone()
                    } else {
                        WaitObject::Nothing
                    },
                    span,
                    frames,
                    creator: g.created.creator,
                    created_by: g.created.function_name(program).to_string(),
                    created_at: g.created.span,
                    queued: queued_at.get(&g.id).cloned(),
                }
            })
            .collect();
        let processors = self
            .sched
            .processors
            .iter()
            .map(|p| ProcessorView {
                id: p.id,
                thread: match p.status {
                    ProcessorStatus::Running { thread } => Some(thread),
                    ProcessorStatus::Idle => None,
                },
                running: p.current,
                runnext: p.runnext,
                local_runq: p.runq.iter().collect(),
                runq_head: p.runq.head_index(),
                runq_tail: p.runq.tail_index(),
                schedtick: p.schedtick,
            })
            .collect();
        let threads = self
            .sched
            .threads
            .iter()
            .map(|m| {
                let (state, processor, syscall_goroutine) = match m.state {
                    ThreadState::Idle => ("idle".to_string(), None, None),
                    ThreadState::Running { processor } => {
                        (format!("running {processor}"), Some(processor), None)
                    }
                    ThreadState::InSyscall { goroutine } => {
                        (format!("syscall G{}", goroutine.0), None, Some(goroutine))
                    }
                };
                ThreadView {
                    id: m.id,
                    state,
                    processor,
                    syscall_goroutine,
                }
            })
            .collect();
        let channels = self
            .chans
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let elem = self.chan_elem[i];
                let show = |v: &Value| describe(v, elem, program, &self.heap);
                let waiter = |s: &crate::chan::Sudog<Value>| WaiterView {
                    goroutine: s.goroutine,
                    select_case: s.select_case,
                    value: s.elem.as_ref().map(show),
                    stale: s.select_case.is_some() && self.g(s.goroutine).select_done,
                };
                ChannelView {
                    id: c.id,
                    elem_type: program.types.name(elem).to_string(),
                    timer: match c.kind {
                        crate::chan::ChanKind::Timer(t) => Some(t),
                        crate::chan::ChanKind::Plain => None,
                    },
                    capacity: c.dataqsiz,
                    qcount: c.qcount,
                    sendx: c.sendx,
                    recvx: c.recvx,
                    slots: c.buf.iter().map(|s| s.as_ref().map(show)).collect(),
                    recvq: c.recvq.iter().map(waiter).collect(),
                    sendq: c.sendq.iter().map(waiter).collect(),
                    closed: c.closed,
                }
            })
            .collect();
        let sync_objects = self
            .sync_objects
            .iter()
            .enumerate()
            .map(|(i, o)| sync_view(SyncId(i as u32), o))
            .collect();
        let timers = self
            .timers
            .armed()
            .map(|t| TimerView {
                id: t.id,
                when_ns: t.when_ns,
                period_ns: t.period_ns,
                action: match &t.action {
                    TimerAction::Wake(g) => format!("wake G{}", g.0),
                    TimerAction::SendTime(c) => format!("send time on chan {}", c.0),
                    TimerAction::StartFunc(_) => "start func in new goroutine".to_string(),
                    TimerAction::SyscallDone { goroutine, .. } => {
                        format!("syscall of G{} returns", goroutine.0)
                    }
                },
            })
            .collect();
        Snapshot {
            step: self.steps(),
            status: self.status().clone(),
            now_ns: self.now_ns(),
            now: crate::time::format_utc(self.now_ns()),
            goroutines,
            processors,
            global_runq: self.sched.global_runq.iter().copied().collect(),
            threads,
            channels,
            sync_objects,
            timers,
            open_files: self
                .fs
                .open_files()
                .map(|(fd, d, size)| OpenFileView {
                    fd,
                    path: d.path.clone(),
                    offset: d.offset,
                    size,
                    mode: format!(
                        "{}{}{}",
                        if d.readable { "r" } else { "" },
                        if d.writable { "w" } else { "" },
                        if d.append { "a" } else { "" }
                    ),
                })
                .collect(),
            contexts: self.contexts.list().to_vec(),
            stdout: String::from_utf8_lossy(self.stdout()).into_owned(),
            stderr: String::from_utf8_lossy(self.stderr()).into_owned(),
        }
    }
}

fn sync_view(id: SyncId, o: &SyncObject) -> SyncView {
    let kind = o.type_name().to_string();
    let (owners, state, waiters) = match o {
        SyncObject::Mutex(m) => {
            let state = match (m.locked, m.starving) {
                (true, true) => "locked (starving)",
                (true, false) => "locked",
                (false, true) => "unlocked (starving)",
                (false, false) => "unlocked",
            };
            (
                m.owner.into_iter().collect(),
                state.to_string(),
                m.waiters.iter().map(|w| w.goroutine).collect(),
            )
        }
        SyncObject::RwMutex(rw) => {
            let (owners, state) = match rw.writer {
                Some(Writer::Active(g)) => (vec![g], "write-locked".to_string()),
                Some(Writer::Pending(g)) => (
                    rw.readers.clone(),
                    format!(
                        "{} readers, writer G{} waiting for them",
                        rw.readers.len(),
                        g.0
                    ),
                ),
                None if rw.readers.is_empty() => (vec![], "unlocked".to_string()),
                None => (rw.readers.clone(), format!("{} readers", rw.readers.len())),
            };
            let mut waiters: Vec<GoroutineId> = match rw.writer {
                Some(Writer::Pending(g)) => vec![g],
                _ => vec![],
            };
            waiters.extend(rw.w.waiters.iter().map(|w| w.goroutine));
            waiters.extend(rw.reader_waiters.iter().copied());
            (owners, state, waiters)
        }
        SyncObject::WaitGroup(wg) => (
            vec![],
            format!("counter {}", wg.counter),
            wg.waiters.clone(),
        ),
        SyncObject::Once(once) => (
            once.running.into_iter().collect(),
            if once.done {
                "done".into()
            } else {
                "not done".into()
            },
            once.m.waiters.iter().map(|w| w.goroutine).collect(),
        ),
        SyncObject::Cond(l) => {
            let mut ws = l.waiters.clone();
            crate::util::sort_by_key(&mut ws, |w| w.ticket);
            (
                vec![],
                format!("{} waiting", ws.len()),
                ws.into_iter().map(|w| w.goroutine).collect(),
            )
        }
    };
    SyncView {
        id,
        kind,
        owners,
        state,
        waiters,
    }
}
