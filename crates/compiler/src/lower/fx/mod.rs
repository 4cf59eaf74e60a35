//! Lowering of one function body (statements and expressions) to register code.
//!
//! Models cmd/compile's order/walk for our machine: expressions are evaluated left to right into
//! registers; temporaries are released at the end of each statement; locals keep their register for the
//! rest of their block.
//!
//! Invariants: `top` never drops below the registers of live locals (`floor`); every label is bound
//! before `finish`; spans of emitted instructions follow the node being lowered.

use std::collections::HashMap;

use runtime::program::{
    BinOp, Const, Func, FuncId, Instr, LocalVar, NumKind, Reg, ResultForm, RtCode, SelectCaseDesc,
    SelectTable, SourceSpan, StrConvOp, UnOp,
};
use runtime::types::{builtin, TypeId as RT};

use super::{intrinsics, thunks, Lowerer, Subst, Unsupported, R};
use crate::ast::{BranchKind, Decl, Expr, ExprKind, FuncType, NodeId, Stmt, StmtKind};
use crate::check::{Builtin, ObjId, ObjKind, Selection};
use crate::constant::ConstValue;
use crate::diagnostic::Span;
use crate::lexer::Operator;
use crate::types::{Basic, Type, TypeId as CT};

mod call;
mod concurrency;
mod expr;
mod order;
mod place;
mod stmt;

#[derive(Clone, Copy, Debug)]
pub(super) struct Var {
    pub reg: Reg,
    pub boxed: bool,
    pub ty: CT,
}

struct Loop {
    label: Option<String>,
    brk: usize,
    cont: Option<usize>,
}

/// An assignable location.
#[derive(Clone, Copy, Debug)]
pub(super) enum Place {
    Blank,
    Local(Reg, CT),
    /// Through a pointer plus a slot offset.
    Ptr(Reg, u32, CT),
    Global(u32, CT),
    /// A field of an aggregate held in a register.
    AggField(Reg, u32, CT),
    /// A dynamically indexed element of an array held in a register (array rt type).
    AggIndex(Reg, Reg, RT, CT),
    /// Element of a slice or of an array through a pointer (container rt type).
    Elem(Reg, Reg, RT, CT),
    /// Map entry (map rt type).
    MapEntry(Reg, Reg, RT, CT),
}

/// A method receiver: (value, its type, the method's receiver parameter type).
type RecvArg = (Reg, CT, CT);

/// How a call's callee is reached.
enum Callee {
    /// A Go function with a body (or an intrinsic wrapper); receiver (if any) is the first argument.
    Static(FuncId),
    /// A bodyless prelude function.
    Intrinsic(ObjId),
    /// Interface method by name.
    Iface(Reg, String),
    /// A function value.
    Value(Reg),
}

pub(super) struct Fx<'l, 'a> {
    pub l: &'l mut Lowerer<'a>,
    pub file: u32,
    pub name: String,
    code: Vec<Instr>,
    spans: Vec<SourceSpan>,
    selects: Vec<SelectTable>,
    nregs: u16,
    top: u16,
    floor: u16,
    vars: HashMap<ObjId, Var>,
    labels: Vec<Option<u32>>,
    fixups: Vec<(usize, usize)>,
    loops: Vec<Loop>,
    results: Vec<CT>,
    named_results: Vec<ObjId>,
    has_defer: bool,
    recover_label: Option<usize>,
    subst: Subst,
    pub span: Span,
    closure_n: u32,
    wrap_n: u32,
    is_lit: bool,
    locals: Vec<LocalVar>,
    pending_label: Option<String>,
    /// Code labels of the function's statement labels, for `goto` (labels are function-scoped;
    /// the checker already rejected jumps into blocks or over declarations).
    goto_labels: HashMap<String, usize>,
    /// The function needs more registers than the machine has.
    too_large: bool,
    /// Calls, receives and operands the current statement evaluated ahead (`order.rs`), by node.
    hoisted: HashMap<NodeId, Reg>,
    /// The nodes in `hoisted`, in the order they were added (statements remove their own).
    hoisted_log: Vec<NodeId>,
}

