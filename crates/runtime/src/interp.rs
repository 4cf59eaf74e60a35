//! Executes the instructions of one goroutine's stack (Go's compiled code plus runtime/panic.go's defer/panic/recover
//! machinery and runtime/stack.go's stack limit).
//!
//! The interpreter is *stackless*: a Go call pushes a [`Frame`] on the goroutine's own [`GoStack`]; no host recursion
//! happens per Go call, so deep Go recursion cannot overflow the host stack.
//!
//! # The seam with the scheduler
//! [`GoStack::run`] executes until something needs the scheduler and returns an [`Effect`]:
//! - `Effect::Runtime(op)`: an operation on scheduler state with its operands evaluated. The instruction is *not*
//!   finished: the scheduler either completes it now or later with [`GoStack::complete`] (delivering the op's
//!   results and advancing past it), raises a Go panic in it with [`GoStack::raise_panic`], or leaves it parked.
//!   Calling `run` again without completing re-executes the instruction (re-reads its operands and returns the
//!   same op again), which is what a retry after a wake-up wants.
//! - `Effect::Yield`: the instruction budget is used up; call `run` again later.
//! - `Effect::Returned`: the goroutine's first function returned (`goexit0`).
//! - `Effect::Goexited`: `runtime.Goexit` ran all deferred calls; the goroutine is finished.
//! - `Effect::Panicked(p)`: a panic was not recovered; all deferred calls ran. The process dies with exit code 2.
//! - `Effect::Fatal(f)`: a fatal error (stack overflow); exit code 2, no deferred calls run.
//! - `Effect::LimitReached(l)`: a host limit of this model was hit (not a Go behaviour).
//!
//! Output of fmt and `print` goes to `ExecContext::output` without yielding.
//!
//! Invariants:
//! - `frames` is never empty while the goroutine is live; the innermost frame is last.
//! - Each frame's registers are `regs[base..base + func.regs]`; frames' windows are stacked in order.
//! - `defers` is ordered by frame index; the defers of frame `i` are the records with `frame == i` (a suffix
//!   while frame `i` is the innermost frame that has any).
//! - `panics` is the chain of active panics, oldest first (Go's `gp._panic` list reversed).

use std::rc::Rc;

use crate::heap::{Heap, ObjId};
use crate::program::{FuncId, Pc, Program, Reg, RtCode, SourceSpan};
use crate::types::TypeId;
use crate::value::{FuncValue, Value};

mod ops;
pub(crate) use ops::append_values;
use ops::*;
pub use ops::{convert, decode_rune};

/// Go's maximum stack size on 64-bit systems (runtime/proc.go `maxstacksize = 1000000000`).
pub const GO_MAX_STACK_BYTES: u64 = 1_000_000_000;

/// Host limits of the model (not Go behaviour; hitting one gives `Effect::LimitReached`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Maximum number of frames of one goroutine. Keeps host memory bounded even though Go's own limit is by bytes.
    pub max_frames: u32,
    /// Go's stack limit in estimated bytes (exceeding it is Go's "fatal error: stack overflow").
    pub max_stack_bytes: u64,
    /// Maximum heap size in values (`Heap::slots_in_use`); the owner should `Heap::collect` when
    /// `Heap::should_collect()` so that garbage does not count.
    pub max_heap_slots: u64,
    /// What reaching `max_frames` means.
    pub on_max_frames: FrameLimit,
}

/// What happens when a goroutine reaches `Limits::max_frames`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FrameLimit {
    /// `Effect::LimitReached(LimitReached::StackFrames)`: a clear "the model's limit" report.
    Report,
    /// Go's own "fatal error: stack overflow" (with its "goroutine stack exceeds 1000000000-byte limit" line), as
    /// if the recursion had continued to Go's limit: right for runaway recursion, which is what such depths are.
    GoStackOverflow,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_frames: 1_000_000,
            max_stack_bytes: GO_MAX_STACK_BYTES,
            max_heap_slots: 1 << 25,
            on_max_frames: FrameLimit::Report,
        }
    }
}

/// Everything the interpreter needs besides the goroutine's own stack.
pub struct ExecContext<'a> {
    /// The (validated) program.
    pub program: &'a Program,
    /// The shared heap.
    pub heap: &'a mut Heap,
    /// The runtime's RNG (owned by the scheduler side); used for map iteration order.
    pub rng: &'a mut dyn FnMut() -> u64,
    /// Output written by fmt and print, in order.
    pub output: &'a mut Vec<Output>,
    /// Maximum number of instructions to execute in this call of `run`.
    pub budget: u32,
    /// Host limits.
    pub limits: Limits,
    /// Runtime operations `run` may complete itself (see [`Fuse`]); None: every op returns to the scheduler.
    pub fuse: Option<Fuse<'a>>,
}

/// Runtime operations that complete at once without blocking or waking anyone (a lock of an unlocked
/// mutex, a send into a buffer with room and no waiting receiver, ...), done by the scheduler's side.
pub trait FastOps {
    /// Performs `op` if it completes at once, writing its results to `out`; returns how many, or None
    /// (nothing changed) if it needs the scheduler.
    fn try_op(
        &mut self,
        heap: &mut Heap,
        op: RtCode,
        args: &[Value],
        out: &mut [Value; 2],
    ) -> Option<usize>;
}

/// Lets `run` fuse steps: a runtime op that [`FastOps`] completes ends one step and starts the next inside
/// `run`, with the same accounting as separate steps (the time slice is charged per step, each step's
/// budget is `min(slice left, step_instructions)`), so the run is the same, only faster. The scheduler
/// allows it only where no choice can fall between the steps (one P, events not recorded).
pub struct Fuse<'a> {
    pub ops: &'a mut dyn FastOps,
    /// Most steps that may be fused in this call.
    pub max_steps: u64,
    /// Steps fused so far.
    pub steps: u64,
    /// The P's time slice left before the current step.
    pub slice_left: u32,
    /// `Config::step_instructions`.
    pub step_instructions: u32,
    /// The budget the current step started with.
    pub step_budget: u32,
}

/// A chunk of program output.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Output {
    /// Which stream.
    pub stream: crate::program::Stream,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Why `run` stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A runtime operation for the scheduler (see the module docs).
    Runtime(RuntimeOp),
    /// The budget is used up.
    Yield,
    /// The goroutine's first function returned.
    Returned,
    /// `runtime.Goexit` finished running deferred calls.
    Goexited,
    /// An unrecovered panic, after all deferred calls ran.
    Panicked(GoPanic),
    /// A fatal error.
    Fatal(Fatal),
    /// A host limit was hit.
    LimitReached(LimitReached),
}

/// An operation on scheduler state, operands evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeOp {
    /// `go f(args)`: create a goroutine running `func` with `args` (use [`GoStack::new`]). Complete with `&[]`.
    Go {
        /// The function value.
        func: FuncValue,
        /// Its arguments.
        args: Vec<Value>,
    },
    /// A fixed-arity operation; complete with `code.results()` values.
    Call {
        /// Which operation.
        code: RtCode,
        /// Its `code.arity()` arguments.
        args: OpArgs,
        /// The channel type for `MakeChan`, otherwise meaningless.
        ty: TypeId,
    },
    /// `select`: complete with `[chosen index (Int, -1 = default), received value (or Nil), ok (Bool)]`.
    Select {
        /// Communication cases in source order.
        cases: Vec<SelectCase>,
        /// Whether there is a default case (then the select must not block).
        has_default: bool,
    },
}

/// Arguments of a `RuntimeOp::Call` (at most 2; no allocation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct OpArgs {
    vals: [Value; 2],
    len: u8,
}

impl OpArgs {
    /// Arguments from a slice of at most 2 values.
    #[inline]
    pub fn from_slice(vals: &[Value]) -> OpArgs {
        // Built in place (no default-then-overwrite: this is on every runtime op's path).
        match vals {
            [] => OpArgs {
                vals: [Value::Nil, Value::Nil],
                len: 0,
            },
            [a] => OpArgs {
                vals: [a.clone(), Value::Nil],
                len: 1,
            },
            [a, b, ..] => OpArgs {
                vals: [a.clone(), b.clone()],
                len: 2,
            },
        }
    }

    /// The arguments.
    pub fn as_slice(&self) -> &[Value] {
        &self.vals[..self.len as usize]
    }

    /// Argument `i` (Nil if absent).
    pub fn get(&self, i: usize) -> &Value {
        self.as_slice().get(i).unwrap_or(&Value::Nil)
    }
}

/// One case of a select, operands evaluated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectCase {
    /// `case chan <- value:` (a nil `chan` never proceeds).
    Send {
        /// The channel (`Value::Chan` or `Value::Nil`).
        chan: Value,
        /// The value.
        value: Value,
    },
    /// `case v, ok := <-chan:`
    Recv {
        /// The channel (`Value::Chan` or `Value::Nil`).
        chan: Value,
    },
}

/// An unrecovered panic, ready to print (Go's `printpanics`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoPanic {
    /// The panic chain, oldest first.
    pub chain: Vec<PanicLine>,
    /// For nil dereferences, Go's signal line (printed after the panic lines).
    pub signal: Option<String>,
    /// The last panic's value.
    pub value: Value,
}

/// One printed panic of a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanicLine {
    /// The value as Go prints it (`printpanicval`, after `Error()`/`String()`).
    pub text: String,
    /// Whether it was recovered (then re-panicked): printed with " \[recovered\]".
    pub recovered: bool,
}

impl GoPanic {
    /// Go's text up to (not including) the blank line before the goroutine traceback:
    /// `panic: first [recovered]\n\tpanic: second\n` plus the signal line if any.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (i, line) in self.chain.iter().enumerate() {
            if i > 0 {
                s.push('\t');
            }
            s.push_str("panic: ");
            s.push_str(&line.text);
            if line.recovered {
                s.push_str(" [recovered]");
            }
            s.push('\n');
        }
        if let Some(sig) = &self.signal {
            s.push_str(sig);
            s.push('\n');
        }
        s
    }
}

/// A fatal error (Go's `throw`/`fatal`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fatal {
    /// Lines Go prints before `fatal error: ...` (e.g. "runtime: goroutine stack exceeds 1000000000-byte limit").
    pub preamble: Vec<String>,
    /// The message after "fatal error: ".
    pub message: String,
}

impl Fatal {
    /// `preamble` lines then `fatal error: message\n`.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for l in &self.preamble {
            s.push_str(l);
            s.push('\n');
        }
        s.push_str("fatal error: ");
        s.push_str(&self.message);
        s.push('\n');
        s
    }
}

/// A host limit that was hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitReached {
    /// More than `Limits::max_frames` frames.
    StackFrames {
        /// The limit.
        max_frames: u32,
    },
    /// An allocation larger than the model supports (e.g. `make([]int, 1<<40)`, a 1 GiB string), or a heap
    /// holding more than `Limits::max_heap_slots` values (then `requested` is the number of values in use).
    Allocation {
        /// Requested element count (bytes for strings).
        requested: u64,
    },
}

impl std::fmt::Display for LimitReached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LimitReached::StackFrames { max_frames } => {
                write!(
                    f,
                    "goroutine exceeded the model's limit of {max_frames} stack frames"
                )
            }
            LimitReached::Allocation { requested } => {
                write!(
                    f,
                    "allocation of {requested} elements exceeds the model's limit"
                )
            }
        }
    }
}

