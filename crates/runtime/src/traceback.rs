//! Goroutine dumps in Go's format.
//!
//! Models runtime/traceback.go: `goroutineheader` (`goroutine N [status, M minutes]:`), the two-line frames
//! (`pkg.func(...)` then `\t/path/file.go:LINE +0xOFF`), `created by F in goroutine N`, and
//! `tracebackothers` (the current goroutine first, then the others in creation order, system goroutines
//! hidden). Argument words and PC offsets are addresses in Go; the model prints `(...)` for functions with
//! parameters and `+0x0` offsets. Runtime frames Go shows under a blocked sync or sleep call are
//! synthesised from the wait reason with Go 1.23.5's file:line.

use crate::goroutine::{GoroutineStatus, WaitReason};
use crate::ids::GoroutineId;
use crate::runtime::{Goroutine, Runtime};

/// Where Go 1.23's sources are installed on the reference machine (paths in runtime frames).
pub const GOROOT: &str = "/usr/lib/go-1.23";

/// One frame of a dump.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TraceFrame {
    /// `main.worker`, `sync.(*Mutex).Lock`.
    pub function: String,
    /// `(...)`, `()`, or Go's argument words for synthesised runtime frames.
    pub args: String,
    pub file: String,
    pub line: u32,
}

/// The frames of a goroutine, innermost first, including the runtime frames Go would show for its wait.
pub fn frames(rt: &Runtime, g: &Goroutine) -> Vec<TraceFrame> {
    let mut out = Vec::new();
    if let GoroutineStatus::Waiting(reason) = g.status {
        out.extend(runtime_frames(reason));
    }
    if let Some(stack) = &g.stack {
        let program = rt.program();
        for f in stack.frames(program) {
            let func = program.func(f.func);
            out.push(TraceFrame {
                function: f.name.to_string(),
                args: if func.params > 0 {
                    "(...)".into()
                } else {
                    "()".into()
                },
                file: program
                    .files
                    .get(f.span.file as usize)
                    .cloned()
                    .unwrap_or_else(|| "?".into()),
                line: f.span.line,
            });
        }
    }
    out
}

fn runtime_frames(reason: WaitReason) -> Vec<TraceFrame> {
    let f = |function: &str, args: &str, file: &str, line: u32| TraceFrame {
        function: function.into(),
        args: args.into(),
        file: format!("{GOROOT}/src/{file}"),
        line,
    };
    match reason {
        WaitReason::Semacquire => vec![
            f("sync.runtime_Semacquire", "(0x0?)", "runtime/sema.go", 71),
            f("sync.(*WaitGroup).Wait", "(0x0?)", "sync/waitgroup.go", 118),
        ],
        WaitReason::SyncMutexLock => vec![
            f(
                "sync.runtime_SemacquireMutex",
                "(0x0?, 0x0?, 0x0?)",
                "runtime/sema.go",
                95,
            ),
            f("sync.(*Mutex).lockSlow", "(0x0?)", "sync/mutex.go", 173),
            f("sync.(*Mutex).Lock", "(...)", "sync/mutex.go", 92),
        ],
        WaitReason::SyncRWMutexLock => vec![
            f(
                "sync.runtime_SemacquireRWMutex",
                "(0x0?, 0x0?, 0x0?)",
                "runtime/sema.go",
                105,
            ),
            f("sync.(*RWMutex).Lock", "(0x0?)", "sync/rwmutex.go", 153),
        ],
        WaitReason::SyncRWMutexRLock => vec![
            f(
                "sync.runtime_SemacquireRWMutexR",
                "(0x0?, 0x0?, 0x0?)",
                "runtime/sema.go",
                100,
            ),
            f("sync.(*RWMutex).RLock", "(...)", "sync/rwmutex.go", 72),
        ],
        WaitReason::SyncCondWait => vec![
            f(
                "sync.runtime_notifyListWait",
                "(0x0?, 0x0?)",
                "runtime/sema.go",
                587,
            ),
            f("sync.(*Cond).Wait", "(0x0?)", "sync/cond.go", 71),
        ],
        WaitReason::Sleep => vec![f("time.Sleep", "(0x0?)", "runtime/time.go", 300)],
        _ => Vec::new(),
    }
}

/// `goroutine N [status]:` plus frames and the `created by` lines, each line ending in '\n'.
pub fn goroutine_trace(rt: &Runtime, id: GoroutineId, running: bool) -> String {
    let Some(g) = rt.goroutine(id) else {
        return String::new();
    };
    let mut s = String::new();
    let label = if running {
        "running"
    } else {
        g.status.traceback_label()
    };
    s.push_str(&format!("goroutine {} [{}", id.0, label));
    if let GoroutineStatus::Waiting(_) = g.status {
        let minutes = (rt.now_ns() - g.waiting_since_ns) / 60_000_000_000;
        if minutes >= 1 {
            s.push_str(&format!(", {minutes} minutes"));
        }
    }
    s.push_str("]:\n");
    for f in frames(rt, g) {
        s.push_str(&format!(
            "{}{}\n\t{}:{} +0x0\n",
            f.function, f.args, f.file, f.line
        ));
    }
    if let Some(creator) = g.created.creator {
        let file = rt
            .program()
            .files
            .get(g.created.span.file as usize)
            .cloned()
            .unwrap_or_else(|| "?".into());
        s.push_str(&format!(
            "created by {} in goroutine {}\n\t{}:{} +0x0\n",
            g.created.function, creator.0, file, g.created.span.line
        ));
    } else if !g.is_main {
        s.push_str(&format!(
            "created by {}\n\t{GOROOT}/src/time/sleep.go:215 +0x0\n",
            g.created.function
        ));
    }
    s
}

/// `tracebackothers`: `current` first (as `[running]`), then every other live goroutine in creation
/// order, separated by blank lines.
pub fn all_goroutines(rt: &Runtime, current: Option<GoroutineId>) -> String {
    let mut parts = Vec::new();
    if let Some(c) = current {
        parts.push(goroutine_trace(rt, c, true));
    }
    for g in rt.goroutines() {
        if Some(g.id) == current || g.status == GoroutineStatus::Dead {
            continue;
        }
        parts.push(goroutine_trace(rt, g.id, false));
    }
    parts.join("\n")
}