/// Registers one function may use (the machine's limit is `u16::MAX`).
const REGS_MAX: u32 = 60_000;

fn unsup(file: u32, at: Span, what: &str) -> Unsupported {
    Unsupported {
        file,
        offset: at.lo,
        feature: what.to_string(),
    }
}

/// Lowers the program's entry: package variable initialisation, init functions, then main.main.
pub(super) fn lower_entry(
    l: &mut Lowerer<'_>,
    inits: &[(u32, Vec<(ObjId, u32)>)],
    init_ids: &[FuncId],
    main: FuncId,
) -> R<Func> {
    let mut fx = Fx::new(l, 0, "runtime.main".into(), Subst::default(), false);
    let ck = fx.l.ck;
    for (file, vars) in inits {
        fx.file = *file;
        let pkg = ck
            .info
            .packages
            .iter()
            .position(|p| p.file == *file)
            .unwrap_or(0) as u32;
        fx.name = format!("{}.init", fx.l.pkg_qual(pkg));
        fx.closure_n = 0;
        let f = &ck.files[*file as usize];
        for (o, _) in super::initorder::order(ck, *file, vars) {
            let ob = &ck.info.objects[o.0 as usize];
            let Some(crate::check::DeclRef::Var(_, di, si, _)) = ob.decl else {
                continue;
            };
            let Some(Decl::Var(specs)) = f.decls.get(di as usize) else {
                continue;
            };
            let Some(s) = specs.get(si as usize) else {
                continue;
            };
            let saved = fx.top;
            fx.span = s.span;
            let places: Vec<Place> = s
                .names
                .iter()
                .map(|n| match ck.info.defs.get(&n.id) {
                    Some(&o) if n.name != "_" => {
                        let (off, t) = fx.l.global(o)?;
                        Ok(Place::Global(off, t))
                    }
                    _ => Ok(Place::Blank),
                })
                .collect::<R<_>>()?;
            fx.assign_values(&places, &s.values)?;
            fx.top = saved;
        }
    }
    fx.name = "runtime.main".into();
    fx.file = 0;
    for id in init_ids {
        fx.emit(Instr::Call {
            func: *id,
            args: Reg(0),
            dst: Reg(0),
        });
    }
    fx.emit(Instr::Call {
        func: main,
        args: Reg(0),
        dst: Reg(0),
    });
    fx.emit(Instr::Return {
        src: Reg(0),
        count: 0,
    });
    fx.finish(0, vec![])
}

/// Lowers a declared function (or method) instantiated with `subst`.
pub(super) fn lower_decl(l: &mut Lowerer<'_>, id: FuncId, obj: ObjId, subst: Subst) -> R<Func> {
    let Some((file, fd)) = l.func_decl(obj) else {
        return Err(Unsupported {
            file: 0,
            offset: l.user_pos,
            feature: "function without declaration".into(),
        });
    };
    let name = l.p.funcs[id.0 as usize].name.clone();
    let Some(body) = &fd.body else {
        // A bodyless prelude function used as a value: wrap the intrinsic.
        return wrapper_body(l, obj, &name);
    };
    let mut fx = Fx::new(l, file, name, subst, false);
    fx.span = fd.span;
    let o = fx.l.ck.info.objects[obj.0 as usize].clone();
    let sig = fx.ct(o.typ);
    let Type::Func {
        params, results, ..
    } = fx.l.ty.get(sig).clone()
    else {
        return Err(unsup(file, fd.span, "function type"));
    };
    let mut names: Vec<Option<&crate::ast::Ident>> = Vec::new();
    if let Some(r) = &fd.recv {
        names.push(r.names.first());
    }
    for f in &fd.typ.params {
        if f.names.is_empty() {
            names.push(None);
        }
        for n in &f.names {
            names.push(Some(n));
        }
    }
    fx.nregs = params.len() as u16;
    fx.top = fx.nregs;
    fx.floor = fx.nregs;
    for (i, n) in names.iter().enumerate() {
        if let Some(n) = n {
            if let Some(&po) = fx.l.ck.info.defs.get(&n.id) {
                let t = params.get(i).copied().unwrap_or(CT(0));
                fx.bind_param(po, Reg(i as u16), t)?;
            }
        }
    }
    fx.results = results.clone();
    fx.prologue_results(&fd.typ)?;
    fx.has_defer = contains_defer(&body.stmts);
    fx.block_stmts(&body.stmts)?;
    fx.epilogue()?;
    let rts = results.iter().map(|r| fx.l.rt(*r)).collect::<R<Vec<_>>>()?;
    fx.finish(params.len() as u16, rts)
}

