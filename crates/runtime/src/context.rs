//! The context tree: the contexts of Go's package context as front ends draw them (parent → children, each
//! context's done channel, its deadline on the virtual clock, and when, by whom and why it was cancelled).
//!
//! Package context (context/context.go) is ordinary Go code built on channels, a mutex and timers; the
//! compiler's prelude runs our own version of it like user code, so the runtime cannot see a context as one
//! object. The prelude therefore reports what it does with three runtime operations, and this module only
//! records them: nothing here changes what the program does (each report completes at once, like
//! `time.Now`, and the goroutine goes on running).
//!
//! - [`RtCode::ContextTrack`]: a context was made (kind, parent, deadline, value key and value).
//! - [`RtCode::ContextDone`]: its done channel was made (lazily, on the first `Done()`, as Go does).
//! - [`RtCode::ContextCancel`]: it was cancelled (its done channel, the error and the cause).
//!
//! `context.Background()` and `context.TODO()` are values without identity in Go; they appear here once,
//! as a root, the first time a context is made from them.
//!
//! Invariants (asserted by [`Contexts::check_invariants`]):
//! - A context's id is its index in the table; ids are never reused.
//! - A parent was made before its children (`parent < id`); only Background and TODO are roots by kind,
//!   other contexts without a parent were made from a Context the program implements itself.
//! - A context is cancelled at most once; Background, TODO and WithoutCancel contexts are never cancelled.
//!
//! [`RtCode::ContextTrack`]: crate::program::RtCode::ContextTrack
//! [`RtCode::ContextDone`]: crate::program::RtCode::ContextDone
//! [`RtCode::ContextCancel`]: crate::program::RtCode::ContextCancel

use serde::{Deserialize, Serialize};

use crate::event::Event;
use crate::ids::{ChanId, ContextId, GoroutineId};
use crate::program::RtCode;
use crate::runtime::Runtime;
use crate::types::builtin;
use crate::value::Value;

/// Which function of package context made a context, named as Go's own `String` methods name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContextKind {
    Background,
    Todo,
    /// WithCancel or WithCancelCause (both make a `cancelCtx`).
    WithCancel,
    /// WithDeadline, WithTimeout or their Cause forms (a `timerCtx`).
    WithDeadline,
    WithValue,
    WithoutCancel,
    AfterFunc,
}

impl ContextKind {
    /// The kind the prelude passes to [`RtCode::ContextTrack`] as this number (1-based, in declaration
    /// order).
    ///
    /// [`RtCode::ContextTrack`]: crate::program::RtCode::ContextTrack
    pub fn from_code(code: i64) -> Option<ContextKind> {
        use ContextKind::*;
        [
            Background,
            Todo,
            WithCancel,
            WithDeadline,
            WithValue,
            WithoutCancel,
            AfterFunc,
        ]
        .get(usize::try_from(code).ok()?.checked_sub(1)?)
        .copied()
    }

    /// Go's name of the function: "context.WithCancel" (also for WithCancelCause, as Go's `String` says).
    pub fn function(self) -> &'static str {
        match self {
            ContextKind::Background => "context.Background",
            ContextKind::Todo => "context.TODO",
            ContextKind::WithCancel => "context.WithCancel",
            ContextKind::WithDeadline => "context.WithDeadline",
            ContextKind::WithValue => "context.WithValue",
            ContextKind::WithoutCancel => "context.WithoutCancel",
            ContextKind::AfterFunc => "context.AfterFunc",
        }
    }

    /// Whether a context of this kind can be cancelled.
    pub fn cancelable(self) -> bool {
        !matches!(
            self,
            ContextKind::Background
                | ContextKind::Todo
                | ContextKind::WithValue
                | ContextKind::WithoutCancel
        )
    }
}

/// One context, as plain data (the snapshot lists these by id).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContextView {
    pub id: ContextId,
    pub kind: ContextKind,
    /// The context it was made from; None for Background and TODO, and for a context made from a Context
    /// the program implements itself (`foreign_parent`).
    pub parent: Option<ContextId>,
    /// Made from a Context the program implements itself (package context watches it with a goroutine).
    pub foreign_parent: bool,
    /// The goroutine that made it.
    pub created_by: GoroutineId,
    /// WithValue: the key's dynamic type (Go's `%T`) and the key and value as `%v` text (without calling
    /// the program's own String or Error methods).
    pub key_type: Option<String>,
    pub key: Option<String>,
    pub value: Option<String>,
    /// WithDeadline (and WithTimeout): the deadline on the virtual clock (Unix ns).
    pub deadline_ns: Option<i64>,
    /// The done channel, once something asked for it (`Done()`) or the context was cancelled.
    pub done: Option<ChanId>,
    pub cancelled: Option<Cancellation>,
}

