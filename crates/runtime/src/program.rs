//! The instruction set: a compiled Go program as the runtime executes it.
//!
//! Models what Go's compiler hands its runtime: functions (`runtime/symtab.go` `_func`), their code,
//! the type descriptors (`runtime/type.go`, here [`crate::types::Types`]) and the constant pool.
//! The compiler crate produces a [`Program`]; [`Program::validate`] checks it once at load so that the
//! interpreter ([`crate::interp`]) can trust every register index, jump target and id afterwards.
//!
//! Machine model (a register machine, like Lua's and boa's):
//! - Each call has a window of `Func::regs` registers; parameters are registers `0..params`
//!   (the receiver of a method is parameter 0).
//! - A call's arguments sit in consecutive registers `args..args+n` of the caller, and its results are
//!   written to consecutive registers `dst..dst+m`, where `n`/`m` come from the callee's `Func`.
//! - Struct and array values live in one register as a flat run of scalar slots ([`crate::value::Value::Agg`]):
//!   a field or element is addressed by its *slot offset* (see [`crate::types::Types::slots`] and
//!   [`crate::types::Field::offset`]). Heap objects use the same flat layout, so a pointer to any field
//!   or element is just `(object, slot)`.
//! - Integer values are stored as `i64`, normalised to their width: sign-extended for signed kinds,
//!   zero-extended for unsigned kinds. Instructions that care carry a [`NumKind`].
//!
//! Invariants (checked by [`Program::validate`]):
//! - every register operand is `< Func::regs` of its function, including the whole `args..args+n` /
//!   `dst..dst+m` ranges of calls, whose `n`/`m` are the callee's `params`/`results` when known statically;
//! - every jump target is `< code.len()`, and the last instruction of a function cannot fall through;
//! - every `FuncId`, `TypeId`, `ConstId`, name and native index is in range;
//! - `spans.len() == code.len()`.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::types::{TypeId, Types};

/// A function: index into [`Program::funcs`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct FuncId(pub u32);

/// A constant: index into [`Program::consts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ConstId(pub u32);

/// An interned name (method names): index into [`Types::names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NameId(pub u32);

/// A native (library) function: index into [`Program::natives`], which holds names like `"strings.Contains"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NativeIdx(pub u32);

/// A register of the current call's window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Reg(pub u16);

impl Reg {
    /// The "no register" marker used by [`OptReg`].
    pub const NONE: Reg = Reg(u16::MAX);

    /// This register plus `n` (for operand ranges).
    pub fn offset(self, n: usize) -> Reg {
        Reg(self.0 + n as u16)
    }
}

/// An optional register operand (`Reg::NONE` = absent), e.g. the omitted bounds of `s[lo:]`.
pub type OptReg = Reg;

/// A code address within one function.
pub type Pc = u32;

/// A source position, opaque to the runtime and used only for display (tracebacks, the UI).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceSpan {
    /// Index into [`Program::files`].
    pub file: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Byte length of the spanned source text.
    pub len: u32,
}

/// A whole compiled program.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Program {
    /// All functions; `FuncId` indexes this.
    pub funcs: Vec<Func>,
    /// Runtime type descriptors (and interned method names).
    pub types: Types,
    /// The constant pool.
    pub consts: Vec<Const>,
    /// Names of the native functions used by `CallNative`, e.g. `"strings.Contains"` (see [`crate::natives`]).
    pub natives: Vec<String>,
    /// Package-level variables, laid out flat in the globals object (see [`Global::offset`]).
    pub globals: Vec<Global>,
    /// Source file names for [`SourceSpan::file`].
    pub files: Vec<String>,
    /// The function the main goroutine runs: package initialisation then `main.main`
    /// (Go's `runtime.main`). Must take no parameters and return no results.
    pub entry: FuncId,
    /// The files of the working directory the program starts in (see [`crate::fs`]).
    #[serde(default)]
    pub data_files: Vec<DataFile>,
}

/// A file in the program's in-memory working directory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataFile {
    /// Relative path, e.g. `"data/input.txt"`.
    pub name: String,
    pub data: Vec<u8>,
}

/// A package-level variable.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Global {
    /// Go name, e.g. `"main.counter"`.
    pub name: String,
    /// Its type.
    pub ty: TypeId,
    /// First slot in the globals object; filled by [`Program::layout_globals`].
    pub offset: u32,
}

/// A constant of the pool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Const {
    /// A boolean.
    Bool(bool),
    /// An integer (already normalised to its width).
    Int(i64),
    /// A float (float32 constants are already rounded to f32 precision).
    Float(f64),
    /// A string: arbitrary bytes, as Go strings are.
    Str(Vec<u8>),
}

/// A function.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Func {
    /// Go's name as printed in tracebacks: `main.main`, `main.(*T).Inc`, `main.main.func1`.
    pub name: String,
    /// Number of parameter registers (`0..params`), the receiver included. Variadic parameters arrive packed in a slice.
    pub params: u16,
    /// Number of results returned by `Return`.
    pub results: u16,
    /// Size of the register window (>= params).
    pub regs: u16,
    /// Types of the results: zero values returned when a panic is recovered and `recover_pc` is `None`.
    pub result_types: Vec<TypeId>,
    /// Where to continue when a panic is recovered by one of this function's deferred calls (Go: the function then
    /// returns normally, with its named results). The code there typically loads the named results, runs
    /// `RunDefers` and `Return`s. `None`: run the remaining defers and return zero values of `result_types`.
    pub recover_pc: Option<Pc>,
    /// The code.
    pub code: Vec<Instr>,
    /// One span per instruction.
    pub spans: Vec<SourceSpan>,
    /// Case tables of the `Select` instructions.
    pub selects: Vec<SelectTable>,
    /// Named locals for the UI: which register holds which Go variable.
    pub locals: Vec<LocalVar>,
}

/// A Go variable living in a register (debug information for snapshots).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LocalVar {
    /// Go name.
    pub name: String,
    /// Its register. If the variable escaped, the register holds a pointer to its box.
    pub reg: Reg,
    /// Its Go type.
    pub ty: TypeId,
    /// True when `reg` holds a pointer to the variable's box rather than the value.
    pub boxed: bool,
}

/// The cases of one `select` statement, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SelectTable {
    /// The communication cases.
    pub cases: Vec<SelectCaseDesc>,
    /// Whether the statement has a `default` case.
    pub has_default: bool,
}

/// One communication case of a `select`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SelectCaseDesc {
    /// `case ch <- value:`
    Send {
        /// Register holding the channel.
        chan: Reg,
        /// Register holding the value to send.
        value: Reg,
    },
    /// `case v, ok := <-ch:`
    Recv {
        /// Register holding the channel.
        chan: Reg,
    },
}

/// Numeric (and string/bool) kinds, for instructions whose meaning depends on the operand type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NumKind {
    /// int8
    I8,
    /// int16
    I16,
    /// int32 (and rune)
    I32,
    /// int64
    I64,
    /// int (64-bit, as on amd64)
    Int,
    /// uint8 (and byte)
    U8,
    /// uint16
    U16,
    /// uint32
    U32,
    /// uint64
    U64,
    /// uint (64-bit)
    Uint,
    /// uintptr (64-bit)
    Uintptr,
    /// float32 (stored as f64 rounded to f32)
    F32,
    /// float64
    F64,
    /// string (for `+` and ordering)
    Str,
    /// bool (for `==`, `!=`, `!`)
    Bool,
}

impl NumKind {
    /// Width in bits for integer kinds, `None` for the others.
    pub fn int_bits(self) -> Option<u32> {
        use NumKind::*;
        match self {
            I8 | U8 => Some(8),
            I16 | U16 => Some(16),
            I32 | U32 => Some(32),
            I64 | Int | U64 | Uint | Uintptr => Some(64),
            F32 | F64 | Str | Bool => None,
        }
    }

    /// Whether this is a signed integer kind.
    pub fn is_signed(self) -> bool {
        matches!(
            self,
            NumKind::I8 | NumKind::I16 | NumKind::I32 | NumKind::I64 | NumKind::Int
        )
    }

    /// Whether this is an integer kind.
    pub fn is_int(self) -> bool {
        self.int_bits().is_some()
    }

    /// Whether this is a float kind.
    pub fn is_float(self) -> bool {
        matches!(self, NumKind::F32 | NumKind::F64)
    }