/// The body of a wrapper around a bodyless prelude function (used as a value, by go/defer, in method tables).
fn wrapper_body(l: &mut Lowerer<'_>, obj: ObjId, name: &str) -> R<Func> {
    let o = l.ck.info.objects[obj.0 as usize].clone();
    let Type::Func {
        params, results, ..
    } = l.ty.get(o.typ).clone()
    else {
        return Err(Unsupported {
            file: 0,
            offset: l.user_pos,
            feature: name.to_string(),
        });
    };
    let user_pos = l.user_pos;
    let mut fx = Fx::new(l, 0, name.to_string(), Subst::default(), false);
    fx.span = Span::at(user_pos);
    fx.nregs = params.len() as u16;
    fx.top = fx.nregs;
    fx.floor = fx.nregs;
    let dst = fx.tmps(results.len().max(1) as u16);
    intrinsics::call(&mut fx, obj, Reg(0), params.len(), dst, &params, &results)?;
    fx.emit(Instr::Return {
        src: dst,
        count: results.len() as u16,
    });
    let rts = results.iter().map(|r| fx.l.rt(*r)).collect::<R<Vec<_>>>()?;
    fx.finish(params.len() as u16, rts)
}

fn contains_defer(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Defer(_) => true,
        StmtKind::Block(b) => contains_defer(&b.stmts),
        StmtKind::If { then, els, .. } => {
            contains_defer(&then.stmts)
                || els
                    .as_ref()
                    .is_some_and(|e| contains_defer(std::slice::from_ref(e)))
        }
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => contains_defer(&body.stmts),
        StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| contains_defer(&c.body))
        }
        StmtKind::Select { cases } => cases.iter().any(|c| contains_defer(&c.body)),
        StmtKind::Labeled { stmt, .. } => contains_defer(std::slice::from_ref(stmt)),
        _ => false,
    })
}

impl<'l, 'a> Fx<'l, 'a> {
    fn new(
        l: &'l mut Lowerer<'a>,
        file: u32,
        name: String,
        subst: Subst,
        is_lit: bool,
    ) -> Fx<'l, 'a> {
        Fx {
            l,
            file,
            name,
            code: Vec::new(),
            spans: Vec::new(),
            selects: Vec::new(),
            nregs: 0,
            top: 0,
            floor: 0,
            vars: HashMap::new(),
            labels: Vec::new(),
            fixups: Vec::new(),
            loops: Vec::new(),
            results: Vec::new(),
            named_results: Vec::new(),
            has_defer: false,
            recover_label: None,
            subst,
            span: Span::default(),
            closure_n: 0,
            wrap_n: 0,
            is_lit,
            locals: Vec::new(),
            pending_label: None,
            goto_labels: HashMap::new(),
            too_large: false,
            hoisted: HashMap::new(),
            hoisted_log: Vec::new(),
        }
    }

    fn finish(self, params: u16, results: Vec<RT>) -> R<Func> {
        if self.too_large {
            return Err(unsup(self.file, self.span, "functions this large"));
        }
        Ok(self.finish_unchecked(params, results))
    }