/// How a context ended.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cancellation {
    /// `ctx.Err()`: "context canceled" or "context deadline exceeded".
    pub err: String,
    /// `context.Cause(ctx)`: the cause given to a CancelCauseFunc or a ...Cause function, else `err`.
    pub cause: String,
    /// Virtual time of the cancellation (Unix ns).
    pub at_ns: i64,
    /// The goroutine that cancelled it (for a propagated cancellation: the one that cancelled the parent;
    /// for a deadline: the goroutine running the timer's function).
    pub by: GoroutineId,
}

/// The table of contexts, in order of creation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Contexts {
    pub(crate) list: Vec<ContextView>,
}

/// Longest `%v` text of a WithValue key or value kept (longer ones end in "…").
const TEXT_MAX: usize = 80;

impl Contexts {
    /// Every context, by id.
    pub fn list(&self) -> &[ContextView] {
        &self.list
    }

    fn get_mut(&mut self, id: i64) -> Option<&mut ContextView> {
        let i = usize::try_from(id.checked_sub(1)?).ok()?;
        self.list.get_mut(i)
    }

    /// The root of this kind (Background or TODO), made on first use.
    fn root(&mut self, kind: ContextKind, g: GoroutineId) -> ContextId {
        if let Some(c) = self.list.iter().find(|c| c.kind == kind) {
            return c.id;
        }
        self.push(kind, None, false, g)
    }

    fn push(
        &mut self,
        kind: ContextKind,
        parent: Option<ContextId>,
        foreign_parent: bool,
        g: GoroutineId,
    ) -> ContextId {
        let id = ContextId(self.list.len() as u32);
        self.list.push(ContextView {
            id,
            kind,
            parent,
            foreign_parent,
            created_by: g,
            key_type: None,
            key: None,
            value: None,
            deadline_ns: None,
            done: None,
            cancelled: None,
        });
        id
    }

    /// Asserts the invariants in the module header.
    pub fn check_invariants(&self) {
        for (i, c) in self.list.iter().enumerate() {
            assert_eq!(c.id.index(), i, "context ids are table indexes");
            if let Some(p) = c.parent {
                assert!(p < c.id, "context {i}: parent {} made later", p.0);
            } else {
                assert!(
                    c.foreign_parent
                        || matches!(c.kind, ContextKind::Background | ContextKind::Todo),
                    "context {i}: no parent"
                );
            }
            assert!(
                c.cancelled.is_none() || c.kind.cancelable(),
                "context {i}: a {:?} cannot be cancelled",
                c.kind
            );
        }
    }
}

/// `s` cut to [`TEXT_MAX`] characters.
fn shorten(s: String) -> String {
    if s.chars().count() <= TEXT_MAX {
        return s;
    }
    let mut out: String = s.chars().take(TEXT_MAX - 1).collect();
    out.push('…');
    out
}

impl Runtime {
    /// The context tree, by id.
    pub fn contexts(&self) -> &[ContextView] {
        self.contexts.list()
    }