    /// Wrap `v` to this integer kind's width (sign- or zero-extending); identity for non-integers.
    #[inline]
    pub fn wrap(self, v: i64) -> i64 {
        use NumKind::*;
        match self {
            I8 => v as i8 as i64,
            I16 => v as i16 as i64,
            I32 => v as i32 as i64,
            U8 => v as u8 as i64,
            U16 => v as u16 as i64,
            U32 => v as u32 as i64,
            _ => v,
        }
    }
}

/// Binary operators of `Instr::Binary`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinOp {
    /// `+` (string concatenation for `NumKind::Str`)
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/` (integer division by zero panics)
    Div,
    /// `%`
    Rem,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `&^`
    AndNot,
    /// `<<` (the right operand is an unsigned or non-negative count; negative panics "negative shift amount")
    Shl,
    /// `>>` (arithmetic for signed kinds)
    Shr,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl BinOp {
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        )
    }
}

/// Unary operators of `Instr::Unary`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `!x`
    Not,
    /// `^x`
    BitNot,
}

/// String conversions of `Instr::StrConv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StrConvOp {
    /// `string(rune)`: UTF-8 encoding of an integer code point (invalid -> "\uFFFD").
    FromRune,
    /// `string([]byte)`
    FromBytes,
    /// `string([]rune)`
    FromRunes,
    /// `[]byte(string)`
    ToBytes,
    /// `[]rune(string)`
    ToRunes,
}

/// Result shape of map lookups and type assertions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResultForm {
    /// `v := m[k]` / `v := x.(T)`: one result; a failed assertion panics.
    Value,
    /// `v, ok := m[k]` / `v, ok := x.(T)`: value at `dst`, bool at `dst+1`; never panics.
    CommaOk,
}

/// Output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stream {
    /// os.Stdout (fd 1)
    Stdout,
    /// os.Stderr (fd 2)
    Stderr,
}

/// The fmt entry points handled by `Instr::Fmt` (see [`crate::fmt`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FmtOp {
    /// `fmt.Print(a...)` / `fmt.Fprint(os.Stdout|os.Stderr, a...)`: args = `[]any`; results `(n int, err error)`.
    Print(Stream),
    /// `fmt.Println(a...)`: args = `[]any`; results `(n int, err error)`.
    Println(Stream),
    /// `fmt.Printf(format, a...)`: args = format string, `[]any`; results `(n int, err error)`.
    Printf(Stream),
    /// `fmt.Sprint(a...)`: args = `[]any`; result string.
    Sprint,
    /// `fmt.Sprintln(a...)`: args = `[]any`; result string.
    Sprintln,
    /// `fmt.Sprintf(format, a...)`: args = format string, `[]any`; result string.
    Sprintf,
    /// `fmt.Errorf(format, a...)`: args = format string, `[]any`; result error
    /// (`*errors.errorString`, `*fmt.wrapError` for one `%w`, `*fmt.wrapErrors` for several).
    Errorf,
}

/// The forms of the builtin `print`/`println` (write to stderr, Go's runtime printing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrintForm {
    /// `print(a...)`: no separators, no newline.
    Print,
    /// `println(a...)`: spaces between operands and a newline.
    Println,
}

/// Operations that need the scheduler's state (channels, sync objects, timers, goroutine bookkeeping).
/// Executing `Instr::Runtime` returns `Effect::Runtime(RuntimeOp::Call { code, .. })` with the argument values;
/// the scheduler completes it with the listed results (see [`crate::interp::GoStack::complete`]).
///
/// Arguments are `args..args+arity()` of `Instr::Runtime`; results go to `dst..dst+results()`.
/// Pointers (`*sync.Mutex` etc.) are `Value::Ptr` to the sync object's storage: a struct with one slot that holds
/// `Value::Nil` until the scheduler stores a `Value::Sync(SyncId)` there on first use (so zero values work).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RtCode {
    /// `make(chan T, n)`: args (n int); `ty` = the channel type; result (chan). Negative n panics
    /// "makechan: size out of range".
    MakeChan,
    /// `ch <- v`: args (ch, v); no result. Blocks: "chan send" / "chan send (nil chan)".
    ChanSend,
    /// `<-ch`: args (ch); result (v). Blocks: "chan receive" / "chan receive (nil chan)".
    ChanRecv,
    /// `v, ok := <-ch`: args (ch); results (v, ok).
    ChanRecv2,
    /// `close(ch)`: args (ch); no result.
    ChanClose,
    /// `len(ch)`: args (ch); result (int).
    ChanLen,
    /// `cap(ch)`: args (ch); result (int).
    ChanCap,
    /// `(*sync.Mutex).Lock`: args (ptr). Blocks: "sync.Mutex.Lock".
    MutexLock,
    /// `(*sync.Mutex).Unlock`: args (ptr).
    MutexUnlock,
    /// `(*sync.Mutex).TryLock`: args (ptr); result (bool).
    MutexTryLock,
    /// `(*sync.RWMutex).Lock`: args (ptr). Blocks: "sync.RWMutex.Lock".
    RWMutexLock,
    /// `(*sync.RWMutex).Unlock`: args (ptr).
    RWMutexUnlock,
    /// `(*sync.RWMutex).RLock`: args (ptr). Blocks: "sync.RWMutex.RLock".
    RWMutexRLock,
    /// `(*sync.RWMutex).RUnlock`: args (ptr).
    RWMutexRUnlock,
    /// `(*sync.RWMutex).TryLock`: args (ptr); result (bool).
    RWMutexTryLock,
    /// `(*sync.RWMutex).TryRLock`: args (ptr); result (bool).
    RWMutexTryRLock,
    /// `(*sync.WaitGroup).Add`: args (ptr, delta int).
    WaitGroupAdd,
    /// `(*sync.WaitGroup).Done`: args (ptr).
    WaitGroupDone,
    /// `(*sync.WaitGroup).Wait`: args (ptr). Blocks: "semacquire".
    WaitGroupWait,
    /// `(*sync.Cond).Wait` after the prelude unlocked `c.L`: takes a ticket and waits on it; args (ptr to the
    /// Cond's notify list). Blocks: "sync.Cond.Wait". Superseded by [`RtCode::CondAdd`] before the unlock plus
    /// [`RtCode::CondWaitTicket`] after it, as Go does (a Signal between unlock and this op is lost here).
    CondWait,
    /// `(*sync.Cond).Signal`: args (ptr).
    CondSignal,
    /// `(*sync.Cond).Broadcast`: args (ptr).
    CondBroadcast,
    /// `time.Sleep(d)`: args (d int64 ns). Blocks: "sleep".
    Sleep,
    /// `time.Now()` as virtual nanoseconds: result (int64).
    Now,
    /// `time.After(d)`: args (d); result (chan).
    After,
    /// `time.Tick(d)`: args (d); result (chan).
    Tick,
    /// `time.NewTimer(d)`: args (d); results (timer handle, chan).
    NewTimer,
    /// `time.NewTicker(d)`: args (d); results (timer handle, chan).
    NewTicker,
    /// `(*time.Timer).Stop` / `(*time.Ticker).Stop`: args (timer handle); result (bool).
    TimerStop,
    /// `(*time.Timer).Reset` / `(*time.Ticker).Reset`: args (timer handle, d); result (bool).
    TimerReset,
    /// `time.AfterFunc(d, f)`: args (d, f func()); result (timer handle).
    AfterFunc,
    /// `runtime.Gosched()`.
    Gosched,
    /// `runtime.NumGoroutine()`: result (int).
    NumGoroutine,
    /// `runtime.GOMAXPROCS(n)`: args (n); result (previous int).
    GoMaxProcs,
    /// `runtime.NumCPU()`: result (int).
    NumCpu,
    /// `os.Exit(code)`: args (code int). Deferred calls do not run.
    Exit,
    /// `read(2)` (syscall.Read) on the in-memory file system or the empty stdin: args (fd int, buf []byte);
    /// results (n int, errno int). A blocking system call: the goroutine keeps its M in the call while its P is
    /// handed off; the bytes land in `buf` and the results are delivered when the call returns.
    SyscallRead,
    /// `runtime_notifyListAdd` in `(*sync.Cond).Wait`, BEFORE it unlocks `c.L` (so a Signal between the unlock
    /// and the park is not lost): args (ptr to the Cond's notify list); result (ticket int).
    CondAdd,
    /// `runtime_notifyListWait` in `(*sync.Cond).Wait`, after it unlocked `c.L`: args (ptr, ticket from
    /// [`RtCode::CondAdd`]). Returns at once if the ticket was already notified, else blocks: "sync.Cond.Wait".
    CondWaitTicket,
    /// `open(2)` (syscall.Open): args (path string, flag int); results (fd int, errno int). Not blocking.
    SyscallOpen,
    /// `write(2)` (syscall.Write) to a file: args (fd int, data []byte); results (n int, errno int).
    /// A blocking system call like [`RtCode::SyscallRead`].
    SyscallWrite,
    /// `close(2)`: args (fd int); result (errno int). Not blocking.
    SyscallClose,
    /// `unlink(2)`/`rmdir(2)` (os.Remove): args (path string); result (errno int). Not blocking.
    SyscallUnlink,
    /// `stat(2)`: args (path string); results (size int, is a directory bool, errno int). Not blocking.
    SyscallStat,
    /// Package context made a context (see [`crate::context`]; never blocks): args (kind int: 1-based
    /// [`crate::context::ContextKind`] order, info []any{parent int, deadline int64, key any, val any}), where
    /// parent is a result of an earlier ContextTrack, -1 for Background, -2 for TODO, 0 for a Context the
    /// program implements; result (id int, never 0).
    ContextTrack,
    /// A context's done channel was made: args (id int, done chan struct{}); no result.
    ContextDone,
    /// A context was cancelled: args (id int, info []any{done chan struct{}, err error, cause error}); no
    /// result. Errors are shown as `%v` without calling the program's own methods.
    ContextCancel,
}