/// How a frame was entered, which decides what happens when it returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FrameKind {
    /// The goroutine's first function: returning ends the goroutine.
    Entry,
    /// A normal call: results go to the caller's `dst` registers and the caller advances.
    Call,
    /// A deferred call run by `RunDefers`/`Return`: results are discarded and the caller re-executes the
    /// instruction (which runs the next deferred call or finishes).
    DeferredReturn,
    /// A deferred call run by a panic: recover() in it (directly) recovers that panic.
    DeferredPanic,
    /// A deferred call run by Goexit.
    DeferredGoexit,
    /// A deferred call run after a recovery, for a frame returning zero results (`Func::recover_pc` is None).
    DeferredRecovered,
    /// A method call made by a native continuation (fmt calling `String()`); results go to the continuation.
    Callback,
}

/// One activation record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Frame {
    /// The function.
    pub func: FuncId,
    /// The next instruction to execute (for frames below the top: the call instruction in progress).
    pub pc: Pc,
    /// First register of the window in `GoStack::regs`.
    pub base: u32,
    /// The closure environment.
    pub env: Option<ObjId>,
    /// How it was entered.
    pub kind: FrameKind,
}

/// A pending deferred call (Go's `_defer`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeferRecord {
    /// Index of the frame that executed `defer`.
    pub frame: u32,
    /// The function value (`Value::Func`, or `Nil`: calling it panics when the deferred call runs).
    pub callee: Value,
    /// Arguments evaluated at defer time.
    pub args: Vec<Value>,
}

/// An active panic (Go's `_panic`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PanicRecord {
    /// The value passed to panic (an interface value, or a runtime error value).
    pub value: Value,
    /// Whether `recover` returned it.
    pub recovered: bool,
    /// Whether a later panic unwound past the deferred call that was running for this one.
    pub aborted: bool,
    /// Index of the frame currently running a deferred call for this panic (recover() is valid only there).
    pub defer_frame: Option<u32>,
    /// Whether this is a runtime.Goexit rather than a panic.
    pub goexit: bool,
    /// The frame whose deferred calls the panic runs next (frames above it are dead but kept, as Go keeps them
    /// on the stack until a recovery, so tracebacks show where the panic happened).
    pub cursor: u32,
}

/// A goroutine's execution state: frames, registers, deferred calls and panics.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GoStack {
    regs: Vec<Value>,
    frames: Vec<Frame>,
    defers: Sparse<DeferRecord>,
    panics: Sparse<PanicRecord>,
    conts: Conts,
    /// Estimated Go stack bytes in use.
    stack_bytes: u32,
    /// A panic raised by the scheduler, started at the next `run`.
    raised: Option<Box<Value>>,
    /// Destination registers and count of the runtime op awaiting `complete`.
    pending: Pending,
}

/// The stack of pending formatting continuations; boxed because it is almost always empty (keeps a parked
/// goroutine small).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[allow(clippy::box_collection)] // 8 bytes instead of 24 in every GoStack; the Vec is almost always absent.
struct Conts(Option<Box<Vec<Rc<crate::fmt::Continuation>>>>);

impl Conts {
    fn last(&self) -> Option<&Rc<crate::fmt::Continuation>> {
        self.0.as_ref().and_then(|v| v.last())
    }
    fn last_mut(&mut self) -> Option<&mut Rc<crate::fmt::Continuation>> {
        self.0.as_mut().and_then(|v| v.last_mut())
    }
    fn push(&mut self, c: Rc<crate::fmt::Continuation>) {
        self.0.get_or_insert_with(Default::default).push(c)
    }
    fn pop(&mut self) -> Option<Rc<crate::fmt::Continuation>> {
        let v = self.0.as_mut()?;
        let c = v.pop();
        if v.is_empty() {
            self.0 = None;
        }
        c
    }
    fn iter(&self) -> impl Iterator<Item = &Rc<crate::fmt::Continuation>> {
        self.0.iter().flat_map(|v| v.iter())
    }
}

/// Destination registers and count of the runtime op awaiting `complete`, packed in 4 bytes (an
/// `Option<(Reg, u8)>` takes 6 and pushes `GoStack` over a word boundary).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Pending(u32);

impl Pending {
    const NONE: Pending = Pending(u32::MAX);
    fn new(dst: Reg, n: u8) -> Pending {
        Pending(u32::from(dst.0) << 8 | u32::from(n))
    }
    fn get(self) -> Option<(Reg, u8)> {
        (self != Pending::NONE).then_some((Reg((self.0 >> 8) as u16), self.0 as u8))
    }
}

/// A list that is almost always empty (deferred calls, panics): 8 bytes instead of a `Vec`'s 24 in every
/// `GoStack`, allocated on first push and freed when emptied (so equal contents hash and compare equal).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[allow(clippy::box_collection)]
struct Sparse<T>(Option<Box<Vec<T>>>);

impl<T> Default for Sparse<T> {
    fn default() -> Self {
        Sparse(None)
    }
}

impl<T> std::ops::Deref for Sparse<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.as_deref().map_or(&[], |v| v.as_slice())
    }
}

impl<T> std::ops::DerefMut for Sparse<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self.0.as_deref_mut() {
            Some(v) => v.as_mut_slice(),
            None => &mut [],
        }
    }
}

impl<'a, T> IntoIterator for &'a Sparse<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Sparse<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<T> Sparse<T> {
    fn push(&mut self, x: T) {
        self.0.get_or_insert_with(Default::default).push(x)
    }
    fn pop(&mut self) -> Option<T> {
        let v = self.0.as_mut()?;
        let x = v.pop();
        if v.is_empty() {
            self.0 = None;
        }
        x
    }
    fn clear(&mut self) {
        self.0 = None;
    }
    fn retain(&mut self, f: impl FnMut(&T) -> bool) {
        if let Some(v) = self.0.as_mut() {
            v.retain(f);
            if v.is_empty() {
                self.0 = None;
            }
        }
    }
    fn heap_bytes(&self) -> usize {
        self.0.as_ref().map_or(0, |v| {
            std::mem::size_of::<Vec<T>>() + v.capacity() * std::mem::size_of::<T>()
        })
    }
}

/// A frame as seen by tracebacks and snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameInfo<'a> {
    /// The function id.
    pub func: FuncId,
    /// Its name (`main.main`).
    pub name: &'a str,
    /// The current instruction.
    pub pc: Pc,
    /// The current instruction's source span.
    pub span: SourceSpan,
    /// The frame's registers.
    pub regs: &'a [Value],
    /// How the frame was entered (a deferred call run by a panic shows Go's `panic(...)` frame below it).
    pub kind: FrameKind,
}

impl GoStack {
    /// A stack about to call `func(args)` as the goroutine's first function (`newproc`).
    /// The scheduler calls this for the main goroutine (`Program::entry`, no args) and for `RuntimeOp::Go`.
    pub fn new(program: &Program, func: FuncValue, args: Vec<Value>) -> GoStack {
        let f = program.func(func.func);
        let n = f.regs as usize;
        let mut regs = Vec::with_capacity(n);
        regs.extend(args.into_iter().take(f.params as usize));
        regs.resize(n, Value::Nil);
        GoStack {
            regs,
            frames: vec![Frame {
                func: func.func,
                pc: 0,
                base: 0,
                env: func.env,
                kind: FrameKind::Entry,
            }],
            defers: Sparse::default(),
            panics: Sparse::default(),
            conts: Conts::default(),
            stack_bytes: frame_bytes(f.regs) as u32,
            raised: None,
            pending: Pending::NONE,
        }
    }

    /// The stack for the main goroutine: `Program::entry` with no arguments.
    pub fn new_main(program: &Program) -> GoStack {
        GoStack::new(
            program,
            FuncValue {
                func: program.entry,
                env: None,
            },
            Vec::new(),
        )
    }

    /// The frames, innermost first.
    pub fn frames<'a>(&'a self, program: &'a Program) -> impl Iterator<Item = FrameInfo<'a>> + 'a {
        self.frames.iter().rev().map(move |fr| {
            let f = program.func(fr.func);
            let span = f.spans.get(fr.pc as usize).copied().unwrap_or_default();
            let end = (fr.base as usize + f.regs as usize).min(self.regs.len());
            FrameInfo {
                func: fr.func,
                name: &f.name,
                pc: fr.pc,
                span,
                regs: &self.regs[(fr.base as usize).min(end)..end],
                kind: fr.kind,
            }
        })
    }

    /// Number of frames.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// Calls `f` on every value this stack holds (GC roots for [`Heap::collect`]).
    pub fn for_each_value<'a>(&'a self, mut f: impl FnMut(&'a Value)) {
        self.regs.iter().for_each(&mut f);
        for d in &self.defers {
            f(&d.callee);
            d.args.iter().for_each(&mut f);
        }
        for p in &self.panics {
            f(&p.value);
        }
        if let Some(v) = &self.raised {
            f(v);
        }
        for c in self.conts.iter() {
            c.for_each_value(&mut f);
        }
    }

    /// The frames' closure functions (a frame holds its environment outside the registers): GC roots too,
    /// as `Value::Func`s, so a goroutine that has not run yet keeps its closure's captured variables alive.
    pub fn frame_closures(&self) -> impl Iterator<Item = Value> + '_ {
        self.frames.iter().filter_map(|fr| {
            fr.env.map(|env| {
                Value::Func(FuncValue {
                    func: fr.func,
                    env: Some(env),
                })
            })
        })
    }

    /// Host bytes of the buffers this stack owns (the `GoStack` record itself is counted by its owner).
    pub fn host_bytes(&self) -> usize {
        self.regs.capacity() * std::mem::size_of::<Value>()
            + self.frames.capacity() * std::mem::size_of::<Frame>()
            + self.defers.heap_bytes()
            + self.panics.heap_bytes()
    }
}

/// Go's fatal error for a goroutine whose stack exceeds `max_stack_bytes` (runtime/stack.go `newstack`).
fn stack_overflow(max_stack_bytes: u64) -> Fatal {
    Fatal {
        preamble: vec![
            format!("runtime: goroutine stack exceeds {max_stack_bytes}-byte limit"),
            "runtime: sp=0xc020160398 stack=[0xc020160000, 0xc040160000]".to_string(),
        ],
        message: "stack overflow".into(),
    }
}

/// Estimated Go stack bytes of a frame with `regs` registers (8 bytes per word-sized register plus return
/// address, frame pointer and spill area).
pub fn frame_bytes(regs: u16) -> u64 {
    32 + 8 * regs as u64
}

/// A `runtime.plainError` panic value, e.g. `plain_error("send on closed channel")`.
pub fn plain_error(msg: &str) -> Value {
    Value::iface(crate::types::builtin::RUNTIME_PLAIN_ERROR, Value::str(msg))
}

// ---------------------------------------------------------------------------------------------------------------
// Execution
// ---------------------------------------------------------------------------------------------------------------

use crate::fmt::{Continuation, Job, MethodCall};
use crate::heap::{MapIter, Object, GLOBALS};
use crate::program::{
    BinOp, FmtOp, Func, Instr, NumKind, ResultForm, SelectCaseDesc, StrConvOp, UnOp,
};
use crate::types::{builtin, BuiltinMethod, MethodImpl, Receiver, TypeKind, Types};
use crate::value::{go_equal, GoStr, Iface, Ptr, SliceRef, F64};

/// Why an instruction could not complete normally.
pub(crate) enum Trap {
    /// A Go panic with this value.
    Panic(Value),
    /// A fatal error.
    Fatal(Fatal),
    /// A host limit.
    Limit(LimitReached),
}

impl From<Value> for Trap {
    fn from(v: Value) -> Trap {
        Trap::Panic(v)
    }
}

pub(crate) type Res<T> = Result<T, Trap>;