    /// The elements of a `[]any` argument.
    fn any_elems(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::Slice(s) => self
                .heap
                .slots(s.obj)
                .and_then(|slots| slots.get(s.offset as usize..(s.offset + s.len) as usize))
                .map(<[Value]>::to_vec)
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// `%v` of an `any` value without calling the program's own methods.
    fn any_text(&self, v: &Value) -> String {
        crate::fmt::sprint_value(v, builtin::ANY, &self.program.types, &self.heap)
    }

    /// [`RtCode::ContextTrack`], [`RtCode::ContextDone`] and [`RtCode::ContextCancel`]: records what the
    /// prelude's package context reports. Returns the results to complete the operation with, or the
    /// message of a fatal error for arguments the prelude never passes.
    pub(crate) fn context_op(
        &mut self,
        g: GoroutineId,
        code: RtCode,
        args: &[Value],
    ) -> Result<Vec<Value>, String> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Nil);
        let inner = |v: Value| match v {
            Value::Iface(i) => i.value.clone(),
            v => v,
        };
        match code {
            RtCode::ContextTrack => {
                let kind = arg(0).as_int();
                let kind = ContextKind::from_code(kind)
                    .filter(|k| !matches!(k, ContextKind::Background | ContextKind::Todo))
                    .ok_or_else(|| format!("goroscope: unknown context kind {kind}"))?;
                let info = self.any_elems(&arg(1));
                let field = |i: usize| info.get(i).cloned().unwrap_or(Value::Nil);
                let (parent, foreign) = match inner(field(0)).as_int() {
                    -1 => (Some(self.contexts.root(ContextKind::Background, g)), false),
                    -2 => (Some(self.contexts.root(ContextKind::Todo, g)), false),
                    0 => (None, true),
                    n if n > 0 && (n as u64) <= self.contexts.list.len() as u64 => {
                        (Some(ContextId(n as u32 - 1)), false)
                    }
                    n => return Err(format!("goroscope: unknown parent context {n}")),
                };
                let id = self.contexts.push(kind, parent, foreign, g);
                let deadline = match inner(field(1)) {
                    Value::Int(ns) if kind == ContextKind::WithDeadline => Some(ns),
                    _ => None,
                };
                let (key_type, key, value) = if kind == ContextKind::WithValue {
                    let key = field(2);
                    let key_type = key
                        .as_iface()
                        .map(|i| self.program.types.name(i.ty).to_string());
                    (
                        key_type,
                        Some(shorten(self.any_text(&key))),
                        Some(shorten(self.any_text(&field(3)))),
                    )
                } else {
                    (None, None, None)
                };
                let c = &mut self.contexts.list[id.index()];
                c.deadline_ns = deadline;
                c.key_type = key_type;
                c.key = key;
                c.value = value;
                self.emit(|| Event::ContextCreated {
                    context: id,
                    kind,
                    parent,
                    goroutine: g,
                });
                Ok(vec![Value::Int(id.0 as i64 + 1)])
            }
            RtCode::ContextDone => {
                let chan = match inner(arg(1)) {
                    Value::Chan(c) => c,
                    _ => return Err("goroscope: a context's done channel is nil".into()),
                };
                let c = self
                    .contexts
                    .get_mut(arg(0).as_int())
                    .ok_or("goroscope: unknown context")?;
                c.done = Some(chan);
                let id = c.id;
                self.emit(|| Event::ContextDoneMade { context: id, chan });
                Ok(Vec::new())
            }
            RtCode::ContextCancel => {
                let info = self.any_elems(&arg(1));
                let field = |i: usize| info.get(i).cloned().unwrap_or(Value::Nil);
                let err = self.any_text(&field(1));
                let cause = match field(2) {
                    Value::Nil => err.clone(),
                    v => self.any_text(&v),
                };
                let done = match inner(field(0)) {
                    Value::Chan(c) => Some(c),
                    _ => None,
                };
                let at_ns = self.timers.now_ns;
                let c = self
                    .contexts
                    .get_mut(arg(0).as_int())
                    .ok_or("goroscope: unknown context")?;
                if !c.kind.cancelable() || c.cancelled.is_some() {
                    return Err(format!("goroscope: context {} cancelled twice", c.id.0));
                }
                c.done = done.or(c.done);
                c.cancelled = Some(Cancellation {
                    err: err.clone(),
                    cause: cause.clone(),
                    at_ns,
                    by: g,
                });
                let id = c.id;
                self.emit(|| Event::ContextCancelled {
                    context: id,
                    goroutine: g,
                    err,
                    cause,
                });
                Ok(Vec::new())
            }
            _ => Err(format!("goroscope: {code:?} is not a context operation")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_their_codes() {
        assert_eq!(ContextKind::from_code(0), None);
        assert_eq!(ContextKind::from_code(1), Some(ContextKind::Background));
        assert_eq!(ContextKind::from_code(7), Some(ContextKind::AfterFunc));
        assert_eq!(ContextKind::from_code(8), None);
        assert_eq!(ContextKind::from_code(-3), None);
        assert_eq!(ContextKind::WithDeadline.function(), "context.WithDeadline");
    }

    #[test]
    fn shorten_cuts_long_text() {
        assert_eq!(shorten("abc".into()), "abc");
        let long = "x".repeat(100);
        let cut = shorten(long);
        assert_eq!(cut.chars().count(), TEXT_MAX);
        assert!(cut.ends_with('…'));
    }
}