impl RtCode {
    /// Number of argument registers read.
    pub fn arity(self) -> usize {
        use RtCode::*;
        match self {
            Now | Gosched | NumGoroutine | NumCpu => 0,
            ChanSend | WaitGroupAdd | TimerReset | AfterFunc | SyscallRead | CondWaitTicket
            | SyscallOpen | SyscallWrite | ContextTrack | ContextDone | ContextCancel => 2,
            _ => 1,
        }
    }

    /// Number of result registers written by `complete`.
    pub fn results(self) -> usize {
        use RtCode::*;
        match self {
            ChanSend | ChanClose | MutexLock | MutexUnlock | RWMutexLock | RWMutexUnlock
            | RWMutexRLock | RWMutexRUnlock | WaitGroupAdd | WaitGroupDone | WaitGroupWait
            | CondWait | CondWaitTicket | CondSignal | CondBroadcast | Sleep | Gosched | Exit
            | ContextDone | ContextCancel => 0,
            ChanRecv2 | NewTimer | NewTicker | SyscallRead | SyscallOpen | SyscallWrite => 2,
            SyscallStat => 3,
            _ => 1,
        }
    }
}

/// One instruction.
///
/// Every variant's doc follows one template: summary; **Operands**; **Registers** (effect);
/// **Blocks?** (which runtime op); **Go analogue**. "Panics" lists Go runtime panics it can raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Instr {
    /// Does nothing.
    /// - Operands: none. Registers: none. Blocks? no. Go analogue: none.
    Nop,
    /// Copies a register.
    /// - Operands: `dst`, `src`. Registers: `dst = src` (aggregates are shared copy-on-write).
    /// - Blocks? no. Go analogue: assignment `a = b`.
    Move { dst: Reg, src: Reg },
    /// Loads a constant from the pool.
    /// - Operands: `dst`, `konst`. Registers: `dst = consts[konst]`. Blocks? no. Go analogue: a constant.
    Const { dst: Reg, konst: ConstId },
    /// Loads a small integer immediate.
    /// - Operands: `dst`, `value`. Registers: `dst = value as i64`. Blocks? no. Go analogue: `x := 1`.
    Int { dst: Reg, value: i32 },
    /// Loads the zero value of a type.
    /// - Operands: `dst`, `ty`. Registers: `dst = zero(ty)` (`Nil` for pointers, slices, maps, chans, funcs, interfaces).
    /// - Blocks? no. Go analogue: `var x T`.
    Zero { dst: Reg, ty: TypeId },
    /// Arithmetic, bitwise or comparison operator on two operands of the same kind.
    /// - Operands: `op`, `kind`, `dst`, `lhs`, `rhs`. Registers: `dst = lhs op rhs`, wrapped to `kind`'s width;
    ///   comparisons give a bool; for `Shl`/`Shr` `rhs` is the (unsigned) shift count.
    /// - Blocks? no. Panics: "runtime error: integer divide by zero", "runtime error: negative shift amount".
    /// - Go analogue: `a + b`, `a << n`, `a < b`, `s1 + s2`.
    Binary {
        op: BinOp,
        kind: NumKind,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    /// Binary operator with a small integer immediate as the right operand (loop bounds, `i + 1`).
    /// - Operands: `op`, `kind` (an integer kind), `dst`, `lhs`, `imm`. Registers: `dst = lhs op imm`,
    ///   exactly as `Binary` with `rhs` holding `imm as i64`.
    /// - Blocks? no. Panics: as `Binary`. Go analogue: `i < 20`, `h % 1000`.
    BinaryImm {
        op: BinOp,
        kind: NumKind,
        dst: Reg,
        lhs: Reg,
        imm: i32,
    },
    /// Binary operator with a pooled constant as the right operand (integer constants beyond `i32`).
    /// - Operands: `op`, `kind` (an integer kind), `dst`, `lhs`, `konst`. Registers: `dst = lhs op consts[konst]`,
    ///   exactly as `Binary` with `rhs` holding the constant.
    /// - Blocks? no. Panics: as `Binary`. Go analogue: `h % 2147483648`.
    BinaryConst {
        op: BinOp,
        kind: NumKind,
        dst: Reg,
        lhs: Reg,
        konst: ConstId,
    },
    /// Unary operator.
    /// - Operands: `op`, `kind`, `dst`, `src`. Registers: `dst = op src` (wrapped). Blocks? no.
    /// - Go analogue: `-x`, `!b`, `^x`.
    Unary {
        op: UnOp,
        kind: NumKind,
        dst: Reg,
        src: Reg,
    },
    /// Numeric conversion.
    /// - Operands: `dst`, `src`, `from`, `to`. Registers: `dst = to(src)`: integer truncation/extension,
    ///   int<->float (float->int out of range gives amd64's 0x8000000000000000), float64->float32 rounding.
    /// - Blocks? no. Go analogue: `int8(x)`, `float64(i)`.
    Convert {
        dst: Reg,
        src: Reg,
        from: NumKind,
        to: NumKind,
    },
    /// Go equality of two values of the same (possibly interface) type.
    /// - Operands: `dst`, `lhs`, `rhs`. Registers: `dst = lhs == rhs` (bool).
    /// - Blocks? no. Panics: "runtime error: comparing uncomparable type []int" (interfaces holding uncomparable values).
    /// - Go analogue: `a == b` on structs, arrays, pointers, chans, interfaces, and `x == nil`.
    Eq { dst: Reg, lhs: Reg, rhs: Reg },
    /// Go inequality: `dst = !(lhs == rhs)`; same operands and panics as `Eq`. Go analogue: `a != b`.
    Ne { dst: Reg, lhs: Reg, rhs: Reg },
    /// Indexes a string.
    /// - Operands: `dst`, `src` (string), `index` (int). Registers: `dst = src[index]` (a byte, uint8).
    /// - Blocks? no. Panics: "runtime error: index out of range [5] with length 3". Go analogue: `s[i]`.
    StrIndex { dst: Reg, src: Reg, index: Reg },
    /// Decodes one UTF-8 rune of a string, for `for i, r := range s`.
    /// - Operands: `dst`, `src` (string), `index` (int, `< len(src)`).
    /// - Registers: `dst = rune` (U+FFFD for invalid bytes), `dst+1 = index + width` (next index).
    /// - Blocks? no. Go analogue: the body of range-over-string (`runtime.decoderune`).
    DecodeRune { dst: Reg, src: Reg, index: Reg },
    /// String/byte-slice/rune-slice conversions.
    /// - Operands: `op`, `dst`, `src`. Registers: `dst = op(src)`. Blocks? no.
    /// - Go analogue: `string(r)`, `string(b)`, `[]byte(s)`, `[]rune(s)`, `string(rs)`.
    StrConv { op: StrConvOp, dst: Reg, src: Reg },
    /// Slice expression on a string, a slice or a pointer to an array.
    /// - Operands: `dst`, `src`, `lo`, `hi`, `max` (each `Reg::NONE` when omitted), `ty` = the type of `src`.
    /// - Registers: `dst = src[lo:hi:max]` (shares the backing array; strings copy bytes).
    /// - Blocks? no. Panics: "runtime error: slice bounds out of range [:5] with capacity 3" and the other
    ///   forms of Go's boundsError; nil pointer dereference for a nil array pointer.
    /// - Go analogue: `s[1:3]`, `s[:n:n]`, `str[i:]`, `arr[:]` (arr boxed, src = its pointer).
    Slice {
        dst: Reg,
        src: Reg,
        lo: OptReg,
        hi: OptReg,
        max: OptReg,
        ty: TypeId,
    },
    /// Builds a struct or array value from consecutive registers.
    /// - Operands: `dst`, `ty` (struct or array type), `src` (first of `count` registers: one per field/element).
    /// - Registers: `dst = T{src, src+1, ...}`; missing trailing fields/elements are zero.
    /// - Blocks? no. Go analogue: composite literal `T{1, "a"}`, `[3]int{1, 2, 3}`.
    MakeAgg {
        dst: Reg,
        ty: TypeId,
        src: Reg,
        count: u16,
    },
    /// Reads a field (or constant-index element) of a struct/array value held in a register.
    /// - Operands: `dst`, `src` (aggregate), `offset` (slot offset of the field), `ty` (the field's type).
    /// - Registers: `dst = src.field`. Blocks? no. Go analogue: `s.f`, `a[2]` with constant index.
    GetField {
        dst: Reg,
        src: Reg,
        offset: u32,
        ty: TypeId,
    },
    /// Writes a field of a struct/array value held in a register, in place (copy-on-write).
    /// - Operands: `dst` (aggregate register, updated), `offset`, `src` (new field value), `ty` (field type).
    /// - Registers: `dst.field = src`. Blocks? no. Go analogue: `s.f = v` for a non-escaping local `s`.
    SetField {
        dst: Reg,
        offset: u32,
        src: Reg,
        ty: TypeId,
    },
    /// Reads an element of an array value held in a register with a dynamic index.
    /// - Operands: `dst`, `src` (array), `index` (int), `ty` (the array type). Registers: `dst = src[index]`.
    /// - Blocks? no. Panics: index out of range. Go analogue: `a[i]` for a local array `a`.
    IndexAgg {
        dst: Reg,
        src: Reg,
        index: Reg,
        ty: TypeId,
    },
    /// Writes an element of an array value held in a register with a dynamic index (copy-on-write).
    /// - Operands: `dst` (array register, updated), `index`, `src`, `ty` (array type). Registers: `dst[index] = src`.
    /// - Blocks? no. Panics: index out of range. Go analogue: `a[i] = v` for a local array.
    SetIndexAgg {
        dst: Reg,
        index: Reg,
        src: Reg,
        ty: TypeId,
    },
    /// Allocates a zeroed variable of type `ty` on the heap.
    /// - Operands: `dst`, `ty`. Registers: `dst = new(ty)` (a pointer). Blocks? no.
    /// - Go analogue: `new(T)`, an escaping `var x T`.
    New { dst: Reg, ty: TypeId },
    /// Allocates a heap variable initialised with a value.
    /// - Operands: `dst`, `src`, `ty` (type of `src`). Registers: `dst = &copy(src)`. Blocks? no.
    /// - Go analogue: `&T{...}`, an escaping variable `x := v` (captured by reference by a closure).
    Box { dst: Reg, src: Reg, ty: TypeId },
    /// Reads through a pointer.
    /// - Operands: `dst`, `ptr`, `ty` (the pointee type). Registers: `dst = *ptr`. Blocks? no.
    /// - Panics: "runtime error: invalid memory address or nil pointer dereference". Go analogue: `*p`.
    Load { dst: Reg, ptr: Reg, ty: TypeId },
    /// Writes through a pointer.
    /// - Operands: `ptr`, `src`, `ty` (pointee type). Registers: none (`*ptr = src`). Blocks? no.
    /// - Panics: nil pointer dereference. Go analogue: `*p = v`.
    Store { ptr: Reg, src: Reg, ty: TypeId },
    /// Address of a field (or constant-index array element) through a pointer.
    /// - Operands: `dst`, `ptr`, `offset` (slot offset). Registers: `dst = &ptr.field`. Blocks? no.
    /// - Panics: nil pointer dereference. Go analogue: `&p.f`, `&p.inner` (also `p.mu.Lock()`'s receiver).
    FieldAddr { dst: Reg, ptr: Reg, offset: u32 },
    /// Reads a field through a pointer.
    /// - Operands: `dst`, `ptr`, `offset`, `ty` (field type). Registers: `dst = ptr.field`. Blocks? no.
    /// - Panics: nil pointer dereference. Go analogue: `p.f` with `p *T`.
    LoadField {
        dst: Reg,
        ptr: Reg,
        offset: u32,
        ty: TypeId,
    },
    /// Writes a field through a pointer.
    /// - Operands: `ptr`, `offset`, `src`, `ty` (field type). Registers: none. Blocks? no.
    /// - Panics: nil pointer dereference. Go analogue: `p.f = v`.
    StoreField {
        ptr: Reg,
        offset: u32,
        src: Reg,
        ty: TypeId,
    },
    /// Address of a package-level variable.
    /// - Operands: `dst`, `offset` (its `Global::offset`). Registers: `dst = &global`. Blocks? no. Go analogue: `&g`.
    GlobalAddr { dst: Reg, offset: u32 },
    /// Reads a package-level variable.
    /// - Operands: `dst`, `offset`, `ty`. Registers: `dst = global`. Blocks? no. Go analogue: `x := g`.
    LoadGlobal { dst: Reg, offset: u32, ty: TypeId },
    /// Writes a package-level variable.
    /// - Operands: `offset`, `src`, `ty`. Registers: none. Blocks? no. Go analogue: `g = v`.
    StoreGlobal { offset: u32, src: Reg, ty: TypeId },
    /// Reads an element of a slice or of an array through a pointer.
    /// - Operands: `dst`, `src` (slice or `*[N]T`), `index` (int), `ty` = type of `src`.
    /// - Registers: `dst = src[index]`. Blocks? no. Panics: index out of range, nil pointer dereference.
    /// - Go analogue: `s[i]`, `p[i]`, `arr[i]` for an escaping array (src = its box pointer).
    Index {
        dst: Reg,
        src: Reg,
        index: Reg,
        ty: TypeId,
    },
    /// Writes an element of a slice or of an array through a pointer.
    /// - Operands: `dst` (slice or `*[N]T` register, not modified), `index`, `src`, `ty` = type of `dst`.
    /// - Registers: none. Blocks? no. Panics: index out of range. Go analogue: `s[i] = v`.
    SetIndex {
        dst: Reg,
        index: Reg,
        src: Reg,
        ty: TypeId,
    },
    /// Address of an element of a slice or of an array through a pointer.
    /// - Operands: `dst`, `src`, `index`, `ty` = type of `src`. Registers: `dst = &src[index]`. Blocks? no.
    /// - Panics: index out of range. Go analogue: `&s[i]`, `s[i].f = v` (then `StoreField`).
    IndexAddr {
        dst: Reg,
        src: Reg,
        index: Reg,
        ty: TypeId,
    },
    /// Makes a slice.
    /// - Operands: `dst`, `len` (int), `cap` (int or `Reg::NONE`), `ty` (the slice type).
    /// - Registers: `dst = make(ty, len, cap)`. Blocks? no.
    /// - Panics: "runtime error: makeslice: len out of range", "runtime error: makeslice: cap out of range".
    /// - Go analogue: `make([]T, n, c)`.
    MakeSlice {
        dst: Reg,
        len: Reg,
        cap: OptReg,
        ty: TypeId,
    },
    /// Appends values to a slice, growing it like Go's `growslice`.
    /// - Operands: `dst`, `src` (slice), `args` (first of `count` element registers), `ty` (slice type).
    /// - Registers: `dst = append(src, args...)`. Blocks? no. Go analogue: `append(s, a, b)`.
    Append {
        dst: Reg,
        src: Reg,
        args: Reg,
        count: u16,
        ty: TypeId,
    },
    /// Appends all elements of another slice (or the bytes of a string to a `[]byte`).
    /// - Operands: `dst`, `src` (slice), `other` (slice or string), `ty` (slice type).
    /// - Registers: `dst = append(src, other...)`. Blocks? no. Go analogue: `append(s, t...)`.
    AppendSlice {
        dst: Reg,
        src: Reg,
        other: Reg,
        ty: TypeId,
    },
    /// Copies elements between slices (or from a string into a `[]byte`); overlapping ranges behave like memmove.
    /// - Operands: `dst` (receives n, int), `target` (slice), `src` (slice or string), `ty` (slice type of `target`).
    /// - Registers: `dst = copy(target, src)`. Blocks? no. Go analogue: `copy(a, b)`.
    Copy {
        dst: Reg,
        target: Reg,
        src: Reg,
        ty: TypeId,
    },
    /// Length of a string, slice, map or array value (not of a channel: see `RtCode::ChanLen`).
    /// - Operands: `dst`, `src`. Registers: `dst = len(src)` (nil gives 0). Blocks? no. Go analogue: `len(x)`.
    Len { dst: Reg, src: Reg },
    /// Capacity of a slice (not of a channel: see `RtCode::ChanCap`).
    /// - Operands: `dst`, `src`. Registers: `dst = cap(src)`. Blocks? no. Go analogue: `cap(s)`.
    Cap { dst: Reg, src: Reg },
    /// Clears a map or zeroes a slice's elements.
    /// - Operands: `dst` (map or slice), `ty` (its type). Registers: none. Blocks? no. Go analogue: `clear(x)`.
    Clear { dst: Reg, ty: TypeId },
    /// Makes a map.
    /// - Operands: `dst`, `ty` (map type), `hint` (int or `Reg::NONE`). Registers: `dst = make(ty)`.
    /// - Blocks? no. Go analogue: `make(map[K]V, n)`, `map[K]V{}`.
    MakeMap { dst: Reg, ty: TypeId, hint: OptReg },
    /// Map lookup.
    /// - Operands: `dst`, `map`, `key`, `ty` (map type), `form`.
    /// - Registers: `dst = m[key]` (zero if absent or nil map); with `CommaOk` also `dst+1 = present`.
    /// - Blocks? no. Panics: "runtime error: hash of unhashable type []int" (interface keys).
    /// - Go analogue: `v := m[k]`, `v, ok := m[k]`.
    MapGet {
        dst: Reg,
        map: Reg,
        key: Reg,
        ty: TypeId,
        form: ResultForm,
    },
    /// Map assignment.
    /// - Operands: `map`, `key`, `src`. Registers: none. Blocks? no.
    /// - Panics: "assignment to entry in nil map", unhashable key. Go analogue: `m[k] = v`.
    MapSet { map: Reg, key: Reg, src: Reg },
    /// Map deletion (no-op on a nil map or absent key).
    /// - Operands: `map`, `key`. Registers: none. Blocks? no. Go analogue: `delete(m, k)`.
    MapDelete { map: Reg, key: Reg },
    /// Starts a map iteration in Go's randomised order (drawn from the runtime's RNG).
    /// - Operands: `dst`, `map`. Registers: `dst = iterator`. Blocks? no. Go analogue: `mapiterinit`.
    MapRange { dst: Reg, map: Reg },
    /// Advances a map iteration: entries deleted meanwhile are skipped; entries added meanwhile are not produced.
    /// - Operands: `iter`, `dst`, `done`. Registers: `dst = key`, `dst+1 = value`, or jumps to `done` when finished.
    /// - Blocks? no. Go analogue: `mapiternext` in `for k, v := range m`.
    MapNext { iter: Reg, dst: Reg, done: Pc },
    /// A function value without captured variables.
    /// - Operands: `dst`, `func`. Registers: `dst = func`. Blocks? no. Go analogue: `f := strings.ToUpper` / `main.f`.
    Func { dst: Reg, func: FuncId },
    /// A closure capturing `count` values (for by-reference captures, pointers to the boxed variables).
    /// - Operands: `dst`, `func`, `captures` (first register), `count`. Registers: `dst = closure`.
    /// - Blocks? no. Go analogue: `func() { x++ }`, and method values `t.M` (compiler-made wrapper capturing `t`).
    Closure {
        dst: Reg,
        func: FuncId,
        captures: Reg,
        count: u16,
    },
    /// Reads a captured value of the running closure.
    /// - Operands: `dst`, `index`. Registers: `dst = captures[index]`. Blocks? no.
    /// - Go analogue: a free variable in a function literal.
    Capture { dst: Reg, index: u16 },
    /// Calls a function statically.
    /// - Operands: `func`, `args` (first of `params` registers), `dst` (first of `results` registers).
    /// - Registers: pushes a frame; on return `dst.. = results`. Blocks? no (but the callee may).
    /// - Go analogue: `f(a, b)`, `t.M(a)` (receiver as first argument).
    Call { func: FuncId, args: Reg, dst: Reg },
    /// Calls a function value (closure).
    /// - Operands: `callee`, `args`, `dst` as in `Call`. Panics: nil func -> nil pointer dereference.
    /// - Blocks? no. Go analogue: `f(x)` with `f` a variable.
    CallValue { callee: Reg, args: Reg, dst: Reg },
    /// Calls a method through an interface (dynamic dispatch on the dynamic type's method set).
    /// - Operands: `recv` (interface value), `method` (name), `args` (first explicit argument; `args..` holds
    ///   the callee's `params - 1` arguments), `dst`.
    /// - Registers: callee register 0 = the receiver (dereferenced for value methods of pointer types), results to `dst..`.
    /// - Blocks? no. Panics: nil interface -> nil pointer dereference. Go analogue: `err.Error()`, `s.String()`.
    CallMethod {
        recv: Reg,
        method: NameId,
        args: Reg,
        dst: Reg,
    },
    /// Calls a native library function (see [`crate::natives`]).
    /// - Operands: `native` (index into `Program::natives`), `args` (its arity), `dst` (its results).
    /// - Registers: `dst.. = native(args..)`. Blocks? no. Go analogue: `strings.Contains(s, t)`.
    CallNative {
        native: NativeIdx,
        args: Reg,
        dst: Reg,
    },
    /// Returns from the current function.
    /// - Operands: `src` (first of `count` == `Func::results` registers). If deferred calls remain, runs them first
    ///   (like `RunDefers`) and then returns the registers, which deferred calls cannot change. Named results that
    ///   deferred closures may modify live in boxes: store them, `RunDefers`, load them, then `Return`.
    /// - Registers: pops the frame; the caller's `dst..` receive the results. Blocks? no. Go analogue: `return a, b`.
    Return { src: Reg, count: u16 },
    /// Starts a goroutine.
    /// - Operands: `callee` (func value), `args` (its `params` registers, evaluated now).
    /// - Registers: none. Blocks? yields `Effect::Runtime(RuntimeOp::Go)`; the scheduler completes with no results.
    /// - Go analogue: `go f(x)` (`runtime.newproc`).
    Go { callee: Reg, args: Reg },
    /// Registers a deferred call (LIFO), its arguments evaluated now.
    /// - Operands: `callee` (func value), `args`. Registers: none. Blocks? no.
    /// - Go analogue: `defer f(x)` (`runtime.deferproc`). Method and builtin calls are wrapped in closures.
    Defer { callee: Reg, args: Reg },
    /// Runs this frame's pending deferred calls, newest first, then continues at the next instruction.
    /// - Operands: none. Registers: none. Blocks? no (deferred calls may).
    /// - Go analogue: `runtime.deferreturn`, used before reading named results that defers may change.
    RunDefers,
    /// Panics with a value (already converted to `any`).
    /// - Operands: `src`. Registers: none; unwinds, running deferred calls. Blocks? no.
    /// - Go analogue: `panic(v)`; `panic(nil)` panics with a `*runtime.PanicNilError`.
    Panic { src: Reg },
    /// Recovers a panic when called directly by a deferred call that the panic is running.
    /// - Operands: `dst`. Registers: `dst = recovered value` or nil. Blocks? no. Go analogue: `recover()`.
    Recover { dst: Reg },
    /// Ends the goroutine after running all its deferred calls.
    /// - Operands: none. Blocks? ends with `Effect::Goexited`. Go analogue: `runtime.Goexit()`.
    Goexit,
    /// Converts a concrete value to an interface value.
    /// - Operands: `dst`, `src`, `ty` (the dynamic type = static type of `src`). Registers: `dst = any(src)`.
    /// - Blocks? no. Go analogue: `var i any = x`, passing `x` to a `...any` parameter.
    MakeIface { dst: Reg, src: Reg, ty: TypeId },
    /// Type assertion to a concrete or interface type.
    /// - Operands: `dst`, `src` (interface), `ty` (target type), `from` (static interface type of `src`, for the
    ///   message), `form`.
    /// - Registers: `dst = src.(ty)` (the concrete value, or the interface value itself for interface targets);
    ///   with `CommaOk` also `dst+1 = ok` and `dst = zero(ty)` on failure.
    /// - Blocks? no. Panics: "interface conversion: interface {} is string, not int" (a `*runtime.TypeAssertionError`).
    /// - Go analogue: `x.(T)`, `v, ok := x.(T)`, each case of a type switch (with `CommaOk`).
    TypeAssert {
        dst: Reg,
        src: Reg,
        ty: TypeId,
        from: TypeId,
        form: ResultForm,
    },
    /// Unconditional jump.
    /// - Operands: `target`. Registers: none. Blocks? no (but counts against the budget). Go analogue: `goto`, loops.
    Jump { target: Pc },
    /// Jumps if `cond` is true.
    /// - Operands: `cond` (bool), `target`. Blocks? no. Go analogue: `if`, `for` conditions.
    JumpIf { cond: Reg, target: Pc },
    /// Jumps if `cond` is false.
    /// - Operands: `cond` (bool), `target`. Blocks? no. Go analogue: `if`, `for` conditions.
    JumpIfNot { cond: Reg, target: Pc },
    /// An integer comparison with an immediate fused with the `JumpIfNot` on its result that follows it:
    /// `dst = lhs op imm`, then to `target` if false, else past that `JumpIfNot` (which stays, for jumps
    /// that land on it).
    /// - Operands: `op` (a comparison), `kind` (an integer kind), `dst`, `lhs`, `imm`, `target`.
    /// - Blocks? no. Go analogue: the condition of `for i := 0; i < 20; i++`.
    CmpImmJumpIfNot {
        op: BinOp,
        kind: NumKind,
        dst: Reg,
        lhs: Reg,
        imm: i32,
        target: Pc,
    },
    /// As [`Instr::CmpImmJumpIfNot`] with a register as the right operand: `for i < n`.
    CmpJumpIfNot {
        op: BinOp,
        kind: NumKind,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
        target: Pc,
    },
    /// An operation on scheduler state (channels, sync, timers, goroutine bookkeeping).
    /// - Operands: `op`, `args` (first of `op.arity()`), `dst` (first of `op.results()`), `ty` (channel type for
    ///   `MakeChan`, otherwise ignored).
    /// - Registers: results written by the scheduler's `complete`. Blocks? possibly: returns
    ///   `Effect::Runtime(RuntimeOp::Call)`; see [`RtCode`] for each op's wait reason.
    /// - Go analogue: `ch <- v` (`chansend1`), `<-ch`, `close`, `mu.Lock()`, `time.Sleep`...
    Runtime {
        op: RtCode,
        args: Reg,
        dst: Reg,
        ty: TypeId,
    },
    /// A select statement.
    /// - Operands: `table` (index into `Func::selects`), `dst`.
    /// - Registers: `dst = chosen case index` (-1 for default), `dst+1 = received value`, `dst+2 = ok`.
    /// - Blocks? returns `Effect::Runtime(RuntimeOp::Select)`: "select" / "select (no cases)".
    /// - Go analogue: `select { ... }` (`runtime.selectgo`).
    Select { table: u32, dst: Reg },
    /// fmt printing/formatting: may call `String()`/`Error()` methods of the operands (see [`crate::fmt`]).
    /// - Operands: `op`, `args` (see [`FmtOp`]), `dst` (its results).
    /// - Registers: `dst..` = results. Blocks? no; output goes to the context's output buffer.
    /// - Go analogue: `fmt.Println(a, b)`, `fmt.Sprintf("%d", x)`, `fmt.Errorf("...: %w", err)`.
    Fmt { op: FmtOp, args: Reg, dst: Reg },
    /// Builtin `print`/`println` to stderr (Go's runtime printing: `println(1.5)` prints `+1.500000e+000`).
    /// - Operands: `form`, `args` (first of `count` registers, each converted to `any` by `MakeIface`), `count`.
    /// - Registers: none. Blocks? no. Go analogue: `println(x, y)`.
    Print {
        form: PrintForm,
        args: Reg,
        count: u16,
    },
}

