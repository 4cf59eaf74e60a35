//! Goroutines (Go's G): id, status with its wait reason, creator and creation site, and the interpreter's
//! stack.
//!
//! Models the `g` struct, `_Grunnable`/`_Grunning`/`_Gsyscall`/`_Gwaiting`/`_Gdead` and `waitReason` with
//! `waitReasonStrings` of runtime/runtime2.go.
//!
//! Invariants (asserted by `Runtime::check_invariants`):
//! - A `Runnable` goroutine is in exactly one run queue (a P's runnext or local queue, or the global queue).
//! - A `Running` goroutine is the `current` of exactly one P; a `Syscall` one is on a thread in a system call.
//! - A `Waiting` goroutine is in no run queue, and is listed as a waiter of the object it waits on (except
//!   for nil channels and `select {}`, which nothing can wake).
//! - A `Dead` goroutine is in no queue and holds no stack.

use serde::{Deserialize, Serialize};

use crate::ids::{ChanId, GoroutineId, SyncId, TimerId};
use crate::program::{Program, SourceSpan};

/// Why a goroutine waits: Go's `waitReason`, displayed exactly as `waitReasonStrings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WaitReason {
    /// "chan receive (nil chan)": blocks forever.
    ChanReceiveNilChan,
    /// "chan send (nil chan)": blocks forever.
    ChanSendNilChan,
    /// "select".
    Select,
    /// "select (no cases)": `select {}` blocks forever.
    SelectNoCases,
    /// "chan receive".
    ChanReceive,
    /// "chan send".
    ChanSend,
    /// "semacquire": `sync.WaitGroup.Wait` in Go 1.23.
    Semacquire,
    /// "sleep".
    Sleep,
    /// "sync.Cond.Wait".
    SyncCondWait,
    /// "sync.Mutex.Lock" (also a second writer of an RWMutex and a concurrent sync.Once.Do).
    SyncMutexLock,
    /// "sync.RWMutex.RLock".
    SyncRWMutexRLock,
    /// "sync.RWMutex.Lock": a writer waiting for readers to leave.
    SyncRWMutexLock,
    /// "panicwait": main returned while another goroutine is panicking.
    PanicWait,
}

impl WaitReason {
    /// Go's `waitReasonStrings` entry.
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::ChanReceiveNilChan => "chan receive (nil chan)",
            WaitReason::ChanSendNilChan => "chan send (nil chan)",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::ChanReceive => "chan receive",
            WaitReason::ChanSend => "chan send",
            WaitReason::Semacquire => "semacquire",
            WaitReason::Sleep => "sleep",
            WaitReason::SyncCondWait => "sync.Cond.Wait",
            WaitReason::SyncMutexLock => "sync.Mutex.Lock",
            WaitReason::SyncRWMutexRLock => "sync.RWMutex.RLock",
            WaitReason::SyncRWMutexLock => "sync.RWMutex.Lock",
            WaitReason::PanicWait => "panicwait",
        }
    }
}

impl std::fmt::Display for WaitReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The object a waiting goroutine waits on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WaitObject {
    /// Nothing can wake it (nil channel, `select {}`).
    Nothing,
    Chan(ChanId),
    /// A select: every non-nil channel of its cases, in case order.
    Select(Vec<ChanId>),
    Sync(SyncId),
    Timer(TimerId),
}

/// Go's G status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoroutineStatus {
    /// `_Grunnable`: on a run queue, not running.
    Runnable,
    /// `_Grunning`: the current goroutine of a P's thread.
    Running,
    /// `_Gsyscall`: in a blocking system call, owning a thread but no P.
    Syscall,
    /// `_Gwaiting`: parked; listed as a waiter of the object it waits on.
    Waiting(WaitReason),
    /// `_Gdead`: finished.
    Dead,
}

impl GoroutineStatus {
    /// What Go prints between the brackets of a traceback header.
    pub fn traceback_label(self) -> &'static str {
        match self {
            GoroutineStatus::Runnable => "runnable",
            GoroutineStatus::Running => "running",
            GoroutineStatus::Syscall => "syscall",
            GoroutineStatus::Waiting(r) => r.as_str(),
            GoroutineStatus::Dead => "dead",
        }
    }
}

/// Where and by whom a goroutine was created (`g.parentGoid`, `g.gopc`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CreationSite {
    /// The creating goroutine (None for main and for timer-started goroutines).
    pub creator: Option<GoroutineId>,
    /// The function containing the `go` statement (Go's "created by" line); None for `time.goFunc`, which
    /// starts time.AfterFunc functions.
    pub function: Option<crate::program::FuncId>,
    /// The `go` statement's span.
    pub span: SourceSpan,
}

impl CreationSite {
    /// The creating function's name as Go prints it ("main.main", "time.goFunc").
    pub fn function_name<'a>(&self, program: &'a Program) -> &'a str {
        match self.function {
            Some(f) => &program.func(f).name,
            None => "time.goFunc",
        }
    }
}
