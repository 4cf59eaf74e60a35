//! How a run stands: still running, or how it ended, with Go's exit code.
//!
//! Models the endings of runtime/proc.go (`main` returning → `exit(0)`; `checkdead`), runtime/panic.go
//! (`fatalpanic` → exit 2, `fatal`/`throw` → exit 2) and os.Exit, plus the model's own limits.

use serde::{Deserialize, Serialize};

use crate::ids::GoroutineId;

/// A model limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Limit {
    Steps(u64),
    Goroutines(u64),
    HeapValues(u64),
    ChanCapacity(u64),
    /// Output bytes (stdout + stderr).
    Output(u64),
    /// Frames of one goroutine's stack.
    StackFrames(u64),
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Steps(n) => write!(
                f,
                "step limit reached: the program ran {n} steps without finishing"
            ),
            Limit::Goroutines(n) => write!(
                f,
                "goroutine limit reached: more than {n} goroutines alive at once"
            ),
            Limit::HeapValues(n) => write!(f, "heap limit reached: more than {n} heap values"),
            Limit::ChanCapacity(n) => {
                write!(f, "channel capacity limit: make(chan T, n) with n > {n}")
            }
            Limit::Output(n) => write!(f, "output limit reached: more than {n} bytes written"),
            Limit::StackFrames(n) => write!(
                f,
                "stack limit reached: a goroutine exceeded the model's {n} frames"
            ),
        }
    }
}

/// The run's status.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Some goroutine can still run, or a timer will fire.
    Running,
    /// `main.main` returned (code 0) or os.Exit(code) was called.
    Exited { code: i32 },
    /// An unrecovered panic killed the program (exit 2); `message` is Go's `panic: ...` text
    /// (without the goroutine dump).
    Panicked {
        goroutine: GoroutineId,
        message: String,
    },
    /// `fatal error: all goroutines are asleep - deadlock!` (exit 2).
    Deadlocked,
    /// Another fatal error (exit 2): `message` follows "fatal error: ", e.g.
    /// "sync: unlock of unlocked mutex" or "no goroutines (main called runtime.Goexit) - deadlock!".
    Fatal { message: String },
    /// A model limit stopped the run.
    LimitReached(Limit),
}

impl Status {
    /// True while the program can still make progress.
    pub fn is_running(&self) -> bool {
        matches!(self, Status::Running)
    }

    /// The process exit code Go would give (None while running). A limit is not a Go ending; front ends
    /// report it with code 3 by convention here.
    pub fn exit_code(&self) -> Option<i32> {
        match self {
            Status::Running => None,
            Status::Exited { code } => Some(*code),
            Status::Panicked { .. } | Status::Deadlocked | Status::Fatal { .. } => Some(2),
            Status::LimitReached(_) => Some(3),
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Running => write!(f, "running"),
            Status::Exited { code } => write!(f, "exited with code {code}"),
            Status::Panicked { goroutine, message } => write!(f, "{message} (in {goroutine})"),
            Status::Deadlocked => write!(f, "fatal error: all goroutines are asleep - deadlock!"),
            Status::Fatal { message } => write!(f, "fatal error: {message}"),
            Status::LimitReached(limit) => write!(f, "{limit}"),
        }
    }
}