    fn finish_unchecked(mut self, params: u16, results: Vec<RT>) -> Func {
        let end = self.code.len() as u32;
        if self.labels.contains(&Some(end))
            || self.code.is_empty()
            || !matches!(
                self.code.last(),
                Some(
                    Instr::Return { .. } | Instr::Jump { .. } | Instr::Panic { .. } | Instr::Goexit
                )
            )
        {
            // unreachable tail guard
            let base = self.tmps(results.len().max(1) as u16);
            for (i, t) in results.iter().enumerate() {
                self.emit(Instr::Zero {
                    dst: base.offset(i),
                    ty: *t,
                });
            }
            self.emit(Instr::Return {
                src: base,
                count: results.len() as u16,
            });
        }
        for (at, l) in std::mem::take(&mut self.fixups) {
            let target = self.labels[l].unwrap_or(0);
            match &mut self.code[at] {
                Instr::Jump { target: t }
                | Instr::JumpIf { target: t, .. }
                | Instr::JumpIfNot { target: t, .. } => *t = target,
                Instr::MapNext { done, .. } => *done = target,
                _ => {}
            }
        }
        fuse_compare_and_branch(&mut self.code);
        let recover_pc = self.recover_label.and_then(|l| self.labels[l]);
        Func {
            name: self.name,
            params,
            results: results.len() as u16,
            regs: self.nregs.max(params).max(1),
            result_types: results,
            recover_pc,
            code: self.code,
            spans: self.spans,
            selects: self.selects,
            locals: self.locals,
        }
    }

    // ------------------------------------------------------------ emission helpers

    pub fn emit(&mut self, i: Instr) -> usize {
        if self.file == 0 {
            // where user code is: reported for problems found later in prelude code it uses
            self.l.user_pos = self.span.lo;
        }
        let sp = self.l.span(self.file, self.span);
        self.code.push(i);
        self.spans.push(sp);
        self.code.len() - 1
    }

    pub fn tmp(&mut self) -> Reg {
        self.tmps(1)
    }

    pub fn tmps(&mut self, n: u16) -> Reg {
        // Past the register limit, keep going (the result is discarded) and report at the end.
        if self.top as u32 + n as u32 > REGS_MAX {
            self.too_large = true;
            self.top = 0;
        }
        let r = Reg(self.top);
        self.top += n;
        self.nregs = self.nregs.max(self.top);
        r
    }

    pub(super) fn label(&mut self) -> usize {
        self.labels.push(None);
        self.labels.len() - 1
    }

    /// The code label of statement label `name` (created on first use, by a goto or the label).
    fn goto_label(&mut self, name: &str) -> usize {
        if let Some(&l) = self.goto_labels.get(name) {
            return l;
        }
        let l = self.label();
        self.goto_labels.insert(name.to_string(), l);
        l
    }

    pub(super) fn bind(&mut self, l: usize) {
        self.labels[l] = Some(self.code.len() as u32);
    }

    pub(super) fn jump(&mut self, l: usize) {
        let at = self.emit(Instr::Jump { target: 0 });
        self.fixups.push((at, l));
    }

    pub(super) fn jump_if(&mut self, cond: Reg, l: usize) {
        let at = self.emit(Instr::JumpIf { cond, target: 0 });
        self.fixups.push((at, l));
    }

    pub(super) fn jump_if_not(&mut self, cond: Reg, l: usize) {
        let at = self.emit(Instr::JumpIfNot { cond, target: 0 });
        self.fixups.push((at, l));
    }

    pub fn rt(&mut self, t: CT) -> R<RT> {
        let t = self.ct(t);
        let t = self.l.default_type(t);
        let (file, lo) = (self.file, self.span.lo);
        self.l.rt(t).map_err(|mut e| {
            e.file = file;
            e.offset = lo;
            e
        })
    }

    /// A checker type with this function's substitution applied.
    pub fn ct(&mut self, t: CT) -> CT {
        let s = self.subst.clone();
        self.l.subst(t, &s)
    }

    fn under(&self, t: CT) -> Type {
        self.l.ty.get(self.l.ty.under(t)).clone()
    }

    /// The recorded type of an expression.
    fn tv(&mut self, e: &Expr) -> R<CT> {
        match self.l.ck.info.types.get(&e.id).filter(|tv| tv.typ != CT(0)) {
            Some(tv) => {
                let t = tv.typ;
                Ok(self.ct(t))
            }
            None => {
                if let Some(t) = self.obj_of(e).and_then(|o| self.l.var_decl_type(o)) {
                    return Ok(self.ct(t));
                }
                Err(self.unsup_at(e.span, "an expression the checker did not type"))
            }
        }
    }