/// The largest struct/array type (in flat slots) a program may declare: a host memory limit of the model
/// (`var a [1 << 30]int` is valid Go but would need 24 GiB here).
pub const MAX_TYPE_SLOTS: u32 = 1 << 24;

/// An error found by [`Program::validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramError {
    /// The function (name) where the problem is, if any.
    pub func: Option<String>,
    /// The instruction index, if any.
    pub pc: Option<Pc>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid program")?;
        if let Some(func) = &self.func {
            write!(f, " in {func}")?;
        }
        if let Some(pc) = self.pc {
            write!(f, " at pc {pc}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ProgramError {}

impl Program {
    /// Assigns `Global::offset`s (flat slot layout) in declaration order and returns the total slot count.
    pub fn layout_globals(&mut self) -> u32 {
        let mut offset = 0;
        for global in &mut self.globals {
            global.offset = offset;
            offset += self.types.slots(global.ty);
        }
        offset
    }

    /// Total slots of the globals object.
    pub fn global_slots(&self) -> u32 {
        self.globals
            .iter()
            .map(|g| g.offset + self.types.slots(g.ty))
            .max()
            .unwrap_or(0)
    }

    /// The function with this id.
    pub fn func(&self, id: FuncId) -> &Func {
        &self.funcs[id.0 as usize]
    }

    /// Index of a native by name, if the program uses it.
    pub fn native_index(&self, name: &str) -> Option<NativeIdx> {
        self.natives
            .iter()
            .position(|n| n == name)
            .map(|i| NativeIdx(i as u32))
    }

    /// Checks every invariant listed in the module docs. Run once on load; afterwards the interpreter trusts
    /// the program (a failure at run time on a validated program is a bug in this crate).
    pub fn validate(&self) -> Result<(), ProgramError> {
        validate_program(self)
    }
}

fn validate_program(p: &Program) -> Result<(), ProgramError> {
    let err = |func: Option<&Func>, pc: Option<usize>, message: String| ProgramError {
        func: func.map(|f| f.name.clone()),
        pc: pc.map(|p| p as Pc),
        message,
    };
    let n_types = p.types.len() as u32;
    let n_funcs = p.funcs.len() as u32;
    if p.entry.0 >= n_funcs {
        return Err(err(
            None,
            None,
            format!("entry function {} out of range", p.entry.0),
        ));
    }
    let entry = p.func(p.entry);
    if entry.params != 0 || entry.results != 0 {
        return Err(err(
            Some(entry),
            None,
            "the entry function must take no parameters and return no results".into(),
        ));
    }
    for d in &p.types.descs {
        for m in &d.methods {
            if let crate::types::MethodImpl::Func { func, .. } = m.imp {
                if func.0 >= n_funcs {
                    return Err(err(
                        None,
                        None,
                        format!("method of type {} refers to function {}", d.name, func.0),
                    ));
                }
            }
        }
    }
    for d in &p.types.descs {
        if d.slots > MAX_TYPE_SLOTS {
            return Err(err(
                None,
                None,
                format!(
                    "type {} has {} slots, more than the model's limit of {MAX_TYPE_SLOTS}",
                    d.name, d.slots
                ),
            ));
        }
    }
    for g in &p.globals {
        if g.ty.0 >= n_types {
            return Err(err(
                None,
                None,
                format!("global {} has an invalid type", g.name),
            ));
        }
    }
    for native in &p.natives {
        if crate::natives::lookup(native).is_none() {
            return Err(err(
                None,
                None,
                format!("unknown native function {native:?}"),
            ));
        }
    }
    for f in &p.funcs {
        if f.regs < f.params || f.regs == u16::MAX {
            return Err(err(
                Some(f),
                None,
                "register window smaller than its parameters".into(),
            ));
        }
        if f.result_types.len() != f.results as usize {
            return Err(err(
                Some(f),
                None,
                "result_types does not match results".into(),
            ));
        }
        if f.spans.len() != f.code.len() {
            return Err(err(Some(f), None, "spans and code differ in length".into()));
        }
        if f.code.is_empty() {
            return Err(err(Some(f), None, "empty function body".into()));
        }
        if let Some(pc) = f.recover_pc {
            if pc as usize >= f.code.len() {
                return Err(err(Some(f), None, "recover_pc out of range".into()));
            }
        }
        for l in &f.locals {
            if l.reg.0 >= f.regs || l.ty.0 >= n_types {
                return Err(err(Some(f), None, format!("local {} out of range", l.name)));
            }
        }
        for t in &f.result_types {
            if t.0 >= n_types {
                return Err(err(Some(f), None, "invalid result type".into()));
            }
        }
        for table in &f.selects {
            for case in &table.cases {
                let regs = match *case {
                    SelectCaseDesc::Send { chan, value } => vec![chan, value],
                    SelectCaseDesc::Recv { chan } => vec![chan],
                };
                if regs.iter().any(|r| r.0 >= f.regs) {
                    return Err(err(
                        Some(f),
                        None,
                        "select case register out of range".into(),
                    ));
                }
            }
        }
        for (pc, instr) in f.code.iter().enumerate() {
            let ctx = InstrCheck {
                p,
                f,
                n_types,
                n_funcs,
            };
            ctx.check(instr).map_err(|m| err(Some(f), Some(pc), m))?;
            if matches!(
                instr,
                Instr::CmpImmJumpIfNot { .. } | Instr::CmpJumpIfNot { .. }
            ) && pc + 2 >= f.code.len()
            {
                return Err(err(
                    Some(f),
                    Some(pc),
                    "a fused comparison must be followed by its jump".into(),
                ));
            }
        }
        match f.code.last() {
            Some(Instr::Return { .. })
            | Some(Instr::Jump { .. })
            | Some(Instr::Panic { .. })
            | Some(Instr::Goexit) => {}
            _ => {
                return Err(err(
                    Some(f),
                    Some(f.code.len() - 1),
                    "the last instruction can fall through".into(),
                ))
            }
        }
    }
    Ok(())
}

struct InstrCheck<'a> {
    p: &'a Program,
    f: &'a Func,
    n_types: u32,
    n_funcs: u32,
}

impl InstrCheck<'_> {
    fn reg(&self, r: Reg) -> Result<(), String> {
        if r.0 < self.f.regs {
            Ok(())
        } else {
            Err(format!(
                "register r{} out of range (window {})",
                r.0, self.f.regs
            ))
        }
    }
    fn opt(&self, r: OptReg) -> Result<(), String> {
        if r == Reg::NONE {
            Ok(())
        } else {
            self.reg(r)
        }
    }
    fn range(&self, r: Reg, n: usize) -> Result<(), String> {
        if r.0 as usize + n <= self.f.regs as usize {
            Ok(())
        } else {
            Err(format!(
                "register range r{}..+{} out of range (window {})",
                r.0, n, self.f.regs
            ))
        }
    }
    fn ty(&self, t: TypeId) -> Result<(), String> {
        if t.0 < self.n_types {
            Ok(())
        } else {
            Err(format!("type {} out of range", t.0))
        }
    }
    fn func(&self, id: FuncId) -> Result<&Func, String> {
        if id.0 < self.n_funcs {
            Ok(self.p.func(id))
        } else {
            Err(format!("function {} out of range", id.0))
        }
    }
    fn fused_comparison(
        &self,
        op: BinOp,
        kind: NumKind,
        regs: &[Reg],
        target: Pc,
    ) -> Result<(), String> {
        for &r in regs {
            self.reg(r)?;
        }
        self.target(target)?;
        if kind.is_int() && op.is_comparison() {
            Ok(())
        } else {
            Err(format!("fused comparison {op:?} on {kind:?}"))
        }
    }

    fn target(&self, pc: Pc) -> Result<(), String> {
        if (pc as usize) < self.f.code.len() {
            Ok(())
        } else {
            Err(format!("jump target {pc} out of range"))
        }
    }
    fn kind_of(&self, t: TypeId) -> &crate::types::TypeKind {
        self.p.types.kind(t)
    }

    fn check(&self, instr: &Instr) -> Result<(), String> {
        use crate::types::TypeKind as K;
        use Instr::*;
        match *instr {
            Nop | RunDefers | Goexit => Ok(()),
            Move { dst, src } => self.reg(dst).and(self.reg(src)),
            Const { dst, konst } => {
                self.reg(dst)?;
                if (konst.0 as usize) < self.p.consts.len() {
                    Ok(())
                } else {
                    Err(format!("constant {} out of range", konst.0))
                }
            }
            Int { dst, .. } => self.reg(dst),
            Zero { dst, ty } | New { dst, ty } => self.reg(dst).and(self.ty(ty)),
            Binary {
                dst,
                lhs,
                rhs,
                op,
                kind,
            } => {
                self.reg(dst)?;
                self.reg(lhs)?;
                self.reg(rhs)?;
                let ok = match op {
                    BinOp::Add => kind != NumKind::Bool,
                    BinOp::Sub | BinOp::Mul | BinOp::Div => kind.is_int() || kind.is_float(),
                    BinOp::Rem
                    | BinOp::And
                    | BinOp::Or
                    | BinOp::Xor
                    | BinOp::AndNot
                    | BinOp::Shl
                    | BinOp::Shr => kind.is_int(),
                    BinOp::Eq | BinOp::Ne => true,
                    BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => kind != NumKind::Bool,
                };
                if ok {
                    Ok(())
                } else {
                    Err(format!("operator {op:?} not defined on {kind:?}"))
                }
            }
            BinaryConst {
                dst, lhs, konst, ..
            } if (konst.0 as usize) >= self.p.consts.len() => {
                self.reg(dst)?;
                self.reg(lhs)?;
                Err(format!("constant {} out of range", konst.0))
            }
            BinaryImm { dst, lhs, kind, .. } | BinaryConst { dst, lhs, kind, .. } => {
                self.reg(dst)?;
                self.reg(lhs)?;
                if kind.is_int() {
                    Ok(())
                } else {
                    Err(format!("immediate operand on {kind:?}"))
                }
            }
            Unary { dst, src, .. } | Convert { dst, src, .. } => self.reg(dst).and(self.reg(src)),
            Eq { dst, lhs, rhs } | Ne { dst, lhs, rhs } => {
                self.reg(dst).and(self.reg(lhs)).and(self.reg(rhs))
            }
            StrIndex { dst, src, index } => self.reg(dst).and(self.reg(src)).and(self.reg(index)),
            DecodeRune { dst, src, index } => {
                self.range(dst, 2).and(self.reg(src)).and(self.reg(index))
            }
            StrConv { dst, src, .. } => self.reg(dst).and(self.reg(src)),
            Slice {
                dst,
                src,
                lo,
                hi,
                max,
                ty,
            } => {
                self.reg(dst)?;
                self.reg(src)?;
                self.opt(lo)?;
                self.opt(hi)?;
                self.opt(max)?;
                self.ty(ty)?;
                match self.kind_of(ty) {
                    K::String | K::Slice { .. } => Ok(()),
                    K::Pointer { elem } if matches!(self.kind_of(*elem), K::Array { .. }) => Ok(()),
                    _ => Err("slice of a non-sliceable type".into()),
                }
            }
            MakeAgg {
                dst,
                ty,
                src,
                count,
            } => {
                self.reg(dst)?;
                self.range(src, count as usize)?;
                self.ty(ty)?;
                match self.kind_of(ty) {
                    K::Struct { fields } if fields.len() >= count as usize => Ok(()),
                    K::Array { len, .. } if *len as usize >= count as usize => Ok(()),
                    _ => Err("MakeAgg of a non-aggregate type or with too many values".into()),
                }
            }
            GetField { dst, src, ty, .. } => self.reg(dst).and(self.reg(src)).and(self.ty(ty)),
            SetField { dst, src, ty, .. } => self.reg(dst).and(self.reg(src)).and(self.ty(ty)),
            IndexAgg {
                dst,
                src,
                index,
                ty,
            }
            | SetIndexAgg {
                dst,
                src,
                index,
                ty,
            } => {
                self.reg(dst)?;
                self.reg(src)?;
                self.reg(index)?;
                self.ty(ty)?;
                match self.kind_of(ty) {
                    K::Array { .. } => Ok(()),
                    _ => Err("IndexAgg on a non-array type".into()),
                }
            }
            Box { dst, src, ty } | Load { dst, ptr: src, ty } => {
                self.reg(dst).and(self.reg(src)).and(self.ty(ty))
            }
            Store { ptr, src, ty } => self.reg(ptr).and(self.reg(src)).and(self.ty(ty)),
            FieldAddr { dst, ptr, .. } => self.reg(dst).and(self.reg(ptr)),
            LoadField { dst, ptr, ty, .. } => self.reg(dst).and(self.reg(ptr)).and(self.ty(ty)),
            StoreField { ptr, src, ty, .. } => self.reg(ptr).and(self.reg(src)).and(self.ty(ty)),
            GlobalAddr { dst, offset } => {
                self.reg(dst)?;
                if offset < self.p.global_slots().max(1) {
                    Ok(())
                } else {
                    Err("global offset out of range".into())
                }
            }
            LoadGlobal { dst: r, offset, ty } | StoreGlobal { src: r, offset, ty } => {
                self.reg(r)?;
                self.ty(ty)?;
                if offset + self.p.types.slots(ty) <= self.p.global_slots() {
                    Ok(())
                } else {
                    Err("global offset out of range".into())
                }
            }
            Index {
                dst,
                src,
                index,
                ty,
            }
            | SetIndex {
                dst,
                index,
                src,
                ty,
            }
            | IndexAddr {
                dst,
                src,
                index,
                ty,
            } => {
                self.reg(dst)?;
                self.reg(src)?;
                self.reg(index)?;
                self.ty(ty)?;
                match self.kind_of(ty) {
                    K::Slice { .. } => Ok(()),
                    K::Pointer { elem } if matches!(self.kind_of(*elem), K::Array { .. }) => Ok(()),
                    _ => Err(
                        "Index on a type that is neither a slice nor a pointer to an array".into(),
                    ),
                }
            }
            MakeSlice { dst, len, cap, ty } => {
                self.reg(dst)?;
                self.reg(len)?;
                self.opt(cap)?;
                self.ty(ty)?;
                self.slice_ty(ty)
            }
            Append {
                dst,
                src,
                args,
                count,
                ty,
            } => {
                self.reg(dst)?;
                self.reg(src)?;
                self.range(args, count as usize)?;
                self.ty(ty)?;
                self.slice_ty(ty)
            }
            AppendSlice {
                dst,
                src,
                other,
                ty,
            } => {
                self.reg(dst)?;
                self.reg(src)?;
                self.reg(other)?;
                self.ty(ty)?;
                self.slice_ty(ty)
            }
            Copy {
                dst,
                target,
                src,
                ty,
            } => {
                self.reg(dst)?;
                self.reg(target)?;
                self.reg(src)?;
                self.ty(ty)?;
                self.slice_ty(ty)
            }
            Len { dst, src } | Cap { dst, src } => self.reg(dst).and(self.reg(src)),
            Clear { dst, ty } => self.reg(dst).and(self.ty(ty)),
            MakeMap { dst, ty, hint } => {
                self.reg(dst)?;
                self.opt(hint)?;
                self.ty(ty)?;
                self.map_ty(ty)
            }
            MapGet {
                dst,
                map,
                key,
                ty,
                form,
            } => {
                self.range(dst, if form == ResultForm::CommaOk { 2 } else { 1 })?;
                self.reg(map)?;
                self.reg(key)?;
                self.ty(ty)?;
                self.map_ty(ty)
            }
            MapSet { map, key, src } => self.reg(map).and(self.reg(key)).and(self.reg(src)),
            MapDelete { map, key } => self.reg(map).and(self.reg(key)),
            MapRange { dst, map } => self.reg(dst).and(self.reg(map)),
            MapNext { iter, dst, done } => self
                .reg(iter)
                .and(self.range(dst, 2))
                .and(self.target(done)),
            Func { dst, func } => self.reg(dst).and(self.func(func).map(|_| ())),
            Closure {
                dst,
                func,
                captures,
                count,
            } => {
                self.reg(dst)?;
                self.func(func)?;
                self.range(captures, count as usize)
            }
            Capture { dst, .. } => self.reg(dst),
            Call { func, args, dst } => {
                let callee = self.func(func)?;
                self.range(args, callee.params as usize)?;
                self.range(dst, callee.results as usize)
            }
            CallValue { callee, args, dst } => {
                self.reg(callee).and(self.reg(args)).and(self.reg(dst))
            }
            CallMethod {
                recv,
                method,
                args,
                dst,
            } => {
                self.reg(recv)?;
                self.reg(dst)?;
                if args.0 > self.f.regs {
                    return Err("argument register out of range".into());
                }
                if (method.0 as usize) < self.p.types.names.len() {
                    Ok(())
                } else {
                    Err("method name out of range".into())
                }
            }
            CallNative { native, args, dst } => {
                let name = self
                    .p
                    .natives
                    .get(native.0 as usize)
                    .ok_or("native index out of range")?;
                let n = crate::natives::lookup(name)
                    .ok_or_else(|| format!("unknown native {name:?}"))?;
                self.range(args, n.arity)?;
                self.range(dst, n.results)
            }
            Return { src, count } => {
                if count != self.f.results {
                    return Err(format!(
                        "returns {count} values, function has {} results",
                        self.f.results
                    ));
                }
                self.range(src, count as usize)
            }
            Go { callee, args } | Defer { callee, args } => {
                self.reg(callee)?;
                if args.0 > self.f.regs {
                    Err("argument register out of range".into())
                } else {
                    Ok(())
                }
            }
            Panic { src } => self.reg(src),
            Recover { dst } => self.reg(dst),
            MakeIface { dst, src, ty } => {
                self.reg(dst)?;
                self.reg(src)?;
                self.ty(ty)?;
                if self.p.types.is_interface(ty) {
                    Err("MakeIface with an interface type (use Move)".into())
                } else {
                    Ok(())
                }
            }
            TypeAssert {
                dst,
                src,
                ty,
                from,
                form,
            } => {
                self.range(dst, if form == ResultForm::CommaOk { 2 } else { 1 })?;
                self.reg(src)?;
                self.ty(ty)?;
                self.ty(from)
            }
            Jump { target } => self.target(target),
            JumpIf { cond, target } | JumpIfNot { cond, target } => {
                self.reg(cond).and(self.target(target))
            }
            CmpImmJumpIfNot {
                op,
                kind,
                dst,
                lhs,
                target,
                ..
            } => self.fused_comparison(op, kind, &[dst, lhs], target),
            CmpJumpIfNot {
                op,
                kind,
                dst,
                lhs,
                rhs,
                target,
            } => self.fused_comparison(op, kind, &[dst, lhs, rhs], target),
            Runtime { op, args, dst, ty } => {
                self.range(args, op.arity())?;
                self.range(dst, op.results())?;
                self.ty(ty)
            }
            Select { table, dst } => {
                if (table as usize) >= self.f.selects.len() {
                    return Err("select table out of range".into());
                }
                self.range(dst, 3)
            }
            Fmt { op, args, dst } => {
                let (a, r) = match op {
                    FmtOp::Print(_) | FmtOp::Println(_) => (1, 2),
                    FmtOp::Printf(_) => (2, 2),
                    FmtOp::Sprint | FmtOp::Sprintln => (1, 1),
                    FmtOp::Sprintf | FmtOp::Errorf => (2, 1),
                };
                self.range(args, a).and(self.range(dst, r))
            }
            Print { args, count, .. } => self.range(args, count as usize),
        }
    }

    fn slice_ty(&self, ty: TypeId) -> Result<(), String> {
        match self.kind_of(ty) {
            crate::types::TypeKind::Slice { .. } => Ok(()),
            _ => Err("expected a slice type".into()),
        }
    }

    fn map_ty(&self, ty: TypeId) -> Result<(), String> {
        match self.kind_of(ty) {
            crate::types::TypeKind::Map { .. } => Ok(()),
            _ => Err("expected a map type".into()),
        }
    }
}