/// What the dispatch loop does after an instruction.
enum Flow {
    Next,
    Jump(Pc),
    /// Frames changed: reload the current frame.
    Reload,
    Stop(Effect),
}

/// The message of Go's nil dereference runtime error.
pub const NIL_DEREF: &str = "invalid memory address or nil pointer dereference";

/// Go's signal line printed after a nil-dereference panic (the pc is a fixed fake address).
pub const SIGSEGV_LINE: &str = "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]";

/// A `runtime.errorString` panic value: its Error() is "runtime error: " + msg.
pub fn runtime_error(msg: &str) -> Value {
    Value::iface(builtin::RUNTIME_ERROR_STRING, Value::str(msg))
}

fn bounds_error(msg: String) -> Trap {
    Trap::Panic(Value::iface(
        builtin::RUNTIME_BOUNDS_ERROR,
        Value::Str(GoStr::from(msg)),
    ))
}

fn nil_deref() -> Trap {
    Trap::Panic(runtime_error(NIL_DEREF))
}

fn invalid(msg: impl Into<String>) -> Trap {
    Trap::Fatal(Fatal {
        preamble: vec![],
        message: format!("invalid program: {}", msg.into()),
    })
}

fn index_error(i: i64, len: usize) -> Trap {
    if i < 0 {
        bounds_error(format!("index out of range [{i}]"))
    } else {
        bounds_error(format!("index out of range [{i}] with length {len}"))
    }
}

/// Heap object and slot range helpers.
pub(crate) fn load_slots(
    heap: &Heap,
    types: &Types,
    obj: ObjId,
    slot: u32,
    ty: TypeId,
) -> Res<Value> {
    let slots = heap.slots(obj).ok_or_else(|| invalid("dangling pointer"))?;
    let s = slot as usize;
    if types.is_aggregate(ty) {
        let w = types.slots(ty) as usize;
        slots
            .get(s..s + w)
            .map(|r| Value::Agg(r.into()))
            .ok_or_else(|| invalid("pointer out of range"))
    } else {
        slots
            .get(s)
            .cloned()
            .ok_or_else(|| invalid("pointer out of range"))
    }
}

pub(crate) fn store_slots(
    heap: &mut Heap,
    types: &Types,
    obj: ObjId,
    slot: u32,
    ty: TypeId,
    v: Value,
) -> Res<()> {
    let agg = types.is_aggregate(ty);
    let w = types.slots(ty) as usize;
    let slots = heap
        .slots_mut(obj)
        .ok_or_else(|| invalid("dangling pointer"))?;
    let s = slot as usize;
    if agg {
        let src = match &v {
            Value::Agg(a) => a,
            _ => return Err(invalid("storing a non-aggregate into an aggregate")),
        };
        let dst = slots
            .get_mut(s..s + w)
            .ok_or_else(|| invalid("pointer out of range"))?;
        if src.len() != w {
            return Err(invalid("aggregate of the wrong size"));
        }
        dst.clone_from_slice(src);
    } else {
        *slots
            .get_mut(s)
            .ok_or_else(|| invalid("pointer out of range"))? = v;
    }
    Ok(())
}

/// Appends the flat slots of `v` (of type `ty`) to `out`.
fn flatten_into(types: &Types, ty: TypeId, v: Value, out: &mut Vec<Value>) {
    if types.is_aggregate(ty) {
        match v {
            Value::Agg(a) => out.extend(a.iter().cloned()),
            _ => types.push_zero_slots(ty, out),
        }
    } else {
        out.push(v);
    }
}

/// The flat slot of a struct/array value for reading.
fn agg_get(types: &Types, agg: &Value, offset: u32, ty: TypeId) -> Res<Value> {
    let a = match agg {
        Value::Agg(a) => a,
        _ => return Err(invalid("field access on a non-aggregate")),
    };
    let o = offset as usize;
    if types.is_aggregate(ty) {
        let w = types.slots(ty) as usize;
        a.get(o..o + w)
            .map(|r| Value::Agg(r.into()))
            .ok_or_else(|| invalid("field offset out of range"))
    } else {
        a.get(o)
            .cloned()
            .ok_or_else(|| invalid("field offset out of range"))
    }
}

fn agg_set(types: &Types, agg: &mut Value, offset: u32, ty: TypeId, v: Value) -> Res<()> {
    let a = match agg {
        Value::Agg(a) => a,
        _ => return Err(invalid("field store on a non-aggregate")),
    };
    let a = Rc::make_mut(a);
    let o = offset as usize;
    if types.is_aggregate(ty) {
        let w = types.slots(ty) as usize;
        let src = match &v {
            Value::Agg(s) => s,
            _ => return Err(invalid("storing a non-aggregate into an aggregate field")),
        };
        let dst = a
            .get_mut(o..o + w)
            .ok_or_else(|| invalid("field offset out of range"))?;
        if src.len() != w {
            return Err(invalid("aggregate of the wrong size"));
        }
        dst.clone_from_slice(src);
    } else {
        *a.get_mut(o)
            .ok_or_else(|| invalid("field offset out of range"))? = v;
    }
    Ok(())
}

/// Go's `nextslicecap` then `roundupsize` (runtime/slice.go `growslice`, runtime/msize.go).
pub fn grow_cap(new_len: u64, old_cap: u64, elem_size: u64, has_pointers: bool) -> u64 {
    let mut newcap = old_cap;
    let doublecap = newcap * 2;
    if new_len > doublecap {
        newcap = new_len;
    } else if old_cap < 256 {
        newcap = doublecap;
    } else {
        while newcap < new_len {
            newcap += (newcap + 3 * 256) >> 2;
        }
    }
    if elem_size == 0 {
        return new_len;
    }
    let mem = roundupsize(newcap.saturating_mul(elem_size), !has_pointers);
    mem / elem_size
}