    fn const_of(&self, e: &Expr) -> Option<ConstValue> {
        self.l
            .ck
            .info
            .types
            .get(&e.id)
            .and_then(|tv| tv.value.clone())
    }

    fn is_type_expr(&self, e: &Expr) -> bool {
        self.l.ck.info.types.get(&e.id).is_some_and(|tv| tv.is_type)
    }

    pub fn unsup_at(&self, sp: Span, what: &str) -> Unsupported {
        unsup(self.file, sp, what)
    }

    fn num_kind(&mut self, t: CT) -> R<Option<NumKind>> {
        let r = self.rt(t)?;
        Ok(self.l.p.types.num_kind(r))
    }

    fn is_iface(&self, t: CT) -> bool {
        self.l.is_iface(t)
    }

    fn is_untyped_nil(&self, t: CT) -> bool {
        matches!(self.l.ty.get(t), Type::Basic(Basic::UntypedNil))
    }

    fn obj_of(&self, e: &Expr) -> Option<ObjId> {
        let info = &self.l.ck.info;
        match &e.kind {
            ExprKind::Name(_) => info
                .uses
                .get(&e.id)
                .or_else(|| info.defs.get(&e.id))
                .copied(),
            ExprKind::Selector { .. } => match info.selections.get(&e.id) {
                Some(Selection::Qualified(o)) => Some(*o),
                _ => None,
            },
            ExprKind::Paren(x) => self.obj_of(x),
            _ => None,
        }
    }

    fn mv(&mut self, dst: Reg, src: Reg) {
        if dst != src {
            self.emit(Instr::Move { dst, src });
        }
    }

    /// Stores `v`, computed by the code emitted from `start` on, into the place `p` (`x = v`, `x++`, `x op= y`).
    /// For a local whose value is a temporary just written by the last instruction (which reads its operands
    /// before writing), that instruction writes the local directly instead of being followed by a `Move`:
    /// one instruction less in every loop update. Not done when a label is bound here (another path joins
    /// with its own value of the temporary).
    fn store_computed(&mut self, p: Place, v: Reg, start: usize) -> R<()> {
        let Place::Local(r, _) = p else {
            return self.store_place(p, v);
        };
        let here = self.code.len();
        if r != v && v.0 >= self.floor && here > start && !self.labels.contains(&Some(here as u32))
        {
            if let Some(
                Instr::Binary { dst, .. }
                | Instr::BinaryImm { dst, .. }
                | Instr::BinaryConst { dst, .. }
                | Instr::Unary { dst, .. }
                | Instr::Int { dst, .. }
                | Instr::Const { dst, .. }
                | Instr::Convert { dst, .. },
            ) = self.code.last_mut()
            {
                if *dst == v {
                    *dst = r;
                    return Ok(());
                }
            }
        }
        self.mv(r, v);
        Ok(())
    }

    /// Emits `dst = lhs op rhs` where `rhs` was evaluated by the code from `rhs_start` on. When that code is
    /// a single `Int`/`Const` load of the temporary `rhs` (a constant operand of an integer operator), the load
    /// is dropped and the immediate/constant form is emitted: loop bounds and steps are not reloaded every
    /// iteration.
    fn emit_binary(
        &mut self,
        op: BinOp,
        kind: NumKind,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
        rhs_start: usize,
    ) {
        let here = self.code.len();
        if kind.is_int()
            && rhs != lhs
            && rhs.0 >= self.floor
            && here == rhs_start + 1
            && !self.labels.contains(&Some(here as u32))
        {
            let fused = match self.code.last() {
                Some(&Instr::Int { dst: d, value }) if d == rhs => Some(Instr::BinaryImm {
                    op,
                    kind,
                    dst,
                    lhs,
                    imm: value,
                }),
                Some(&Instr::Const { dst: d, konst }) if d == rhs => Some(Instr::BinaryConst {
                    op,
                    kind,
                    dst,
                    lhs,
                    konst,
                }),
                _ => None,
            };
            if let Some(fused) = fused {
                self.code.pop();
                self.spans.pop();
                self.emit(fused);
                return;
            }
        }
        self.emit(Instr::Binary {
            op,
            kind,
            dst,
            lhs,
            rhs,
        });
    }

