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
use crate::interp::FrameKind;
use crate::runtime::{Goroutine, Runtime};

/// Standard-library frames are printed GOROOT-relative, as a `go build -trimpath` binary prints them
/// (`runtime/sema.go:71`).
pub const GOROOT: &str = "";

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
        let all: Vec<_> = stack.frames(program).collect();
        for (i, f) in all.iter().enumerate() {
            // Called by the runtime (goroutine entry, main.main under runtime.main, a deferred call): never
            // inlined.
            let is_entry = f.kind != FrameKind::Call
                || all
                    .get(i + 1)
                    .is_none_or(|caller| caller.name.starts_with("runtime."));
            // Go's showframe hides the runtime's own frames (runtime.main under main.main).
            if f.name.starts_with("runtime.") {
                continue;
            }
            let func = program.func(f.func);
            out.push(TraceFrame {
                function: f.name.to_string(),
                args: if !is_entry && looks_inlined(func) {
                    "(...)".into()
                } else {
                    arg_words(program, func)
                },
                file: program
                    .files
                    .get(f.span.file as usize)
                    .cloned()
                    .unwrap_or_else(|| "?".into()),
                line: f.span.line,
            });
            // A deferred call run by a panic is called from gopanic: Go shows `panic(...)` below it; one run
            // by Goexit shows `runtime.Goexit()` (Go 1.23.5's lines of those calls in runtime/panic.go).
            match f.kind {
                FrameKind::DeferredPanic => out.push(std_frame(
                    "panic",
                    "({0x0?, 0x0?})",
                    "runtime/panic.go",
                    785,
                )),
                FrameKind::DeferredGoexit => {
                    out.push(std_frame("runtime.Goexit", "()", "runtime/panic.go", 629))
                }
                _ => {}
            }
        }
    }
    out
}

fn runtime_frames(reason: WaitReason) -> Vec<TraceFrame> {
    let f = |function: &str, args: &str, file: &str, line: u32| TraceFrame {
        function: function.into(),
        args: args.into(),
        file: file.to_string(),
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

/// A runtime function that raised a panic on a goroutine's behalf: its frames appear above the
/// goroutine's own in the panic traceback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RaisedIn {
    /// `sync.(*WaitGroup).Add` (called by `Done` when `done`).
    WaitGroupAdd { done: bool },
    /// `time.NewTicker`.
    NewTicker,
}

impl RaisedIn {
    /// Go 1.23.5's frames for it.
    pub fn frames(self) -> Vec<TraceFrame> {
        match self {
            RaisedIn::WaitGroupAdd { done } => {
                let mut v = vec![std_frame(
                    "sync.(*WaitGroup).Add",
                    "(0x0?, 0x0?)",
                    "sync/waitgroup.go",
                    64,
                )];
                if done {
                    v.push(std_frame(
                        "sync.(*WaitGroup).Done",
                        "(...)",
                        "sync/waitgroup.go",
                        89,
                    ));
                }
                v
            }
            RaisedIn::NewTicker => vec![std_frame("time.NewTicker", "(0x0?)", "time/tick.go", 38)],
        }
    }
}

/// The frames Go 1.23.5 shows above user code for a `sync.fatal`.
pub fn sync_fatal_frames(message: &str) -> Vec<TraceFrame> {
    let fatal = std_frame("sync.fatal", "({0x0?, 0x0?})", "runtime/panic.go", 1031);
    match message {
        "sync: unlock of unlocked mutex" => vec![
            fatal,
            std_frame(
                "sync.(*Mutex).unlockSlow",
                "(0x0?, 0x0?)",
                "sync/mutex.go",
                231,
            ),
            std_frame("sync.(*Mutex).Unlock", "(...)", "sync/mutex.go", 225),
        ],
        "sync: RUnlock of unlocked RWMutex" => vec![
            fatal,
            std_frame(
                "sync.(*RWMutex).rUnlockSlow",
                "(0x0?, 0x0?)",
                "sync/rwmutex.go",
                130,
            ),
            std_frame("sync.(*RWMutex).RUnlock", "(...)", "sync/rwmutex.go", 120),
        ],
        "sync: Unlock of unlocked RWMutex" => {
            vec![
                fatal,
                std_frame("sync.(*RWMutex).Unlock", "(0x0?)", "sync/rwmutex.go", 210),
            ]
        }
        _ => Vec::new(),
    }
}

fn std_frame(function: &str, args: &str, file: &str, line: u32) -> TraceFrame {
    TraceFrame {
        function: function.into(),
        args: args.into(),
        file: file.into(),
        line,
    }
}

/// `goroutine N [status]:` plus frames and the `created by` lines, each line ending in '\n'.
pub fn goroutine_trace(rt: &Runtime, id: GoroutineId, running: bool) -> String {
    goroutine_trace_with(rt, id, running, &[])
}

/// [`goroutine_trace`] with runtime frames `extra` above the goroutine's own.
pub fn goroutine_trace_with(
    rt: &Runtime,
    id: GoroutineId,
    running: bool,
    extra: &[TraceFrame],
) -> String {
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
    // Go prints the innermost 50 and the outermost 50 frames (tracebackInnerFrames/OuterFrames).
    let all: Vec<TraceFrame> = extra.iter().cloned().chain(frames(rt, g)).collect();
    let elided = all.len().saturating_sub(100);
    for (i, f) in all.iter().enumerate() {
        if elided > 0 && i == 50 {
            s.push_str(&format!("...{elided} frames elided...\n"));
        }
        if elided > 0 && (50..50 + elided).contains(&i) {
            continue;
        }
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
            g.created.function_name(rt.program()),
            creator.0,
            file,
            g.created.span.line
        ));
    } else if !g.is_main {
        s.push_str(&format!(
            "created by {}\n\ttime/sleep.go:215 +0x0\n",
            g.created.function_name(rt.program())
        ));
    }
    s
}