/// Go's size classes (runtime/sizeclasses.go `class_to_size`).
const CLASS_TO_SIZE: [u16; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// Go's `roundupsize`: the size of the size class (or pages) an allocation of `size` bytes gets.
pub fn roundupsize(size: u64, noscan: bool) -> u64 {
    const MALLOC_HEADER: u64 = 8;
    const MIN_SIZE_FOR_HEADER: u64 = 512;
    if size <= 32768 - MALLOC_HEADER {
        let req = if !noscan && size > MIN_SIZE_FOR_HEADER {
            size + MALLOC_HEADER
        } else {
            size
        };
        let class = CLASS_TO_SIZE
            .iter()
            .find(|&&c| c as u64 >= req)
            .copied()
            .unwrap_or(32768) as u64;
        return class - (req - size);
    }
    let page = 8192;
    size.div_ceil(page) * page
}

/// Upper bound on slots of one allocation (host memory limit).
const MAX_ALLOC_SLOTS: u64 = 1 << 24;

/// Upper bound on the length of one string in bytes (host memory limit).
pub const MAX_STRING_BYTES: usize = 1 << 27;

impl GoStack {
    /// Executes until an [`Effect`] (see the module docs).
    pub fn run(&mut self, ctx: &mut ExecContext<'_>) -> Effect {
        // Not completed: the op's instruction runs again (and re-issues the op).
        self.pending = Pending::NONE;
        if let Some(v) = self.raised.take() {
            if let Some(e) = self.start_panic(ctx, *v) {
                return e;
            }
        }
        if self.frames.is_empty() {
            return Effect::Returned;
        }
        let mut budget = ctx.budget.max(1);
        let program = ctx.program;
        let types = &program.types;
        // Results of fused ops, made once per run: a fresh array per op cost its drop each time.
        let mut fused_out = [Value::Nil, Value::Nil];
        'frame: loop {
            let fi = self.frames.len() - 1;
            let func: &Func = &program.funcs[self.frames[fi].func.0 as usize];
            let code = &func.code[..];
            let base = self.frames[fi].base as usize;
            let mut pc = self.frames[fi].pc as usize;
            macro_rules! r {
                ($reg:expr) => {
                    self.regs[base + $reg.0 as usize]
                };
            }
            // The slow path of the current instruction (`frames[fi].pc` already saved): continue at the next
            // or a jumped-to instruction, reload the frame, return an effect, or yield its trap.
            macro_rules! slow {
                ($instr:expr) => {
                    match self.exec_slow(ctx, $instr, base) {
                        Ok(Flow::Next) => {
                            pc += 1;
                            continue;
                        }
                        Ok(Flow::Jump(t)) => {
                            pc = t as usize;
                            continue;
                        }
                        Ok(Flow::Reload) => continue 'frame,
                        Ok(Flow::Stop(e)) => {
                            ctx.budget = budget;
                            return e;
                        }
                        Err(t) => t,
                    }
                };
            }
            loop {
                if budget == 0 {
                    self.frames[fi].pc = pc as Pc;
                    ctx.budget = budget;
                    return Effect::Yield;
                }
                budget -= 1;
                let instr = &code[pc];
                // Fast paths: simple instructions advance `pc` and loop without building a `Flow`.
                let trap: Trap = match *instr {
                    Instr::Nop => {
                        pc += 1;
                        continue;
                    }
                    Instr::Move { dst, src } => {
                        let v = r!(src).clone();
                        r!(dst) = v;
                        pc += 1;
                        continue;
                    }
                    Instr::Const { dst, konst } => {
                        r!(dst) = ctx.heap.konst(konst.0).clone();
                        pc += 1;
                        continue;
                    }
                    Instr::Int { dst, value } => {
                        r!(dst) = Value::Int(value as i64);
                        pc += 1;
                        continue;
                    }
                    Instr::Zero { dst, ty } => {
                        r!(dst) = types.zero(ty);
                        pc += 1;
                        continue;
                    }
                    Instr::Binary {
                        op,
                        kind,
                        dst,
                        lhs,
                        rhs,
                    } => {
                        // Integer operators that cannot trap write straight to `dst` (the hot path of
                        // loops); the rest go through `Res`.
                        if let (Value::Int(a), Value::Int(b)) = (&r!(lhs), &r!(rhs)) {
                            if kind == NumKind::Int {
                                if let Some(v) = int64_arith(op, *a, *b) {
                                    set_int(&mut r!(dst), v);
                                    pc += 1;
                                    continue;
                                }
                            }
                            if kind.is_int() {
                                if let Some(v) = fast_int_binop(op, kind, *a, *b) {
                                    r!(dst) = v;
                                    pc += 1;
                                    continue;
                                }
                            }
                        }
                        let res = match (&r!(lhs), &r!(rhs)) {
                            (Value::Int(a), Value::Int(b)) if kind.is_int() => {
                                int_binop(op, kind, *a, *b)
                            }
                            (a, b) => other_binop(op, kind, a, b),
                        };
                        match res {
                            Ok(v) => {
                                r!(dst) = v;
                                pc += 1;
                                continue;
                            }
                            Err(t) => t,
                        }
                    }
                    Instr::BinaryImm {
                        op,
                        kind,
                        dst,
                        lhs,
                        imm,
                    } => {
                        let b = imm as i64;
                        if let (NumKind::Int, Value::Int(a)) = (kind, &r!(lhs)) {
                            if let Some(v) = int64_arith(op, *a, b) {
                                set_int(&mut r!(dst), v);
                                pc += 1;
                                continue;
                            }
                        }
                        let res = match &r!(lhs) {
                            Value::Int(a) => match fast_int_binop(op, kind, *a, b) {
                                Some(v) => {
                                    r!(dst) = v;
                                    pc += 1;
                                    continue;
                                }
                                None => int_binop(op, kind, *a, b),
                            },
                            a => other_binop(op, kind, a, &Value::Int(b)),
                        };
                        match res {
                            Ok(v) => {
                                r!(dst) = v;
                                pc += 1;
                                continue;
                            }
                            Err(t) => t,
                        }
                    }
                    Instr::BinaryConst {
                        op,
                        kind,
                        dst,
                        lhs,
                        konst,
                    } => {
                        let b = ctx.heap.konst(konst.0);
                        if let (NumKind::Int, Value::Int(a), Value::Int(b)) = (kind, &r!(lhs), b) {
                            if let Some(v) = int64_arith(op, *a, *b) {
                                set_int(&mut r!(dst), v);
                                pc += 1;
                                continue;
                            }
                        }
                        let res = match (&r!(lhs), b) {
                            (Value::Int(a), Value::Int(b)) => {
                                match fast_int_binop(op, kind, *a, *b) {
                                    Some(v) => {
                                        r!(dst) = v;
                                        pc += 1;
                                        continue;
                                    }
                                    None => int_binop(op, kind, *a, *b),
                                }
                            }
                            (a, b) => other_binop(op, kind, a, b),
                        };
                        match res {
                            Ok(v) => {
                                r!(dst) = v;
                                pc += 1;
                                continue;
                            }
                            Err(t) => t,
                        }
                    }
                    Instr::Unary { op, kind, dst, src } => {
                        let v = unop(op, kind, &r!(src));
                        r!(dst) = v;
                        pc += 1;
                        continue;
                    }
                    Instr::Convert { dst, src, from, to } => {
                        let v = convert(&r!(src), from, to);
                        r!(dst) = v;
                        pc += 1;
                        continue;
                    }
                    Instr::Eq { dst, lhs, rhs } | Instr::Ne { dst, lhs, rhs } => {
                        match go_equal(&r!(lhs), &r!(rhs), types) {
                            Ok(eq) => {
                                r!(dst) = Value::Bool(eq == matches!(*instr, Instr::Eq { .. }));
                                pc += 1;
                                continue;
                            }
                            Err(u) => Trap::Panic(runtime_error(&format!(
                                "comparing uncomparable type {}",
                                types.name(u.0)
                            ))),
                        }
                    }
                    Instr::JumpIf { cond, target } => {
                        pc = if r!(cond).as_bool() {
                            target as usize
                        } else {
                            pc + 1
                        };
                        continue;
                    }
                    Instr::JumpIfNot { cond, target } => {
                        pc = if r!(cond).as_bool() {
                            pc + 1
                        } else {
                            target as usize
                        };
                        continue;
                    }
                    Instr::Jump { target } => {
                        pc = target as usize;
                        continue;
                    }
                    Instr::CmpImmJumpIfNot {
                        op,
                        kind,
                        dst,
                        lhs,
                        imm,
                        target,
                    } => match r!(lhs) {
                        Value::Int(a) => {
                            let holds = int_compare(op, kind, a, imm as i64);
                            set_bool(&mut r!(dst), holds);
                            pc = if holds { pc + 2 } else { target as usize };
                            continue;
                        }
                        _ => invalid("fused comparison of a non-integer"),
                    },
                    Instr::CmpJumpIfNot {
                        op,
                        kind,
                        dst,
                        lhs,
                        rhs,
                        target,
                    } => match (&r!(lhs), &r!(rhs)) {
                        (&Value::Int(a), &Value::Int(b)) => {
                            let holds = int_compare(op, kind, a, b);
                            set_bool(&mut r!(dst), holds);
                            pc = if holds { pc + 2 } else { target as usize };
                            continue;
                        }
                        _ => invalid("fused comparison of a non-integer"),
                    },
                    Instr::Call {
                        func: callee,
                        args,
                        dst: _,
                    } => {
                        self.frames[fi].pc = pc as Pc;
                        match self.push_frame(
                            ctx,
                            callee,
                            None,
                            base + args.0 as usize,
                            None,
                            FrameKind::Call,
                        ) {
                            Ok(()) => continue 'frame,
                            Err(t) => t,
                        }
                    }
                    // Scalar loads and stores through a pointer (captured variables, fields): the common case
                    // without `exec_slow`; aggregates and errors take the slow path.
                    Instr::Load { dst, ptr, ty } | Instr::LoadField { dst, ptr, ty, .. }
                        if !types.is_aggregate(ty) =>
                    {
                        let offset = match *instr {
                            Instr::LoadField { offset, .. } => offset,
                            _ => 0,
                        };
                        if let Value::Ptr(p) = r!(ptr) {
                            let v = ctx
                                .heap
                                .slots(p.obj)
                                .and_then(|s| s.get(p.slot as usize + offset as usize));
                            if let Some(v) = v {
                                let v = v.clone();
                                r!(dst) = v;
                                pc += 1;
                                continue;
                            }
                        }
                        self.frames[fi].pc = pc as Pc;
                        slow!(*instr)
                    }
                    Instr::Store { ptr, src, ty } | Instr::StoreField { ptr, src, ty, .. }
                        if !types.is_aggregate(ty) =>
                    {
                        let offset = match *instr {
                            Instr::StoreField { offset, .. } => offset,
                            _ => 0,
                        };
                        if let Value::Ptr(p) = r!(ptr) {
                            let v = r!(src).clone();
                            if let Some(slot) = ctx
                                .heap
                                .slots_mut(p.obj)
                                .and_then(|s| s.get_mut(p.slot as usize + offset as usize))
                            {
                                *slot = v;
                                pc += 1;
                                continue;
                            }
                        }
                        self.frames[fi].pc = pc as Pc;
                        slow!(*instr)
                    }
                    Instr::Runtime { op, args, ty, dst } => {
                        // Every channel and sync operation: kept out of `exec_slow` (hot in pipes and
                        // contended mutexes).
                        let start = base + args.0 as usize;
                        match self.regs.get(start..start + op.arity()) {
                            Some(vals) => {
                                if let Some(f) = ctx.fuse.as_mut() {
                                    let used = f.step_budget.saturating_sub(budget);
                                    let out = &mut fused_out;
                                    let done = f.steps < f.max_steps
                                        && f.slice_left > used
                                        && !ctx.heap.should_collect();
                                    let done = done
                                        .then(|| f.ops.try_op(ctx.heap, op, vals, out))
                                        .flatten();
                                    if let Some(n) = done {
                                        let at = base + dst.0 as usize;
                                        let n = n.min(op.results());
                                        if let Some(slots) = self.regs.get_mut(at..at + n) {
                                            // By reference: consuming `out` costs an array
                                            // iterator's drop on every fused op.
                                            for (slot, v) in slots.iter_mut().zip(out.iter_mut()) {
                                                *slot = std::mem::replace(v, Value::Nil);
                                            }
                                        }
                                        f.slice_left -= used;
                                        f.steps += 1;
                                        budget = f.slice_left.min(f.step_instructions).max(1);
                                        f.step_budget = budget;
                                        pc += 1;
                                        continue;
                                    }
                                }
                                let a = OpArgs::from_slice(vals);
                                self.frames[fi].pc = pc as Pc;
                                self.pending = Pending::new(dst, op.results() as u8);
                                ctx.budget = budget;
                                return Effect::Runtime(RuntimeOp::Call {
                                    code: op,
                                    args: a,
                                    ty,
                                });
                            }
                            None => invalid("runtime op arguments out of range"),
                        }
                    }
                    Instr::Return { src, count } if !self.has_defer(fi) => {
                        self.frames[fi].pc = pc as Pc;
                        match self.do_return(ctx, src, count as usize) {
                            Ok(Flow::Stop(e)) => {
                                ctx.budget = budget;
                                return e;
                            }
                            Ok(_) => continue 'frame,
                            Err(t) => t,
                        }
                    }
                    _ => {
                        self.frames[fi].pc = pc as Pc;
                        if ctx.heap.slots_in_use() > ctx.limits.max_heap_slots {
                            // The heap limit: `requested` is the number of values in use.
                            ctx.budget = budget;
                            return Effect::LimitReached(LimitReached::Allocation {
                                requested: ctx.heap.slots_in_use(),
                            });
                        }
                        slow!(*instr)
                    }
                };
                self.frames[fi].pc = pc as Pc;
                match self.trap(ctx, trap) {
                    Some(e) => {
                        ctx.budget = budget;
                        return e;
                    }
                    None => continue 'frame,
                }
            }
        }
    }

    /// Handles a trap at the current instruction. Returns an effect if the goroutine stops.
    fn trap(&mut self, ctx: &mut ExecContext<'_>, trap: Trap) -> Option<Effect> {
        match trap {
            Trap::Panic(v) => self.start_panic(ctx, v),
            Trap::Fatal(f) => Some(Effect::Fatal(f)),
            Trap::Limit(l) => Some(Effect::LimitReached(l)),
        }
    }

    /// Completes the pending runtime operation: writes `results` to its destination registers and advances
    /// past it. `results.len()` should be the op's result count (`RtCode::results()`, 0 for `Go`, 3 for `Select`);
    /// extra values are ignored and missing ones are `Nil`.
    pub fn complete(&mut self, results: &[Value]) {
        let Some((dst, n)) = std::mem::replace(&mut self.pending, Pending::NONE).get() else {
            return;
        };
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        let base = frame.base as usize;
        frame.pc += 1;
        for i in 0..n as usize {
            let v = results.get(i).cloned().unwrap_or(Value::Nil);
            if let Some(slot) = self.regs.get_mut(base + dst.0 as usize + i) {
                *slot = v;
            }
        }
    }

    /// Whether a runtime operation is waiting for `complete` (or `raise_panic`).
    pub fn is_pending(&self) -> bool {
        self.pending != Pending::NONE
    }

    /// Raises a Go panic with `value` in this goroutine at the pending instruction (e.g. "send on closed channel":
    /// use [`plain_error`]). Deferred calls run at the next `run`, as in Go.
    pub fn raise_panic(&mut self, value: Value) {
        self.pending = Pending::NONE;
        self.raised = Some(Box::new(value));
    }

    /// Pushes a frame for `func`, copying its parameters from `regs[args_at..]` (or from `args` if given).
    fn push_frame(
        &mut self,
        ctx: &ExecContext<'_>,
        callee: FuncId,
        env: Option<ObjId>,
        args_at: usize,
        args: Option<Vec<Value>>,
        kind: FrameKind,
    ) -> Res<()> {
        let f = ctx
            .program
            .funcs
            .get(callee.0 as usize)
            .ok_or_else(|| invalid("call of an unknown function"))?;
        let bytes = frame_bytes(f.regs);
        let too_deep = self.frames.len() as u32 >= ctx.limits.max_frames;
        if too_deep && ctx.limits.on_max_frames == FrameLimit::Report {
            return Err(Trap::Limit(LimitReached::StackFrames {
                max_frames: ctx.limits.max_frames,
            }));
        }
        let total = u64::from(self.stack_bytes) + bytes;
        if too_deep || total > ctx.limits.max_stack_bytes || total > u64::from(u32::MAX) {
            return Err(Trap::Fatal(stack_overflow(ctx.limits.max_stack_bytes)));
        }
        let new_base = self.regs.len();
        let n = f.params as usize;
        self.regs.reserve(f.regs as usize);
        match args {
            Some(vals) => {
                let mut it = vals.into_iter();
                for _ in 0..n {
                    self.regs.push(it.next().unwrap_or(Value::Nil));
                }
            }
            None => {
                if args_at + n > new_base {
                    return Err(invalid("call arguments out of the caller's window"));
                }
                self.regs.extend_from_within(args_at..args_at + n);
            }
        }
        self.regs.resize(new_base + f.regs as usize, Value::Nil);
        self.stack_bytes = total as u32;
        self.frames.push(Frame {
            func: callee,
            pc: 0,
            base: new_base as u32,
            env,
            kind,
        });
        Ok(())
    }

    /// Pops the top frame (its registers too).
    fn pop_frame(&mut self, ctx: &ExecContext<'_>) -> Option<Frame> {
        let fr = self.frames.pop()?;
        self.regs.truncate(fr.base as usize);
        self.stack_bytes = self
            .stack_bytes
            .saturating_sub(frame_bytes(ctx.program.func(fr.func).regs) as u32);
        Some(fr)
    }

    /// Index of the innermost frame.
    fn top(&self) -> usize {
        self.frames.len() - 1
    }

    /// Whether frame `i` has a pending deferred call.
    fn has_defer(&self, i: usize) -> bool {
        self.defers.last().is_some_and(|d| d.frame as usize == i)
    }

    /// Calls a deferred record as a new frame of `kind`.
    fn call_deferred(
        &mut self,
        ctx: &ExecContext<'_>,
        rec: DeferRecord,
        kind: FrameKind,
    ) -> Res<()> {
        match rec.callee {
            Value::Func(fv) => self.push_frame(ctx, fv.func, fv.env, 0, Some(rec.args), kind),
            _ => Err(nil_deref()),
        }
    }

    /// Returns from the top frame with results `regs[src..src+count]` of that frame.
    fn do_return(&mut self, ctx: &mut ExecContext<'_>, src: Reg, count: usize) -> Res<Flow> {
        let top = self.top();
        let fr = self.frames[top];
        match fr.kind {
            FrameKind::Entry => {
                self.pop_frame(ctx);
                self.frames.clear();
                self.regs.clear();
                Ok(Flow::Stop(Effect::Returned))
            }
            FrameKind::Call => {
                let caller = &self.frames[top - 1];
                let cf = ctx.program.func(caller.func);
                let dst = match cf.code[caller.pc as usize] {
                    Instr::Call { dst, .. }
                    | Instr::CallValue { dst, .. }
                    | Instr::CallMethod { dst, .. } => dst,
                    _ => return Err(invalid("return to a non-call instruction")),
                };
                let cbase = caller.base as usize;
                for i in 0..count {
                    let v = std::mem::take(&mut self.regs[fr.base as usize + src.0 as usize + i]);
                    self.regs[cbase + dst.0 as usize + i] = v;
                }
                self.pop_frame(ctx);
                self.frames[top - 1].pc += 1;
                Ok(Flow::Reload)
            }
            FrameKind::DeferredReturn => {
                self.pop_frame(ctx);
                Ok(Flow::Reload)
            }
            FrameKind::DeferredPanic | FrameKind::DeferredGoexit => {
                self.pop_frame(ctx);
                let idx = top as u32;
                let Some(p) = self
                    .panics
                    .iter_mut()
                    .rev()
                    .find(|p| p.defer_frame == Some(idx))
                else {
                    return Ok(Flow::Reload);
                };
                p.defer_frame = None;
                if p.recovered {
                    self.recover_at(ctx)
                } else {
                    match self.unwind(ctx) {
                        Some(e) => Ok(Flow::Stop(e)),
                        None => Ok(Flow::Reload),
                    }
                }
            }
            FrameKind::DeferredRecovered => {
                self.pop_frame(ctx);
                self.return_zero(ctx)
            }
            FrameKind::Callback => {
                let v = std::mem::take(&mut self.regs[fr.base as usize + src.0 as usize]);
                self.pop_frame(ctx);
                let s = match v {
                    Value::Str(s) => s,
                    _ => GoStr::EMPTY,
                };
                if let Some(c) = self.conts.last_mut() {
                    Rc::make_mut(c).results.push(s);
                }
                self.resume_cont(ctx)
            }
        }
    }

    /// After a recovery with no `recover_pc`: run the top frame's remaining defers, then return zero values.
    fn return_zero(&mut self, ctx: &mut ExecContext<'_>) -> Res<Flow> {
        let top = self.top();
        if self.has_defer(top) {
            let rec = self.defers.pop().expect("checked");
            self.call_deferred(ctx, rec, FrameKind::DeferredRecovered)?;
            return Ok(Flow::Reload);
        }
        let f = ctx.program.func(self.frames[top].func);
        let base = self.frames[top].base as usize;
        let n = f.results as usize;
        for (i, t) in f.result_types.iter().enumerate().take(n) {
            self.regs[base + i] = ctx.program.types.zero(*t);
        }
        self.do_return(ctx, Reg(0), n)
    }

    /// Starts a panic (or continues unwinding). Returns an effect if the goroutine stops.
    fn start_panic(&mut self, ctx: &mut ExecContext<'_>, value: Value) -> Option<Effect> {
        let value = if value.is_nil() {
            let obj = ctx.heap.alloc(Object::Slots(vec![Value::str(
                "panic called with nil argument",
            )]));
            Value::iface(
                builtin::PTR_RUNTIME_PANIC_NIL_ERROR,
                Value::Ptr(Ptr { obj, slot: 0 }),
            )
        } else {
            value
        };
        if self.frames.is_empty() {
            return Some(Effect::Returned);
        }
        self.panics.push(PanicRecord {
            value,
            recovered: false,
            aborted: false,
            defer_frame: None,
            goexit: false,
            cursor: self.top() as u32,
        });
        self.unwind(ctx)
    }

    /// Runs the next deferred call for the newest panic, or finishes. Returns an effect if the goroutine stops.
    fn unwind(&mut self, ctx: &mut ExecContext<'_>) -> Option<Effect> {
        loop {
            let p = self.panics.last()?;
            let cursor = p.cursor as usize;
            let goexit = p.goexit;
            if self.has_defer(cursor) {
                let rec = self.defers.pop().expect("checked");
                let new_index = self.frames.len() as u32;
                let kind = if goexit {
                    FrameKind::DeferredGoexit
                } else {
                    FrameKind::DeferredPanic
                };
                match self.call_deferred(ctx, rec, kind) {
                    Ok(()) => {
                        self.panics.last_mut().expect("exists").defer_frame = Some(new_index);
                        return None;
                    }
                    Err(Trap::Panic(v)) => {
                        // A nil deferred func: a new panic starting in the frame being unwound.
                        self.panics.push(PanicRecord {
                            value: v,
                            recovered: false,
                            aborted: false,
                            defer_frame: None,
                            goexit: false,
                            cursor: cursor as u32,
                        });
                        continue;
                    }
                    Err(Trap::Fatal(f)) => return Some(Effect::Fatal(f)),
                    Err(Trap::Limit(l)) => return Some(Effect::LimitReached(l)),
                }
            }
            // Passing frame `cursor`: a deferred call running for an older panic is abandoned.
            let kind = self.frames[cursor].kind;
            if matches!(kind, FrameKind::DeferredPanic | FrameKind::DeferredGoexit) {
                let n = self.panics.len();
                for q in &mut self.panics[..n - 1] {
                    if q.defer_frame == Some(cursor as u32) {
                        q.aborted = true;
                        q.defer_frame = None;
                    }
                }
            }
            if kind == FrameKind::Callback && !goexit {
                // fmt recovers panics of String/Error methods (fmt/print.go catchPanic).
                return self.callback_panicked(ctx, cursor);
            }
            if cursor == 0 {
                return Some(self.finish_unwind(ctx));
            }
            self.panics.last_mut().expect("exists").cursor = cursor as u32 - 1;
        }
    }

    /// All deferred calls ran for the newest panic/Goexit and nothing recovered it.
    fn finish_unwind(&mut self, ctx: &mut ExecContext<'_>) -> Effect {
        let goexit = self.panics.last().is_some_and(|p| p.goexit);
        if goexit {
            while self.pop_frame(ctx).is_some() {}
            self.panics.clear();
            self.defers.clear();
            return Effect::Goexited;
        }
        let values: Vec<Value> = self
            .panics
            .iter()
            .filter(|p| !p.goexit)
            .map(|p| p.value.clone())
            .collect();
        let job = Job::PanicPrint { values };
        self.start_job(ctx, job).unwrap_or_else(|t| match t {
            Trap::Fatal(f) => Effect::Fatal(f),
            Trap::Limit(l) => Effect::LimitReached(l),
            Trap::Panic(_) => Effect::Fatal(Fatal {
                preamble: vec![],
                message: "panic while printing panic value".into(),
            }),
        })
    }

    /// A recovery: the newest panic was recovered by a deferred call of frame `cursor`, which now returns normally.
    fn recover_at(&mut self, ctx: &mut ExecContext<'_>) -> Res<Flow> {
        let p = self.panics.pop().expect("recovered panic");
        self.panics.retain(|q| !q.aborted);
        let k = p.cursor as usize;
        while self.frames.len() > k + 1 {
            self.pop_frame(ctx);
        }
        self.defers.retain(|d| (d.frame as usize) <= k);
        let f = ctx.program.func(self.frames[k].func);
        match f.recover_pc {
            Some(pc) => {
                self.frames[k].pc = pc;
                Ok(Flow::Reload)
            }
            None => self.return_zero(ctx),
        }
    }

    /// A panic reached a `Callback` frame: fmt prints it in place of the method's result.
    fn callback_panicked(&mut self, ctx: &mut ExecContext<'_>, cursor: usize) -> Option<Effect> {
        let p = self.panics.pop().expect("panic");
        self.panics.retain(|q| !q.aborted);
        while self.frames.len() > cursor {
            self.pop_frame(ctx);
        }
        self.defers.retain(|d| (d.frame as usize) < cursor);
        let Some(c) = self.conts.last_mut() else {
            return Some(Effect::Returned);
        };
        let c = Rc::make_mut(c);
        let idx = c.results.len();
        let text = match c.calls.get(idx) {
            Some(call) => {
                crate::fmt::method_panic_text(call, &p.value, &ctx.program.types, ctx.heap)
            }
            None => String::new(),
        };
        c.results.push(GoStr::from(text));
        match self.resume_cont(ctx) {
            Ok(Flow::Stop(e)) => Some(e),
            Ok(_) => None,
            Err(t) => self.trap(ctx, t),
        }
    }

    /// Starts a formatting job: runs it at once if it needs no Go method calls, else pushes a continuation.
    fn start_job(&mut self, ctx: &mut ExecContext<'_>, job: Job) -> Res<Effect> {
        self.conts.push(Rc::new(Continuation {
            job,
            calls: Vec::new(),
            results: Vec::new(),
        }));
        match self.resume_cont(ctx)? {
            Flow::Stop(e) => Ok(e),
            _ => Ok(Effect::Yield),
        }
    }

    /// Advances the newest continuation: calls its next method, or finishes its job.
    fn resume_cont(&mut self, ctx: &mut ExecContext<'_>) -> Res<Flow> {
        let Some(c) = self.conts.last() else {
            return Ok(Flow::Reload);
        };
        if c.calls.is_empty() || c.results.len() == c.calls.len() {
            // (Re)run the formatting pass with the results so far.
            match crate::fmt::run_job(
                &c.job,
                &c.results,
                &ctx.program.types,
                ctx.heap,
                ctx.program,
            ) {
                Ok(done) => {
                    let c = self.conts.pop().expect("exists");
                    return self.finish_job(ctx, &c.job, done);
                }
                Err(calls) => {
                    let c = Rc::make_mut(self.conts.last_mut().expect("exists"));
                    if !c.calls.is_empty() {
                        return Err(invalid(
                            "formatting asked for different method calls in its second pass",
                        ));
                    }
                    c.calls = calls;
                }
            }
        }
        let c = self.conts.last().expect("exists");
        let call = c.calls[c.results.len()].clone();
        self.call_method_for_cont(ctx, call)
    }

    /// Calls `call.method` on `call.recv` as a `Callback` frame (or answers at once for builtin methods).
    fn call_method_for_cont(&mut self, ctx: &mut ExecContext<'_>, call: MethodCall) -> Res<Flow> {
        let types = &ctx.program.types;
        let Value::Iface(iface) = &call.recv else {
            return self.cont_result(ctx, GoStr::from("<nil>"));
        };
        let Some(m) = types.method(iface.ty, call.method) else {
            return self.cont_result(ctx, GoStr::from("<nil>"));
        };
        match m.imp {
            MethodImpl::Builtin(b) => {
                let v = call_builtin_method(b, &iface.value, types, ctx.heap)?;
                let s = match v {
                    Value::Str(s) => s,
                    _ => GoStr::EMPTY,
                };
                self.cont_result(ctx, s)
            }
            MethodImpl::Func { func, receiver } => {
                let recv = match receiver {
                    Receiver::AsIs => iface.value.clone(),
                    Receiver::Deref => match &iface.value {
                        Value::Ptr(p) => {
                            let elem = types
                                .elem(iface.ty)
                                .ok_or_else(|| invalid("Deref receiver of a non-pointer"))?;
                            load_slots(ctx.heap, types, p.obj, p.slot, elem)?
                        }
                        // fmt prints <nil> for a nil pointer whose value method would panic.
                        _ => return self.cont_result(ctx, GoStr::from("<nil>")),
                    },
                };
                self.push_frame(ctx, func, None, 0, Some(vec![recv]), FrameKind::Callback)?;
                Ok(Flow::Reload)
            }
        }
    }

    fn cont_result(&mut self, ctx: &mut ExecContext<'_>, s: GoStr) -> Res<Flow> {
        if let Some(c) = self.conts.last_mut() {
            Rc::make_mut(c).results.push(s);
        }
        self.resume_cont(ctx)
    }

    /// Delivers a finished formatting job.
    fn finish_job(
        &mut self,
        ctx: &mut ExecContext<'_>,
        job: &Job,
        done: crate::fmt::Done,
    ) -> Res<Flow> {
        match job {
            Job::PanicPrint { .. } => {
                let chain: Vec<PanicLine> = self
                    .panics
                    .iter()
                    .filter(|p| !p.goexit)
                    .zip(done.texts)
                    .map(|(p, text)| PanicLine {
                        text,
                        recovered: p.recovered,
                    })
                    .collect();
                let value = self
                    .panics
                    .last()
                    .map(|p| p.value.clone())
                    .unwrap_or_default();
                let signal = match &value {
                    Value::Iface(i)
                        if i.ty == builtin::RUNTIME_ERROR_STRING
                            && i.value.as_str() == NIL_DEREF.as_bytes() =>
                    {
                        Some(SIGSEGV_LINE.to_string())
                    }
                    _ => None,
                };
                Ok(Flow::Stop(Effect::Panicked(GoPanic {
                    chain,
                    signal,
                    value,
                })))
            }
            Job::Fmt { op, .. } => {
                let top = self.top();
                let fr = &self.frames[top];
                let dst = match ctx.program.func(fr.func).code[fr.pc as usize] {
                    Instr::Fmt { dst, .. } => dst,
                    _ => return Err(invalid("fmt result delivered to a non-fmt instruction")),
                };
                let base = fr.base as usize + dst.0 as usize;
                let n = done.bytes.len() as i64;
                match op {
                    FmtOp::Print(stream) | FmtOp::Println(stream) | FmtOp::Printf(stream) => {
                        ctx.output.push(Output {
                            stream: *stream,
                            bytes: done.bytes,
                        });
                        self.regs[base] = Value::Int(n);
                        self.regs[base + 1] = Value::Nil;
                    }
                    FmtOp::Sprint | FmtOp::Sprintln | FmtOp::Sprintf => {
                        self.regs[base] = Value::Str(GoStr::from_vec(done.bytes));
                    }
                    FmtOp::Errorf => {
                        let msg = Value::Str(GoStr::from_vec(done.bytes));
                        let v = match done.wrapped.len() {
                            0 => {
                                let obj = ctx.heap.alloc(Object::Slots(vec![msg]));
                                Value::iface(
                                    builtin::PTR_ERRORS_ERROR_STRING,
                                    Value::Ptr(Ptr { obj, slot: 0 }),
                                )
                            }
                            1 => {
                                let obj = ctx
                                    .heap
                                    .alloc(Object::Slots(vec![msg, done.wrapped[0].clone()]));
                                Value::iface(
                                    builtin::PTR_FMT_WRAP_ERROR,
                                    Value::Ptr(Ptr { obj, slot: 0 }),
                                )
                            }
                            _ => {
                                let errs = alloc_slice(ctx.heap, done.wrapped);
                                let obj = ctx.heap.alloc(Object::Slots(vec![msg, errs]));
                                Value::iface(
                                    builtin::PTR_FMT_WRAP_ERRORS,
                                    Value::Ptr(Ptr { obj, slot: 0 }),
                                )
                            }
                        };
                        self.regs[base] = v;
                    }
                }
                self.frames[top].pc += 1;
                Ok(Flow::Reload)
            }
        }
    }

    /// The less common instructions (everything except the hottest few, which `run` handles inline).
    fn exec_slow(&mut self, ctx: &mut ExecContext<'_>, instr: Instr, base: usize) -> Res<Flow> {
        let program = ctx.program;
        let types = &program.types;
        macro_rules! r {
            ($reg:expr) => {
                self.regs[base + $reg.0 as usize]
            };
        }
        match instr {
            Instr::StrIndex { dst, src, index } => {
                let i = r!(index).as_int();
                let s = r!(src).as_str();
                if i < 0 || i as usize >= s.len() {
                    return Err(index_error(i, s.len()));
                }
                let b = s[i as usize];
                r!(dst) = Value::Int(b as i64);
            }
            Instr::DecodeRune { dst, src, index } => {
                let i = r!(index).as_int().max(0) as usize;
                let (rune, width) = decode_rune(&r!(src).as_str()[i.min(r!(src).as_str().len())..]);
                r!(dst) = Value::Int(rune as i64);
                r!(dst.offset(1)) = Value::Int((i + width) as i64);
            }
            Instr::StrConv { op, dst, src } => {
                let s = r!(src).clone();
                let v = self.str_conv(ctx, op, &s)?;
                r!(dst) = v;
            }
            Instr::Slice {
                dst,
                src,
                lo,
                hi,
                max,
                ty,
            } => {
                let get = |reg: Reg, regs: &[Value]| -> Option<i64> {
                    (reg != Reg::NONE).then(|| regs[base + reg.0 as usize].as_int())
                };
                let (lo, hi, max) = (
                    get(lo, &self.regs),
                    get(hi, &self.regs),
                    get(max, &self.regs),
                );
                let v = slice_expr(ctx.heap, types, &r!(src), lo, hi, max, ty)?;
                r!(dst) = v;
            }
            Instr::MakeAgg {
                dst,
                ty,
                src,
                count,
            } => {
                let mut out = Vec::with_capacity(types.slots(ty) as usize);
                let field_tys: Vec<TypeId> = match types.kind(ty) {
                    TypeKind::Struct { fields } => fields.iter().map(|f| f.ty).collect(),
                    TypeKind::Array { elem, len } => vec![*elem; *len as usize],
                    _ => return Err(invalid("MakeAgg of a non-aggregate")),
                };
                for (i, fty) in field_tys.iter().enumerate() {
                    if i < count as usize {
                        flatten_into(types, *fty, r!(src.offset(i)).clone(), &mut out);
                    } else {
                        types.push_zero_slots(*fty, &mut out);
                    }
                }
                r!(dst) = Value::Agg(out.into());
            }
            Instr::GetField {
                dst,
                src,
                offset,
                ty,
            } => {
                let v = agg_get(types, &r!(src), offset, ty)?;
                r!(dst) = v;
            }
            Instr::SetField {
                dst,
                offset,
                src,
                ty,
            } => {
                let v = r!(src).clone();
                agg_set(types, &mut r!(dst), offset, ty, v)?;
            }
            Instr::IndexAgg {
                dst,
                src,
                index,
                ty,
            } => {
                let (elem, len) = array_info(types, ty)?;
                let i = r!(index).as_int();
                if i < 0 || i >= len as i64 {
                    return Err(index_error(i, len as usize));
                }
                let v = agg_get(types, &r!(src), i as u32 * types.slots(elem), elem)?;
                r!(dst) = v;
            }
            Instr::SetIndexAgg {
                dst,
                index,
                src,
                ty,
            } => {
                let (elem, len) = array_info(types, ty)?;
                let i = r!(index).as_int();
                if i < 0 || i >= len as i64 {
                    return Err(index_error(i, len as usize));
                }
                let v = r!(src).clone();
                agg_set(types, &mut r!(dst), i as u32 * types.slots(elem), elem, v)?;
            }
            Instr::New { dst, ty } => {
                let mut slots = Vec::with_capacity(types.slots(ty) as usize);
                types.push_zero_slots(ty, &mut slots);
                let obj = ctx.heap.alloc(Object::Slots(slots));
                r!(dst) = Value::Ptr(Ptr { obj, slot: 0 });
            }
            Instr::Box { dst, src, ty } => {
                let mut slots = Vec::with_capacity(types.slots(ty) as usize);
                flatten_into(types, ty, r!(src).clone(), &mut slots);
                let obj = ctx.heap.alloc(Object::Slots(slots));
                r!(dst) = Value::Ptr(Ptr { obj, slot: 0 });
            }
            Instr::Load { dst, ptr, ty } => {
                let p = as_ptr(&r!(ptr))?;
                let v = load_slots(ctx.heap, types, p.obj, p.slot, ty)?;
                r!(dst) = v;
            }
            Instr::Store { ptr, src, ty } => {
                let p = as_ptr(&r!(ptr))?;
                let v = r!(src).clone();
                store_slots(ctx.heap, types, p.obj, p.slot, ty, v)?;
            }
            Instr::FieldAddr { dst, ptr, offset } => {
                let p = as_ptr(&r!(ptr))?;
                r!(dst) = Value::Ptr(Ptr {
                    obj: p.obj,
                    slot: p.slot + offset,
                });
            }
            Instr::LoadField {
                dst,
                ptr,
                offset,
                ty,
            } => {
                let p = as_ptr(&r!(ptr))?;
                let v = load_slots(ctx.heap, types, p.obj, p.slot + offset, ty)?;
                r!(dst) = v;
            }
            Instr::StoreField {
                ptr,
                offset,
                src,
                ty,
            } => {
                let p = as_ptr(&r!(ptr))?;
                let v = r!(src).clone();
                store_slots(ctx.heap, types, p.obj, p.slot + offset, ty, v)?;
            }
            Instr::GlobalAddr { dst, offset } => {
                r!(dst) = Value::Ptr(Ptr {
                    obj: GLOBALS,
                    slot: offset,
                });
            }
            Instr::LoadGlobal { dst, offset, ty } => {
                let v = load_slots(ctx.heap, types, GLOBALS, offset, ty)?;
                r!(dst) = v;
            }
            Instr::StoreGlobal { offset, src, ty } => {
                let v = r!(src).clone();
                store_slots(ctx.heap, types, GLOBALS, offset, ty, v)?;
            }
            Instr::Index {
                dst,
                src,
                index,
                ty,
            } => {
                let (obj, slot, elem) =
                    elem_addr(ctx.heap, types, &r!(src), r!(index).as_int(), ty)?;
                let v = load_slots(ctx.heap, types, obj, slot, elem)?;
                r!(dst) = v;
            }
            Instr::SetIndex {
                dst,
                index,
                src,
                ty,
            } => {
                let (obj, slot, elem) =
                    elem_addr(ctx.heap, types, &r!(dst), r!(index).as_int(), ty)?;
                let v = r!(src).clone();
                store_slots(ctx.heap, types, obj, slot, elem, v)?;
            }
            Instr::IndexAddr {
                dst,
                src,
                index,
                ty,
            } => {
                let (obj, slot, _) = elem_addr(ctx.heap, types, &r!(src), r!(index).as_int(), ty)?;
                r!(dst) = Value::Ptr(Ptr { obj, slot });
            }
            Instr::MakeSlice { dst, len, cap, ty } => {
                let elem = types
                    .elem(ty)
                    .ok_or_else(|| invalid("MakeSlice of a non-slice"))?;
                let n = r!(len).as_int();
                let c = if cap == Reg::NONE {
                    n
                } else {
                    r!(cap).as_int()
                };
                // makeslice (runtime/slice.go): sizes in bytes against maxAlloc (1<<48 on
                // linux/amd64); a negative count is a huge uintptr.
                const MAX_ALLOC: u128 = 1 << 48;
                let size = u128::from(types.go_layout(elem).0);
                let too_big = |k: i64| k < 0 || (k as u128) * size > MAX_ALLOC;
                if too_big(c) || n < 0 || n > c {
                    let msg = if too_big(n) {
                        "makeslice: len out of range"
                    } else {
                        "makeslice: cap out of range"
                    };
                    return Err(Trap::Panic(runtime_error(msg)));
                }
                let w = types.slots(elem) as u64;
                if (c as u64).saturating_mul(w.max(1)) > MAX_ALLOC_SLOTS {
                    return Err(Trap::Limit(LimitReached::Allocation {
                        requested: c as u64,
                    }));
                }
                let mut slots = Vec::with_capacity((c as u64 * w) as usize);
                types.push_zero_slots(elem, &mut slots);
                let one = slots.len();
                for _ in 1..c {
                    slots.extend_from_within(0..one);
                }
                if c == 0 {
                    slots.clear();
                }
                let obj = ctx.heap.alloc(Object::Slots(slots));
                r!(dst) = Value::Slice(SliceRef {
                    obj,
                    offset: 0,
                    len: n as u32,
                    cap: c as u32,
                });
            }
            Instr::Append {
                dst,
                src,
                args,
                count,
                ty,
            } => {
                let vals: Vec<Value> = (0..count as usize)
                    .map(|i| r!(args.offset(i)).clone())
                    .collect();
                let v = append_values(ctx.heap, types, &r!(src), vals, ty)?;
                r!(dst) = v;
            }
            Instr::AppendSlice {
                dst,
                src,
                other,
                ty,
            } => {
                let elem = types
                    .elem(ty)
                    .ok_or_else(|| invalid("append to a non-slice"))?;
                let vals = slice_elems(ctx.heap, types, &r!(other), elem)?;
                let v = append_values(ctx.heap, types, &r!(src), vals, ty)?;
                r!(dst) = v;
            }
            Instr::Copy {
                dst,
                target,
                src,
                ty,
            } => {
                let elem = types
                    .elem(ty)
                    .ok_or_else(|| invalid("copy to a non-slice"))?;
                let n = copy_slices(ctx.heap, types, &r!(target), &r!(src), elem)?;
                r!(dst) = Value::Int(n as i64);
            }
            Instr::Len { dst, src } => {
                let n = match &r!(src) {
                    Value::Str(s) => s.len(),
                    Value::Slice(s) => s.len as usize,
                    Value::Map(m) => ctx.heap.map(*m).map_or(0, |m| m.live),
                    Value::Nil => 0,
                    _ => return Err(invalid("len of an unsupported value")),
                };
                r!(dst) = Value::Int(n as i64);
            }
            Instr::Cap { dst, src } => {
                let n = match &r!(src) {
                    Value::Slice(s) => s.cap,
                    Value::Nil => 0,
                    _ => return Err(invalid("cap of an unsupported value")),
                };
                r!(dst) = Value::Int(n as i64);
            }
            Instr::Clear { dst, ty } => match r!(dst).clone() {
                Value::Map(m) => {
                    if let Some(m) = ctx.heap.map_mut(m) {
                        m.clear();
                    }
                }
                Value::Slice(s) => {
                    let elem = types
                        .elem(ty)
                        .ok_or_else(|| invalid("clear of a non-slice"))?;
                    let mut zero = Vec::new();
                    types.push_zero_slots(elem, &mut zero);
                    let w = zero.len();
                    if let Some(slots) = ctx.heap.slots_mut(s.obj) {
                        for i in 0..s.len as usize {
                            let at = s.offset as usize + i * w;
                            if let Some(d) = slots.get_mut(at..at + w) {
                                d.clone_from_slice(&zero);
                            }
                        }
                    }
                }
                _ => {}
            },
            Instr::MakeMap { dst, ty, .. } => {
                let obj = ctx.heap.alloc(Object::Map(crate::heap::GoMap::new(ty)));
                r!(dst) = Value::Map(obj);
            }
            Instr::MapGet {
                dst,
                map,
                key,
                ty,
                form,
            } => {
                let elem = types
                    .elem(ty)
                    .ok_or_else(|| invalid("MapGet on a non-map type"))?;
                let found = match &r!(map) {
                    Value::Map(m) => {
                        let m = ctx.heap.map(*m).ok_or_else(|| invalid("dangling map"))?;
                        m.get(&r!(key), types)
                            .map_err(|u| unhashable(types, u.0))?
                            .cloned()
                    }
                    _ => {
                        // Go hashes the key even for a nil map, so unhashable keys panic there too.
                        crate::value::go_hash(&r!(key), types)
                            .map_err(|u| unhashable(types, u.0))?;
                        None
                    }
                };
                let ok = found.is_some();
                r!(dst) = found.unwrap_or_else(|| types.zero(elem));
                if form == ResultForm::CommaOk {
                    r!(dst.offset(1)) = Value::Bool(ok);
                }
            }
            Instr::MapSet { map, key, src } => {
                let k = r!(key).clone();
                let v = r!(src).clone();
                match r!(map) {
                    Value::Map(m) => {
                        let m = ctx.heap.map_mut(m).ok_or_else(|| invalid("dangling map"))?;
                        m.insert(k, v, types).map_err(|u| unhashable(types, u.0))?;
                    }
                    _ => return Err(Trap::Panic(plain_error("assignment to entry in nil map"))),
                }
            }
            Instr::MapDelete { map, key } => {
                if let Value::Map(m) = r!(map) {
                    let k = r!(key).clone();
                    if let Some(m) = ctx.heap.map_mut(m) {
                        m.remove(&k, types).map_err(|u| unhashable(types, u.0))?;
                    }
                }
            }
            Instr::MapRange { dst, map } => {
                let (map_id, mut keys) = match r!(map) {
                    Value::Map(m) => (
                        Some(m),
                        ctx.heap
                            .map(m)
                            .map(|m| m.iter().map(|(k, _)| k.clone()).collect())
                            .unwrap_or_default(),
                    ),
                    _ => (None, Vec::new()),
                };
                if keys.len() > 1 {
                    // Go starts at a random bucket and offset (runtime/map.go mapiterinit).
                    let start = ((ctx.rng)() % keys.len() as u64) as usize;
                    keys.rotate_left(start);
                }
                let obj = ctx.heap.alloc(Object::MapIter(MapIter {
                    map: map_id,
                    keys,
                    pos: 0,
                }));
                r!(dst) = Value::MapIter(obj);
            }
            Instr::MapNext { iter, dst, done } => {
                let Value::MapIter(it) = r!(iter) else {
                    return Ok(Flow::Jump(done));
                };
                loop {
                    let Some(Object::MapIter(state)) = ctx.heap.get(it) else {
                        return Ok(Flow::Jump(done));
                    };
                    let Some(key) = state.keys.get(state.pos).cloned() else {
                        return Ok(Flow::Jump(done));
                    };
                    let map = state.map;
                    if let Some(Object::MapIter(state)) = ctx.heap.get_mut(it) {
                        state.pos += 1;
                    }
                    let val = map
                        .and_then(|m| ctx.heap.map(m))
                        .and_then(|m| m.get(&key, types).ok().flatten().cloned());
                    if let Some(v) = val {
                        r!(dst) = key;
                        r!(dst.offset(1)) = v;
                        return Ok(Flow::Next);
                    }
                }
            }
            Instr::Func { dst, func } => {
                r!(dst) = Value::Func(FuncValue { func, env: None });
            }
            Instr::Closure {
                dst,
                func,
                captures,
                count,
            } => {
                let vals: Vec<Value> = (0..count as usize)
                    .map(|i| r!(captures.offset(i)).clone())
                    .collect();
                let env = ctx.heap.alloc(Object::Env(vals));
                r!(dst) = Value::Func(FuncValue {
                    func,
                    env: Some(env),
                });
            }
            Instr::Capture { dst, index } => {
                let env = self.frames[self.top()]
                    .env
                    .ok_or_else(|| invalid("Capture outside a closure"))?;
                let v = ctx
                    .heap
                    .env(env)
                    .and_then(|e| e.get(index as usize))
                    .cloned()
                    .ok_or_else(|| invalid("capture index out of range"))?;
                r!(dst) = v;
            }
            Instr::CallValue { callee, args, .. } => match r!(callee) {
                Value::Func(fv) => {
                    self.push_frame(
                        ctx,
                        fv.func,
                        fv.env,
                        base + args.0 as usize,
                        None,
                        FrameKind::Call,
                    )?;
                    return Ok(Flow::Reload);
                }
                _ => return Err(nil_deref()),
            },
            Instr::CallMethod {
                recv,
                method,
                args,
                dst,
            } => {
                let (ty, value) = match &r!(recv) {
                    Value::Iface(i) => (i.ty, i.value.clone()),
                    _ => return Err(nil_deref()),
                };
                let m = types.method(ty, method).ok_or_else(|| {
                    invalid(format!(
                        "type {} has no method {}",
                        types.name(ty),
                        types.name_str(method)
                    ))
                })?;
                match m.imp {
                    MethodImpl::Builtin(b) => {
                        let v = call_builtin_method(b, &value, types, ctx.heap)?;
                        // The RuntimeError marker has no results: leave `dst` alone.
                        if b != BuiltinMethod::RuntimeErrorMarker {
                            r!(dst) = v;
                        }
                    }
                    MethodImpl::Func { func, receiver } => {
                        let recv_val = match receiver {
                            Receiver::AsIs => value,
                            Receiver::Deref => match value {
                                Value::Ptr(p) => {
                                    let elem = types
                                        .elem(ty)
                                        .ok_or_else(|| invalid("Deref of a non-pointer"))?;
                                    load_slots(ctx.heap, types, p.obj, p.slot, elem)?
                                }
                                _ => {
                                    let elem = types.elem(ty).map(|e| types.name(e)).unwrap_or("?");
                                    let short = elem.rsplit('.').next().unwrap_or(elem);
                                    return Err(Trap::Panic(plain_error(&format!(
                                        "value method {elem}.{} called using nil *{short} pointer",
                                        types.name_str(method)
                                    ))));
                                }
                            },
                        };
                        let f = program
                            .funcs
                            .get(func.0 as usize)
                            .ok_or_else(|| invalid("bad method"))?;
                        let n = f.params.saturating_sub(1) as usize;
                        let start = base + args.0 as usize;
                        if start + n > self.regs.len() {
                            return Err(invalid("method arguments out of range"));
                        }
                        let mut vals = Vec::with_capacity(n + 1);
                        vals.push(recv_val);
                        vals.extend_from_slice(&self.regs[start..start + n]);
                        self.push_frame(ctx, func, None, 0, Some(vals), FrameKind::Call)?;
                        return Ok(Flow::Reload);
                    }
                }
            }
            Instr::CallNative { native, args, dst } => {
                let name = &program.natives[native.0 as usize];
                let n = crate::natives::lookup(name)
                    .ok_or_else(|| invalid(format!("unknown native {name}")))?;
                let start = base + args.0 as usize;
                let argv: Vec<Value> = self.regs[start..start + n.arity].to_vec();
                let mut out = vec![Value::Nil; n.results];
                let mut nctx = crate::natives::NativeCtx {
                    heap: ctx.heap,
                    types,
                };
                (n.func)(&mut nctx, &argv, &mut out).map_err(|e| match e {
                    crate::natives::NativeError::Panic(v) => Trap::Panic(v),
                    crate::natives::NativeError::Limit(l) => Trap::Limit(l),
                    crate::natives::NativeError::Invalid(m) => invalid(m),
                })?;
                for (i, v) in out.into_iter().enumerate() {
                    r!(dst.offset(i)) = v;
                }
            }
            Instr::Return { src, count } => {
                let top = self.top();
                if self.has_defer(top) {
                    let rec = self.defers.pop().expect("checked");
                    self.call_deferred(ctx, rec, FrameKind::DeferredReturn)?;
                    return Ok(Flow::Reload);
                }
                return self.do_return(ctx, src, count as usize);
            }
            Instr::RunDefers => {
                let top = self.top();
                if self.has_defer(top) {
                    let rec = self.defers.pop().expect("checked");
                    self.call_deferred(ctx, rec, FrameKind::DeferredReturn)?;
                    return Ok(Flow::Reload);
                }
            }
            Instr::Go { callee, args } => {
                let fv = match r!(callee) {
                    Value::Func(fv) => fv,
                    _ => {
                        return Err(Trap::Fatal(Fatal {
                            preamble: vec![],
                            message: "go of nil func value".into(),
                        }))
                    }
                };
                let n = program.func(fv.func).params as usize;
                let start = base + args.0 as usize;
                if start + n > self.regs.len() {
                    return Err(invalid("go arguments out of range"));
                }
                let vals = self.regs[start..start + n].to_vec();
                self.pending = Pending::new(Reg(0), 0);
                return Ok(Flow::Stop(Effect::Runtime(RuntimeOp::Go {
                    func: fv,
                    args: vals,
                })));
            }
            Instr::Defer { callee, args } => {
                let c = r!(callee).clone();
                let n = match &c {
                    Value::Func(fv) => program.func(fv.func).params as usize,
                    _ => 0,
                };
                let start = base + args.0 as usize;
                if start + n > self.regs.len() {
                    return Err(invalid("defer arguments out of range"));
                }
                let vals = self.regs[start..start + n].to_vec();
                self.defers.push(DeferRecord {
                    frame: self.top() as u32,
                    callee: c,
                    args: vals,
                });
            }
            Instr::Panic { src } => return Err(Trap::Panic(r!(src).clone())),
            Instr::Recover { dst } => {
                let top = self.top() as u32;
                let v = match self.panics.last_mut() {
                    Some(p)
                        if !p.goexit
                            && !p.recovered
                            && !p.aborted
                            && p.defer_frame == Some(top) =>
                    {
                        p.recovered = true;
                        p.value.clone()
                    }
                    _ => Value::Nil,
                };
                r!(dst) = v;
            }
            Instr::Goexit => {
                self.panics.push(PanicRecord {
                    value: Value::Nil,
                    recovered: false,
                    aborted: false,
                    defer_frame: None,
                    goexit: true,
                    cursor: self.top() as u32,
                });
                return Ok(match self.unwind(ctx) {
                    Some(e) => Flow::Stop(e),
                    None => Flow::Reload,
                });
            }
            Instr::MakeIface { dst, src, ty } => {
                let v = r!(src).clone();
                r!(dst) = Value::Iface(Rc::new(Iface { ty, value: v }));
            }
            Instr::TypeAssert {
                dst,
                src,
                ty,
                from,
                form,
            } => {
                let v = r!(src).clone();
                let target_iface = types.is_interface(ty);
                let ok = match &v {
                    Value::Iface(i) => {
                        if target_iface {
                            types.implements(i.ty, ty).is_ok()
                        } else {
                            i.ty == ty
                        }
                    }
                    _ => false,
                };
                match form {
                    ResultForm::CommaOk => {
                        r!(dst) = if ok {
                            if target_iface {
                                v
                            } else {
                                v.as_iface().map(|i| i.value.clone()).unwrap_or_default()
                            }
                        } else {
                            types.zero(ty)
                        };
                        r!(dst.offset(1)) = Value::Bool(ok);
                    }
                    ResultForm::Value => {
                        if !ok {
                            let inter = if types.is_interface(from) {
                                types.name(from)
                            } else {
                                "interface"
                            };
                            let msg = match &v {
                                Value::Iface(i) => {
                                    if target_iface {
                                        let missing = types
                                            .implements(i.ty, ty)
                                            .err()
                                            .map(|m| types.name_str(m.0).to_string())
                                            .unwrap_or_default();
                                        format!(
                                            "interface conversion: {} is not {}: missing method {missing}",
                                            types.name(i.ty),
                                            types.name(ty)
                                        )
                                    } else {
                                        format!(
                                            "interface conversion: {inter} is {}, not {}",
                                            types.name(i.ty),
                                            types.name(ty)
                                        )
                                    }
                                }
                                _ if target_iface => {
                                    format!(
                                        "interface conversion: interface is nil, not {}",
                                        types.name(ty)
                                    )
                                }
                                _ => format!(
                                    "interface conversion: {inter} is nil, not {}",
                                    types.name(ty)
                                ),
                            };
                            let obj = ctx
                                .heap
                                .alloc(Object::Slots(vec![Value::Str(GoStr::from(msg))]));
                            return Err(Trap::Panic(Value::iface(
                                builtin::PTR_RUNTIME_TYPE_ASSERTION_ERROR,
                                Value::Ptr(Ptr { obj, slot: 0 }),
                            )));
                        }
                        r!(dst) = if target_iface {
                            v
                        } else {
                            v.as_iface().map(|i| i.value.clone()).unwrap_or_default()
                        };
                    }
                }
            }
            Instr::Runtime { op, args, ty, dst } => {
                self.pending = Pending::new(dst, op.results() as u8);
                let start = base + args.0 as usize;
                let a = OpArgs::from_slice(&self.regs[start..start + op.arity()]);
                return Ok(Flow::Stop(Effect::Runtime(RuntimeOp::Call {
                    code: op,
                    args: a,
                    ty,
                })));
            }
            Instr::Select { table, dst } => {
                self.pending = Pending::new(dst, 3);
                let f = program.func(self.frames[self.top()].func);
                let t = &f.selects[table as usize];
                let cases = t
                    .cases
                    .iter()
                    .map(|c| match *c {
                        SelectCaseDesc::Send { chan, value } => SelectCase::Send {
                            chan: r!(chan).clone(),
                            value: r!(value).clone(),
                        },
                        SelectCaseDesc::Recv { chan } => SelectCase::Recv {
                            chan: r!(chan).clone(),
                        },
                    })
                    .collect();
                return Ok(Flow::Stop(Effect::Runtime(RuntimeOp::Select {
                    cases,
                    has_default: t.has_default,
                })));
            }
            Instr::Fmt { op, args, .. } => {
                let (format, list) = match op {
                    FmtOp::Printf(_) | FmtOp::Sprintf | FmtOp::Errorf => {
                        (r!(args).clone(), r!(args.offset(1)).clone())
                    }
                    _ => (Value::Nil, r!(args).clone()),
                };
                let argv = slice_elems(ctx.heap, types, &list, builtin::ANY)?;
                let e = self.start_job(
                    ctx,
                    Job::Fmt {
                        op,
                        format,
                        args: argv,
                    },
                )?;
                return Ok(match e {
                    Effect::Yield => Flow::Reload,
                    e => Flow::Stop(e),
                });
            }
            Instr::Print { form, args, count } => {
                let vals: Vec<Value> = (0..count as usize)
                    .map(|i| r!(args.offset(i)).clone())
                    .collect();
                let bytes = crate::fmt::print_builtin(&vals, form, types, ctx.heap);
                ctx.output.push(Output {
                    stream: crate::program::Stream::Stderr,
                    bytes,
                });
            }
            // Handled inline by `run`.
            Instr::Nop
            | Instr::Move { .. }
            | Instr::Const { .. }
            | Instr::Int { .. }
            | Instr::Zero { .. }
            | Instr::Binary { .. }
            | Instr::BinaryImm { .. }
            | Instr::BinaryConst { .. }
            | Instr::Unary { .. }
            | Instr::Convert { .. }
            | Instr::Eq { .. }
            | Instr::Ne { .. }
            | Instr::Jump { .. }
            | Instr::JumpIf { .. }
            | Instr::JumpIfNot { .. }
            | Instr::CmpImmJumpIfNot { .. }
            | Instr::CmpJumpIfNot { .. }
            | Instr::Call { .. } => {
                return Err(invalid("inline instruction reached the slow path"))
            }
        }
        Ok(Flow::Next)
    }

    fn str_conv(&mut self, ctx: &mut ExecContext<'_>, op: StrConvOp, v: &Value) -> Res<Value> {
        let types = &ctx.program.types;
        Ok(match op {
            StrConvOp::FromRune => {
                let r = v.as_int();
                let c = u32::try_from(r)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{FFFD}');
                Value::Str(GoStr::from(c.to_string()))
            }
            StrConvOp::FromBytes => {
                let elems = slice_elems(ctx.heap, types, v, builtin::UINT8)?;
                Value::Str(GoStr::from_vec(
                    elems.iter().map(|b| b.as_int() as u8).collect(),
                ))
            }
            StrConvOp::FromRunes => {
                let elems = slice_elems(ctx.heap, types, v, builtin::INT32)?;
                let s: String = elems
                    .iter()
                    .map(|r| {
                        u32::try_from(r.as_int())
                            .ok()
                            .and_then(char::from_u32)
                            .unwrap_or('\u{FFFD}')
                    })
                    .collect();
                Value::Str(GoStr::from(s))
            }
            StrConvOp::ToBytes => {
                let bytes = v.as_str();
                let vals: Vec<Value> = bytes.iter().map(|b| Value::Int(*b as i64)).collect();
                let cap = if vals.is_empty() {
                    0
                } else {
                    roundupsize(vals.len() as u64, true) as usize
                };
                alloc_slice_cap(ctx.heap, types, vals, cap, builtin::UINT8)
            }
            StrConvOp::ToRunes => {
                let mut vals = Vec::new();
                let mut s = v.as_str();
                while !s.is_empty() {
                    let (r, w) = decode_rune(s);
                    vals.push(Value::Int(r as i64));
                    s = &s[w..];
                }
                let cap = if vals.is_empty() {
                    0
                } else {
                    (roundupsize(vals.len() as u64 * 4, true) / 4) as usize
                };
                alloc_slice_cap(ctx.heap, types, vals, cap, builtin::INT32)
            }
        })
    }
}

#[cfg(test)]
#[path = "vm_tests.rs"]
mod tests;