    fn int_const(&mut self, v: i64) -> Reg {
        let r = self.tmp();
        self.load_int(r, v);
        r
    }

    fn load_int(&mut self, r: Reg, v: i64) {
        if let Ok(x) = i32::try_from(v) {
            self.emit(Instr::Int { dst: r, value: x });
        } else {
            let k = self.l.konst(Const::Int(v));
            self.emit(Instr::Const { dst: r, konst: k });
        }
    }

    // ------------------------------------------------------------ variables

    fn bind_param(&mut self, o: ObjId, reg: Reg, t: CT) -> R<()> {
        let name = self.l.ck.info.objects[o.0 as usize].name.clone();
        if name == "_" {
            return Ok(());
        }
        let rt = self.rt(t)?;
        if self.l.esc.boxed.contains(&o) {
            let b = self.tmp();
            self.floor = self.top;
            self.emit(Instr::Box {
                dst: b,
                src: reg,
                ty: rt,
            });
            self.vars.insert(
                o,
                Var {
                    reg: b,
                    boxed: true,
                    ty: t,
                },
            );
            self.locals.push(LocalVar {
                name,
                reg: b,
                ty: rt,
                boxed: true,
            });
        } else {
            self.vars.insert(
                o,
                Var {
                    reg,
                    boxed: false,
                    ty: t,
                },
            );
            self.locals.push(LocalVar {
                name,
                reg,
                ty: rt,
                boxed: false,
            });
        }
        Ok(())
    }

    /// Declares a new local initialised from `init` (or zero).
    fn declare(&mut self, o: ObjId, t: CT, init: Option<Reg>) -> R<Var> {
        let name = self.l.ck.info.objects[o.0 as usize].name.clone();
        let rt = self.rt(t)?;
        let reg = self.tmp();
        self.floor = self.top;
        let boxed = self.l.esc.boxed.contains(&o);
        match (init, boxed) {
            (Some(src), true) => {
                self.emit(Instr::Box {
                    dst: reg,
                    src,
                    ty: rt,
                });
            }
            (None, true) => {
                self.emit(Instr::New { dst: reg, ty: rt });
            }
            (Some(src), false) => {
                self.emit(Instr::Move { dst: reg, src });
            }
            (None, false) => {
                self.emit(Instr::Zero { dst: reg, ty: rt });
            }
        }
        let v = Var { reg, boxed, ty: t };
        if name != "_" {
            self.vars.insert(o, v);
            self.locals.push(LocalVar {
                name,
                reg,
                ty: rt,
                boxed,
            });
        }
        Ok(v)
    }

    fn prologue_results(&mut self, ft: &FuncType) -> R<()> {
        let mut ri = 0;
        for f in &ft.results {
            if f.names.is_empty() {
                ri += 1;
                continue;
            }
            for n in &f.names {
                let t = self.results.get(ri).copied().unwrap_or(CT(0));
                if let Some(&o) = self.l.ck.info.defs.get(&n.id) {
                    self.declare(o, t, None)?;
                    self.named_results.push(o);
                }
                ri += 1;
            }
        }
        if !self.named_results.is_empty() && self.has_defer_any(ft) {
            // set below, once has_defer is known
        }
        Ok(())
    }

    fn has_defer_any(&self, _ft: &FuncType) -> bool {
        false
    }

    fn epilogue(&mut self) -> R<()> {
        if self.results.is_empty() {
            self.emit(Instr::Return {
                src: Reg(0),
                count: 0,
            });
        }
        if !self.named_results.is_empty() && self.has_defer {
            let l = self.label();
            self.bind(l);
            self.recover_label = Some(l);
            self.emit(Instr::RunDefers);
            let base = self.load_named_results()?;
            self.emit(Instr::Return {
                src: base,
                count: self.results.len() as u16,
            });
        }
        Ok(())
    }