/// `tracebackothers`: `current` first (as `[running]`), then every other live goroutine in creation
/// order, separated by blank lines.
pub fn all_goroutines(rt: &Runtime, current: Option<GoroutineId>) -> String {
    all_goroutines_with(rt, current, &[])
}

/// [`all_goroutines`] with runtime frames `extra` above the current goroutine's own.
pub fn all_goroutines_with(
    rt: &Runtime,
    current: Option<GoroutineId>,
    extra: &[TraceFrame],
) -> String {
    let mut parts = Vec::new();
    if let Some(c) = current {
        parts.push(goroutine_trace_with(rt, c, true, extra));
    }
    for g in rt.goroutines() {
        if Some(g.id) == current || g.status == GoroutineStatus::Dead {
            continue;
        }
        parts.push(goroutine_trace(rt, g.id, false));
    }
    parts.join("\n")
}

/// Go's traceback argument list (`printArgs`, runtime/traceback.go): one `0x?` per register word of each
/// parameter, `{...}` around strings, slices, interfaces and structs, `...` after 10 words. The values
/// themselves are addresses or spilled registers in Go, which the golden files normalise to `0x?`.
fn arg_words(program: &crate::program::Program, func: &crate::program::Func) -> String {
    if func.params == 0 {
        return "()".into();
    }
    let mut words = 0;
    let mut parts = Vec::new();
    for p in 0..func.params {
        let ty = func.locals.iter().find(|l| l.reg.0 == p).map(|l| l.ty);
        let text = match ty {
            Some(ty) => type_words(&program.types, ty, &mut words, 0),
            None => {
                words += 1;
                "0x0?".to_string()
            }
        };
        parts.push(text);
        if words > 10 {
            parts.truncate(parts.len().saturating_sub(1));
            parts.push("...".into());
            break;
        }
    }
    format!("({})", parts.join(", "))
}

fn type_words(
    types: &crate::types::Types,
    ty: crate::types::TypeId,
    words: &mut usize,
    depth: u32,
) -> String {
    use crate::types::TypeKind;
    let group = |n: usize, words: &mut usize| {
        *words += n;
        format!("{{{}}}", vec!["0x0?"; n].join(", "))
    };
    match types.kind(ty) {
        TypeKind::String | TypeKind::Interface { .. } => group(2, words),
        TypeKind::Slice { .. } => group(3, words),
        TypeKind::Struct { fields } if depth < 5 => {
            let inner: Vec<String> = fields
                .iter()
                .map(|f| type_words(types, f.ty, words, depth + 1))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        TypeKind::Array { elem, len } if depth < 5 && *len <= 4 => {
            let inner: Vec<String> = (0..*len)
                .map(|_| type_words(types, *elem, words, depth + 1))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        _ => {
            *words += 1;
            "0x0?".into()
        }
    }
}

/// Go prints `(...)` for a frame that was inlined into its caller. The model approximates gc's inliner:
/// a small function that makes no calls (other than builtins and runtime operations), defers nothing and
/// starts no goroutine would have been inlined.
fn looks_inlined(func: &crate::program::Func) -> bool {
    use crate::program::Instr;
    func.code.len() <= 60
        && !func.code.iter().any(|i| {
            matches!(
                i,
                Instr::Call { .. }
                    | Instr::CallValue { .. }
                    | Instr::CallMethod { .. }
                    | Instr::Defer { .. }
                    | Instr::Go { .. }
                    | Instr::Select { .. }
                    | Instr::Fmt { .. }
                    | Instr::Recover { .. }
            )
        })
}