    fn load_named_results(&mut self) -> R<Reg> {
        let n = self.named_results.len();
        let base = self.tmps(n as u16);
        for (i, o) in self.named_results.clone().into_iter().enumerate() {
            let v = self.vars.get(&o).copied();
            match v {
                Some(v) => {
                    let r = self.read_var(v)?;
                    self.mv(base.offset(i), r);
                }
                None => {
                    let t = self.results[i];
                    let rt = self.rt(t)?;
                    self.emit(Instr::Zero {
                        dst: base.offset(i),
                        ty: rt,
                    });
                }
            }
        }
        Ok(base)
    }

    fn read_var(&mut self, v: Var) -> R<Reg> {
        if v.boxed {
            let rt = self.rt(v.ty)?;
            let d = self.tmp();
            self.emit(Instr::Load {
                dst: d,
                ptr: v.reg,
                ty: rt,
            });
            Ok(d)
        } else {
            Ok(v.reg)
        }
    }

    fn var_of(&mut self, o: ObjId, sp: Span) -> R<Var> {
        if let Some(v) = self.vars.get(&o) {
            return Ok(*v);
        }
        Err(self.unsup_at(sp, "a reference to a variable of an enclosing function"))
    }
}

fn binop(op: Operator) -> Option<BinOp> {
    Some(match op {
        Operator::Add => BinOp::Add,
        Operator::Sub => BinOp::Sub,
        Operator::Mul => BinOp::Mul,
        Operator::Div => BinOp::Div,
        Operator::Rem => BinOp::Rem,
        Operator::And => BinOp::And,
        Operator::Or => BinOp::Or,
        Operator::Xor => BinOp::Xor,
        Operator::AndNot => BinOp::AndNot,
        Operator::Shl => BinOp::Shl,
        Operator::Shr => BinOp::Shr,
        Operator::Eql => BinOp::Eq,
        Operator::Neq => BinOp::Ne,
        Operator::Lss => BinOp::Lt,
        Operator::Leq => BinOp::Le,
        Operator::Gtr => BinOp::Gt,
        Operator::Geq => BinOp::Ge,
        _ => return None,
    })
}

/// The channel operand of a receive statement in a select case.
fn recv_operand(s: &Stmt) -> Option<&Expr> {
    let e = match &s.kind {
        StmtKind::Expr(e) => e,
        StmtKind::Define { rhs, .. } | StmtKind::Assign { rhs, .. } if rhs.len() == 1 => &rhs[0],
        _ => return None,
    };
    match &e.unparen().kind {
        ExprKind::Unary {
            op: Operator::Recv,
            x,
        } => Some(x),
        _ => None,
    }
}

/// Peephole: an integer comparison whose result is tested by the next instruction's `JumpIfNot` becomes one
/// `CmpImmJumpIfNot`/`CmpJumpIfNot` (which still writes the result, and skips the `JumpIfNot`, left in
/// place for jumps that land on it): one dispatch less per loop iteration.
fn fuse_compare_and_branch(code: &mut [Instr]) {
    for pc in 0..code.len().saturating_sub(2) {
        let Instr::JumpIfNot { cond, target } = code[pc + 1] else {
            continue;
        };
        code[pc] = match code[pc] {
            Instr::BinaryImm {
                op,
                kind,
                dst,
                lhs,
                imm,
            } if dst == cond && kind.is_int() && op.is_comparison() => Instr::CmpImmJumpIfNot {
                op,
                kind,
                dst,
                lhs,
                imm,
                target,
            },
            Instr::Binary {
                op,
                kind,
                dst,
                lhs,
                rhs,
            } if dst == cond && kind.is_int() && op.is_comparison() => Instr::CmpJumpIfNot {
                op,
                kind,
                dst,
                lhs,
                rhs,
                target,
            },
            other => other,
        };
    }
}
