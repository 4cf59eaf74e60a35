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
use runtime::types::{builtin, TypeId as RT, TypeKind};

use super::{intrinsics, Lowerer, Subst, Unsupported, R};
use crate::ast::{BranchKind, Decl, Expr, ExprKind, FuncType, Stmt, StmtKind};
use crate::check::{Builtin, ObjId, ObjKind, Selection};
use crate::constant::ConstValue;
use crate::diagnostic::Span;
use crate::lexer::Operator;
use crate::types::{Basic, Type, TypeId as CT};

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

    // ------------------------------------------------------------ statements

    fn block_stmts(&mut self, stmts: &[Stmt]) -> R<()> {
        let (top, floor) = (self.top, self.floor);
        for s in stmts {
            self.stmt(s)?;
        }
        self.top = top.max(self.top.min(top));
        self.top = top;
        self.floor = floor;
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        let saved = self.top;
        self.span = s.span;
        self.stmt_inner(s)?;
        self.top = saved.max(self.floor);
        Ok(())
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R<()> {
        match &s.kind {
            StmtKind::Bad => Err(self.unsup_at(s.span, "a statement with errors")),
            StmtKind::Empty => Ok(()),
            StmtKind::Expr(e) => {
                self.expr_stmt(e)?;
                Ok(())
            }
            StmtKind::Send { ch, value } => {
                let ct = self.tv(ch)?;
                let elem = match self.under(ct) {
                    Type::Chan(_, e) => e,
                    _ => return Err(self.unsup_at(s.span, "send on a non-channel")),
                };
                let args = self.tmps(2);
                let c = self.expr(ch)?;
                self.mv(args, c);
                let v = self.expr_to(value, elem)?;
                self.mv(args.offset(1), v);
                let crt = self.rt(ct)?;
                self.span = s.span;
                self.emit(Instr::Runtime {
                    op: RtCode::ChanSend,
                    args,
                    dst: args,
                    ty: crt,
                });
                Ok(())
            }
            StmtKind::IncDec { x, inc } => {
                let p = self.place(x)?;
                let t = self.place_type(p);
                let cur = self.load_place(p)?;
                let kind = self.num_kind(t)?.unwrap_or(NumKind::Int);
                let one = self.tmp();
                if kind.is_float() {
                    let k = self.l.konst(Const::Float(1.0));
                    self.emit(Instr::Const { dst: one, konst: k });
                } else {
                    self.emit(Instr::Int { dst: one, value: 1 });
                }
                let d = self.tmp();
                let op = if *inc { BinOp::Add } else { BinOp::Sub };
                let start = self.code.len() - 1;
                self.emit_binary(op, kind, d, cur, one, start);
                self.store_computed(p, d, start)
            }
            StmtKind::Assign {
                lhs, op: None, rhs, ..
            } => {
                let places = lhs.iter().map(|e| self.place(e)).collect::<R<Vec<_>>>()?;
                self.assign_values(&places, rhs)
            }
            StmtKind::Assign {
                lhs,
                op: Some(op),
                rhs,
                ..
            } => {
                let p = self.place(&lhs[0])?;
                let t = self.place_type(p);
                let cur = self.load_place(p)?;
                let shift = matches!(op, Operator::Shl | Operator::Shr);
                let rv = if shift {
                    let rt = self.tv(&rhs[0])?;
                    let rt = if self.l.ty.is_untyped(rt) {
                        self.l.ty.basic(Basic::Uint)
                    } else {
                        rt
                    };
                    self.expr_to(&rhs[0], rt)?
                } else {
                    self.expr_to(&rhs[0], t)?
                };
                let kind = self
                    .num_kind(t)?
                    .ok_or_else(|| self.unsup_at(s.span, "this operator"))?;
                let d = self.tmp();
                let bop = binop(*op).ok_or_else(|| self.unsup_at(s.span, "this operator"))?;
                self.span = s.span;
                let start = self.emit(Instr::Binary {
                    op: bop,
                    kind,
                    dst: d,
                    lhs: cur,
                    rhs: rv,
                });
                self.store_computed(p, d, start)
            }
            StmtKind::Define { lhs, rhs, .. } => self.define(lhs, rhs),
            StmtKind::Go(e) => self.go_defer(e, true),
            StmtKind::Defer(e) => self.go_defer(e, false),
            StmtKind::Return(es) => self.ret(es),
            StmtKind::Branch { kind, label } => {
                let name = label.as_ref().map(|l| l.name.clone());
                match kind {
                    BranchKind::Break => {
                        let l = self
                            .loops
                            .iter()
                            .rev()
                            .find(|lp| name.is_none() || lp.label == name)
                            .map(|lp| lp.brk)
                            .ok_or_else(|| self.unsup_at(s.span, "this break"))?;
                        self.jump(l);
                    }
                    BranchKind::Continue => {
                        let l = self
                            .loops
                            .iter()
                            .rev()
                            .filter(|lp| lp.cont.is_some())
                            .find(|lp| name.is_none() || lp.label == name)
                            .and_then(|lp| lp.cont)
                            .ok_or_else(|| self.unsup_at(s.span, "this continue"))?;
                        self.jump(l);
                    }
                    BranchKind::Goto => {
                        let name =
                            name.ok_or_else(|| self.unsup_at(s.span, "goto without label"))?;
                        let l = self.goto_label(&name);
                        self.jump(l);
                    }
                    BranchKind::Fallthrough => {
                        return Err(self.unsup_at(s.span, "fallthrough here"))
                    }
                }
                Ok(())
            }
            StmtKind::Block(b) => self.block_stmts(&b.stmts),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                let (top, floor) = (self.top, self.floor);
                if let Some(i) = init {
                    self.stmt(i)?;
                }
                let else_l = self.label();
                let end = self.label();
                self.cond_jump_false(cond, else_l)?;
                self.block_stmts(&then.stmts)?;
                if els.is_some() {
                    self.jump(end);
                }
                self.bind(else_l);
                if let Some(e) = els {
                    self.stmt(e)?;
                }
                self.bind(end);
                self.top = top;
                self.floor = floor;
                Ok(())
            }
            StmtKind::Switch {
                init, tag, cases, ..
            } => self.switch(init.as_deref(), tag.as_ref(), cases),
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                cases,
                ..
            } => self.type_switch(init.as_deref(), bind.as_ref(), x, cases),
            StmtKind::Select { cases } => self.select(cases),
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => self.for_loop(init.as_deref(), cond.as_ref(), post.as_deref(), body),
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range(key.as_ref(), value.as_ref(), *define, x, body),
            StmtKind::Labeled { label, stmt } => {
                let l = self.goto_label(&label.name);
                self.bind(l);
                self.pending_label = Some(label.name.clone());
                let r = self.stmt(stmt);
                self.pending_label = None;
                r
            }
            StmtKind::Decl(Decl::Var(specs)) => {
                for sp in specs {
                    self.span = sp.span;
                    let ck = self.l.ck;
                    let objs: Vec<Option<ObjId>> = sp
                        .names
                        .iter()
                        .map(|n| ck.info.defs.get(&n.id).copied())
                        .collect();
                    if sp.values.is_empty() {
                        for o in objs.into_iter().flatten() {
                            let t = ck.info.objects[o.0 as usize].typ;
                            let t = self.ct(t);
                            self.declare(o, t, None)?;
                        }
                        continue;
                    }
                    let types: Vec<CT> = objs
                        .iter()
                        .map(|o| {
                            o.map(|o| ck.info.objects[o.0 as usize].typ)
                                .unwrap_or(CT(0))
                        })
                        .collect::<Vec<_>>()
                        .into_iter()
                        .map(|t| self.ct(t))
                        .collect();
                    let vals = self.values(&sp.values, &types)?;
                    for (o, v) in objs.iter().zip(vals) {
                        if let Some(o) = o {
                            let t = self.ct(ck.info.objects[o.0 as usize].typ);
                            self.declare(*o, t, Some(v))?;
                        }
                    }
                }
                Ok(())
            }
            StmtKind::Decl(Decl::Const(_)) | StmtKind::Decl(Decl::Type(_)) => Ok(()),
            StmtKind::Decl(Decl::Func(_)) => {
                Err(self.unsup_at(s.span, "nested function declarations"))
            }
        }
    }

    fn take_label(&mut self) -> Option<String> {
        self.pending_label.take()
    }

    /// Evaluates right-hand sides for `n` targets of the given types (handles `a, b := f()` and comma-ok).
    fn values(&mut self, rhs: &[Expr], types: &[CT]) -> R<Vec<Reg>> {
        if rhs.len() == types.len() {
            let mut out = Vec::new();
            for (e, t) in rhs.iter().zip(types) {
                let r = if *t == CT(0) {
                    self.expr(e)?
                } else {
                    self.expr_to(e, *t)?
                };
                if rhs.len() == 1 {
                    out.push(r);
                } else {
                    // copy so the other assignments cannot clobber it (`a, b = b, a`)
                    let c = self.tmp();
                    self.mv(c, r);
                    out.push(c);
                }
            }
            return Ok(out);
        }
        if rhs.len() == 1 && types.len() >= 2 {
            let e = rhs[0].unparen();
            let (base, tys) = match &e.kind {
                ExprKind::Call { .. } => self.call(e)?,
                _ => self.comma_ok(e)?,
            };
            let mut out = Vec::new();
            for (i, t) in types.iter().enumerate() {
                let from = tys.get(i).copied().unwrap_or(CT(0));
                let r = if *t == CT(0) {
                    base.offset(i)
                } else {
                    self.coerce(base.offset(i), from, *t)?
                };
                out.push(r);
            }
            return Ok(out);
        }
        Err(self.unsup_at(self.span, "this assignment"))
    }

    fn assign_values(&mut self, places: &[Place], rhs: &[Expr]) -> R<()> {
        let types: Vec<CT> = places.iter().map(|p| self.place_type(*p)).collect();
        if places.len() == 1 && rhs.len() == 1 {
            let start = self.code.len();
            let v = if matches!(places[0], Place::Blank) {
                self.expr(&rhs[0])?
            } else {
                self.expr_to(&rhs[0], types[0])?
            };
            return self.store_computed(places[0], v, start);
        }
        let vals = self.values(rhs, &types)?;
        for (p, v) in places.iter().zip(vals) {
            self.store_place(*p, v)?;
        }
        Ok(())
    }

    fn define(&mut self, lhs: &[Expr], rhs: &[Expr]) -> R<()> {
        let ck = self.l.ck;
        let mut types = Vec::new();
        for e in lhs {
            let t = match ck.info.defs.get(&e.id).or_else(|| ck.info.uses.get(&e.id)) {
                Some(o) if ck.info.objects[o.0 as usize].name != "_" => {
                    let t = ck.info.objects[o.0 as usize].typ;
                    self.ct(t)
                }
                _ => CT(0),
            };
            types.push(t);
        }
        let vals = self.values(rhs, &types)?;
        for (e, v) in lhs.iter().zip(vals) {
            if let Some(&o) = ck.info.defs.get(&e.id) {
                if ck.info.objects[o.0 as usize].name == "_" {
                    continue;
                }
                let t = self.ct(ck.info.objects[o.0 as usize].typ);
                self.declare(o, t, Some(v))?;
            } else if let Some(&o) = ck.info.uses.get(&e.id) {
                let var = self.var_of(o, e.span)?;
                self.store_var(var, v)?;
            }
        }
        Ok(())
    }

    fn store_var(&mut self, v: Var, src: Reg) -> R<()> {
        if v.boxed {
            let rt = self.rt(v.ty)?;
            self.emit(Instr::Store {
                ptr: v.reg,
                src,
                ty: rt,
            });
        } else {
            self.mv(v.reg, src);
        }
        Ok(())
    }

    fn ret(&mut self, es: &[Expr]) -> R<()> {
        let n = self.results.len();
        if es.is_empty() {
            if n == 0 {
                self.emit(Instr::Return {
                    src: Reg(0),
                    count: 0,
                });
                return Ok(());
            }
            if self.has_defer {
                self.emit(Instr::RunDefers);
            }
            let base = self.load_named_results()?;
            self.emit(Instr::Return {
                src: base,
                count: n as u16,
            });
            return Ok(());
        }
        let results = self.results.clone();
        let vals = self.values(es, &results)?;
        if !self.named_results.is_empty() && self.has_defer {
            for (i, v) in vals.iter().enumerate() {
                let o = self.named_results[i];
                let var = self.var_of(o, self.span)?;
                self.store_var(var, *v)?;
            }
            self.emit(Instr::RunDefers);
            let base = self.load_named_results()?;
            self.emit(Instr::Return {
                src: base,
                count: n as u16,
            });
            return Ok(());
        }
        let base = self.tmps(n as u16);
        for (i, v) in vals.iter().enumerate() {
            self.mv(base.offset(i), *v);
        }
        self.emit(Instr::Return {
            src: base,
            count: n as u16,
        });
        Ok(())
    }

    fn cond_jump_false(&mut self, cond: &Expr, l: usize) -> R<()> {
        let c = self.expr(cond)?;
        self.jump_if_not(c, l);
        Ok(())
    }

    fn for_loop(
        &mut self,
        init: Option<&Stmt>,
        cond: Option<&Expr>,
        post: Option<&Stmt>,
        body: &crate::ast::Block,
    ) -> R<()> {
        let label = self.take_label();
        let (top, floor) = (self.top, self.floor);
        let before: Vec<ObjId> = self.vars.keys().copied().collect();
        if let Some(i) = init {
            self.stmt(i)?;
        }
        // loop variables declared by init that are boxed need a fresh box per iteration (Go 1.22)
        let loop_vars: Vec<Var> = self
            .vars
            .iter()
            .filter(|(o, v)| v.boxed && !before.contains(o))
            .map(|(_, v)| *v)
            .collect();
        let head = self.label();
        let cont = self.label();
        let end = self.label();
        self.bind(head);
        if let Some(c) = cond {
            self.span = c.span;
            self.cond_jump_false(c, end)?;
        }
        self.loops.push(Loop {
            label,
            brk: end,
            cont: Some(cont),
        });
        let r = self.block_stmts(&body.stmts);
        self.loops.pop();
        r?;
        self.bind(cont);
        for v in loop_vars {
            let rt = self.rt(v.ty)?;
            let t = self.tmp();
            self.emit(Instr::Load {
                dst: t,
                ptr: v.reg,
                ty: rt,
            });
            self.emit(Instr::Box {
                dst: v.reg,
                src: t,
                ty: rt,
            });
        }
        if let Some(p) = post {
            self.stmt(p)?;
        }
        self.jump(head);
        self.bind(end);
        self.top = top;
        self.floor = floor;
        Ok(())
    }

    /// Assigns a range key/value: defines a fresh variable or stores to a place.
    fn range_bind(&mut self, e: Option<&Expr>, define: bool, v: Reg, t: CT) -> R<()> {
        let Some(e) = e else { return Ok(()) };
        if define {
            let ck = self.l.ck;
            if let Some(&o) = ck.info.defs.get(&e.id) {
                if ck.info.objects[o.0 as usize].name == "_" {
                    return Ok(());
                }
                let ot = self.ct(ck.info.objects[o.0 as usize].typ);
                let v = self.coerce(v, t, ot)?;
                self.declare(o, ot, Some(v))?;
            }
            return Ok(());
        }
        let p = self.place(e)?;
        let pt = self.place_type(p);
        let v = self.coerce(v, t, pt)?;
        self.store_place(p, v)
    }

    fn range(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &crate::ast::Block,
    ) -> R<()> {
        let label = self.take_label();
        let (top, floor) = (self.top, self.floor);
        let xt = self.tv(x)?;
        let head = self.label();
        let cont = self.label();
        let end = self.label();
        let int_t = self.l.ty.basic(Basic::Int);
        let key = key.filter(|k| !matches!(&k.kind, ExprKind::Name(n) if n == "_"));
        let value = value.filter(|k| !matches!(&k.kind, ExprKind::Name(n) if n == "_"));
        let under = self.under(xt);
        // per-iteration body runner
        macro_rules! body {
            () => {{
                self.loops.push(Loop {
                    label: label.clone(),
                    brk: end,
                    cont: Some(cont),
                });
                let (t2, f2) = (self.top, self.floor);
                let r = self.block_stmts(&body.stmts);
                self.top = t2;
                self.floor = f2;
                self.loops.pop();
                r?;
            }};
        }
        match under {
            Type::Basic(b) if b.is_integer() => {
                let nt = if self.l.ty.is_untyped(xt) {
                    match key {
                        Some(k) => {
                            let kt = self
                                .l
                                .ck
                                .info
                                .types
                                .get(&k.id)
                                .map(|tv| tv.typ)
                                .unwrap_or(int_t);
                            let kt = self.ct(kt);
                            if self.l.ty.is_untyped(kt) {
                                int_t
                            } else {
                                kt
                            }
                        }
                        None => int_t,
                    }
                } else {
                    xt
                };
                let kind = self.num_kind(nt)?.unwrap_or(NumKind::Int);
                let n = self.tmp();
                let nv = self.expr_to(x, nt)?;
                self.mv(n, nv);
                let i = self.int_const(0);
                let one = self.int_const(1);
                let c = self.tmp();
                self.floor = self.top;
                self.bind(head);
                self.emit(Instr::Binary {
                    op: BinOp::Lt,
                    kind,
                    dst: c,
                    lhs: i,
                    rhs: n,
                });
                self.jump_if_not(c, end);
                self.range_bind(key, define, i, nt)?;
                body!();
                self.bind(cont);
                self.emit(Instr::Binary {
                    op: BinOp::Add,
                    kind,
                    dst: i,
                    lhs: i,
                    rhs: one,
                });
                self.jump(head);
            }
            Type::Basic(b) if b.is_string() => {
                let s = self.tmp();
                let sv = self.expr(x)?;
                self.mv(s, sv);
                let n = self.tmp();
                self.emit(Instr::Len { dst: n, src: s });
                let i = self.int_const(0);
                let pair = self.tmps(2);
                let c = self.tmp();
                self.floor = self.top;
                self.bind(head);
                self.emit(Instr::Binary {
                    op: BinOp::Lt,
                    kind: NumKind::Int,
                    dst: c,
                    lhs: i,
                    rhs: n,
                });
                self.jump_if_not(c, end);
                self.emit(Instr::DecodeRune {
                    dst: pair,
                    src: s,
                    index: i,
                });
                self.range_bind(key, define, i, int_t)?;
                let rune_t = self.l.ty.basic(Basic::Int32);
                self.range_bind(value, define, pair, rune_t)?;
                body!();
                self.bind(cont);
                self.mv(i, pair.offset(1));
                self.jump(head);
            }
            Type::Slice(elem) | Type::Array(_, elem) => {
                let is_array = matches!(under, Type::Array(..));
                let s = self.tmp();
                let sv = self.expr(x)?;
                self.mv(s, sv);
                let xrt = self.rt(xt)?;
                let n = match under {
                    // array length is a compile-time constant (the vm has no Len on arrays)
                    Type::Array(len, _) => self.int_const(len as i64),
                    _ => {
                        let n = self.tmp();
                        self.emit(Instr::Len { dst: n, src: s });
                        n
                    }
                };
                let i = self.int_const(0);
                let one = self.int_const(1);
                let c = self.tmp();
                let v = self.tmp();
                self.floor = self.top;
                self.bind(head);
                self.emit(Instr::Binary {
                    op: BinOp::Lt,
                    kind: NumKind::Int,
                    dst: c,
                    lhs: i,
                    rhs: n,
                });
                self.jump_if_not(c, end);
                self.range_bind(key, define, i, int_t)?;
                if value.is_some() {
                    if is_array {
                        self.emit(Instr::IndexAgg {
                            dst: v,
                            src: s,
                            index: i,
                            ty: xrt,
                        });
                    } else {
                        self.emit(Instr::Index {
                            dst: v,
                            src: s,
                            index: i,
                            ty: xrt,
                        });
                    }
                    self.range_bind(value, define, v, elem)?;
                }
                body!();
                self.bind(cont);
                self.emit(Instr::Binary {
                    op: BinOp::Add,
                    kind: NumKind::Int,
                    dst: i,
                    lhs: i,
                    rhs: one,
                });
                self.jump(head);
            }
            Type::Pointer(p) if matches!(self.under(p), Type::Array(..)) => {
                let Type::Array(len, elem) = self.under(p) else {
                    unreachable!()
                };
                let s = self.tmp();
                let sv = self.expr(x)?;
                self.mv(s, sv);
                let xrt = self.rt(xt)?;
                let n = self.int_const(len as i64);
                let i = self.int_const(0);
                let one = self.int_const(1);
                let c = self.tmp();
                let v = self.tmp();
                self.floor = self.top;
                self.bind(head);
                self.emit(Instr::Binary {
                    op: BinOp::Lt,
                    kind: NumKind::Int,
                    dst: c,
                    lhs: i,
                    rhs: n,
                });
                self.jump_if_not(c, end);
                self.range_bind(key, define, i, int_t)?;
                if value.is_some() {
                    self.emit(Instr::Index {
                        dst: v,
                        src: s,
                        index: i,
                        ty: xrt,
                    });
                    self.range_bind(value, define, v, elem)?;
                }
                body!();
                self.bind(cont);
                self.emit(Instr::Binary {
                    op: BinOp::Add,
                    kind: NumKind::Int,
                    dst: i,
                    lhs: i,
                    rhs: one,
                });
                self.jump(head);
            }
            Type::Map(kt, vt) => {
                let m = self.expr(x)?;
                let it = self.tmp();
                self.emit(Instr::MapRange { dst: it, map: m });
                let pair = self.tmps(2);
                self.floor = self.top;
                self.bind(head);
                let at = self.emit(Instr::MapNext {
                    iter: it,
                    dst: pair,
                    done: 0,
                });
                self.fixups.push((at, end));
                self.range_bind(key, define, pair, kt)?;
                self.range_bind(value, define, pair.offset(1), vt)?;
                body!();
                self.bind(cont);
                self.jump(head);
            }
            Type::Chan(_, elem) => {
                let ch = self.tmp();
                let cv = self.expr(x)?;
                self.mv(ch, cv);
                let crt = self.rt(xt)?;
                let pair = self.tmps(2);
                self.floor = self.top;
                self.bind(head);
                self.span = x.span;
                self.emit(Instr::Runtime {
                    op: RtCode::ChanRecv2,
                    args: ch,
                    dst: pair,
                    ty: crt,
                });
                self.jump_if_not(pair.offset(1), end);
                self.range_bind(key, define, pair, elem)?;
                body!();
                self.bind(cont);
                self.jump(head);
            }
            Type::Func { .. } => return Err(self.unsup_at(x.span, "range over function iterators")),
            _ => return Err(self.unsup_at(x.span, "range over this type")),
        }
        self.bind(end);
        self.top = top;
        self.floor = floor;
        Ok(())
    }

    fn switch(
        &mut self,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        cases: &[crate::ast::CaseClause],
    ) -> R<()> {
        let label = self.take_label();
        let (top, floor) = (self.top, self.floor);
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let tagv = match tag {
            Some(t) => {
                let tt = self.tv(t)?;
                let tt = self.l.default_type(tt);
                let r = self.tmp();
                let v = self.expr_to(t, tt)?;
                self.mv(r, v);
                self.floor = self.top;
                Some((r, tt))
            }
            None => None,
        };
        let end = self.label();
        let body_labels: Vec<usize> = cases.iter().map(|_| self.label()).collect();
        let mut default = None;
        for (i, c) in cases.iter().enumerate() {
            if c.default {
                default = Some(i);
                continue;
            }
            for e in &c.exprs {
                self.span = e.span;
                let saved = self.top;
                let cond = match tagv {
                    Some((r, tt)) => {
                        let et = self.tv(e)?;
                        self.equal(r, tt, e, et)?
                    }
                    None => self.expr(e)?,
                };
                self.jump_if(cond, body_labels[i]);
                self.top = saved;
            }
        }
        match default {
            Some(d) => self.jump(body_labels[d]),
            None => self.jump(end),
        }
        for (i, c) in cases.iter().enumerate() {
            self.bind(body_labels[i]);
            self.loops.push(Loop {
                label: label.clone(),
                brk: end,
                cont: None,
            });
            let fall = matches!(
                c.body.last().map(|s| &s.kind),
                Some(StmtKind::Branch {
                    kind: BranchKind::Fallthrough,
                    ..
                })
            );
            let body = if fall {
                &c.body[..c.body.len() - 1]
            } else {
                &c.body[..]
            };
            let r = self.block_stmts(body);
            self.loops.pop();
            r?;
            if fall && i + 1 < cases.len() {
                self.jump(body_labels[i + 1]);
            } else {
                self.jump(end);
            }
        }
        self.bind(end);
        self.top = top;
        self.floor = floor;
        Ok(())
    }

    /// `a == e` where `a` is already in a register.
    fn equal(&mut self, a: Reg, at: CT, e: &Expr, et: CT) -> R<Reg> {
        let (target, a2) = if self.is_iface(at) || self.l.ty.is_untyped(et) || !self.is_iface(et) {
            (at, a)
        } else {
            (et, self.coerce(a, at, et)?)
        };
        let b = self.expr_to(e, target)?;
        self.eq_regs(a2, b, target, false)
    }

    fn eq_regs(&mut self, a: Reg, b: Reg, t: CT, ne: bool) -> R<Reg> {
        let d = self.tmp();
        let kind = if self.is_iface(t) {
            None
        } else {
            self.num_kind(t)?
        };
        match kind {
            Some(kind) => {
                let op = if ne { BinOp::Ne } else { BinOp::Eq };
                self.emit(Instr::Binary {
                    op,
                    kind,
                    dst: d,
                    lhs: a,
                    rhs: b,
                });
            }
            None => {
                if ne {
                    self.emit(Instr::Ne {
                        dst: d,
                        lhs: a,
                        rhs: b,
                    });
                } else {
                    self.emit(Instr::Eq {
                        dst: d,
                        lhs: a,
                        rhs: b,
                    });
                }
            }
        }
        Ok(d)
    }

    fn type_switch(
        &mut self,
        init: Option<&Stmt>,
        bind: Option<&crate::ast::Ident>,
        x: &Expr,
        cases: &[crate::ast::CaseClause],
    ) -> R<()> {
        let label = self.take_label();
        let (top, floor) = (self.top, self.floor);
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let inner = match &x.unparen().kind {
            ExprKind::TypeAssert {
                x: inner,
                typ: None,
            } => &**inner,
            _ => x,
        };
        let xt = self.tv(inner)?;
        let xrt = self.rt(xt)?;
        let xv = self.tmp();
        let v = self.expr(inner)?;
        self.mv(xv, v);
        let nil = self.tmp();
        self.emit(Instr::Zero { dst: nil, ty: xrt });
        let vals: Vec<Reg> = cases.iter().map(|_| self.tmp()).collect();
        let pair = self.tmps(2);
        self.floor = self.top;
        let end = self.label();
        let body_labels: Vec<usize> = cases.iter().map(|_| self.label()).collect();
        let mut default = None;
        for (i, c) in cases.iter().enumerate() {
            if c.default {
                default = Some(i);
                continue;
            }
            for e in &c.exprs {
                self.span = e.span;
                let is_nil = self.obj_of(e).is_some_and(|o| {
                    matches!(self.l.ck.info.objects[o.0 as usize].kind, ObjKind::Nil)
                });
                if is_nil {
                    let d = self.tmp();
                    self.emit(Instr::Eq {
                        dst: d,
                        lhs: xv,
                        rhs: nil,
                    });
                    self.mv(vals[i], xv);
                    self.jump_if(d, body_labels[i]);
                    continue;
                }
                let t = self.tv(e)?;
                let trt = self.rt(t)?;
                if !self.is_iface(t) {
                    self.l.ensure_methods(t)?;
                }
                self.emit(Instr::TypeAssert {
                    dst: pair,
                    src: xv,
                    ty: trt,
                    from: xrt,
                    form: ResultForm::CommaOk,
                });
                let next = self.label();
                self.jump_if_not(pair.offset(1), next);
                if c.exprs.len() == 1 {
                    self.mv(vals[i], pair);
                } else {
                    self.mv(vals[i], xv);
                }
                self.jump(body_labels[i]);
                self.bind(next);
            }
        }
        match default {
            Some(d) => {
                self.mv(vals[d], xv);
                self.jump(body_labels[d])
            }
            None => self.jump(end),
        }
        for (i, c) in cases.iter().enumerate() {
            self.bind(body_labels[i]);
            let (t2, f2) = (self.top, self.floor);
            if let Some(b) = bind {
                let ck = self.l.ck;
                if let Some(&o) = ck.info.implicits.get(&(self.file, c.span.lo)) {
                    if ck.info.objects[o.0 as usize].name == b.name {
                        let ot = self.ct(ck.info.objects[o.0 as usize].typ);
                        self.declare(o, ot, Some(vals[i]))?;
                    }
                }
            }
            self.loops.push(Loop {
                label: label.clone(),
                brk: end,
                cont: None,
            });
            let r = self.block_stmts(&c.body);
            self.loops.pop();
            r?;
            self.top = t2;
            self.floor = f2;
            self.jump(end);
        }
        self.bind(end);
        self.top = top;
        self.floor = floor;
        Ok(())
    }

    fn select(&mut self, cases: &[crate::ast::CommClause]) -> R<()> {
        let select_span = self.span;
        let label = self.take_label();
        let (top, floor) = (self.top, self.floor);
        let end = self.label();
        // Evaluate channels and sent values in source order.
        struct Case<'e> {
            send: bool,
            chan: Reg,
            value: Reg,
            elem: CT,
            stmt: Option<&'e Stmt>,
        }
        let mut comm: Vec<Option<Case>> = Vec::new();
        let mut has_default = false;
        for c in cases {
            let Some(s) = &c.comm else {
                has_default = true;
                comm.push(None);
                continue;
            };
            self.span = s.span;
            match &s.kind {
                StmtKind::Send { ch, value } => {
                    let ct = self.tv(ch)?;
                    let Type::Chan(_, elem) = self.under(ct) else {
                        return Err(self.unsup_at(s.span, "select send"));
                    };
                    let r = self.tmp();
                    let cv = self.expr(ch)?;
                    self.mv(r, cv);
                    let v = self.tmp();
                    let vv = self.expr_to(value, elem)?;
                    self.mv(v, vv);
                    comm.push(Some(Case {
                        send: true,
                        chan: r,
                        value: v,
                        elem,
                        stmt: None,
                    }));
                }
                _ if recv_operand(s).is_some() => {
                    let Some(ch) = recv_operand(s) else {
                        unreachable!()
                    };
                    let ct = self.tv(ch)?;
                    let Type::Chan(_, elem) = self.under(ct) else {
                        return Err(self.unsup_at(s.span, "select receive"));
                    };
                    let r = self.tmp();
                    let cv = self.expr(ch)?;
                    self.mv(r, cv);
                    comm.push(Some(Case {
                        send: false,
                        chan: r,
                        value: r,
                        elem,
                        stmt: Some(s),
                    }));
                }
                _ => return Err(self.unsup_at(s.span, "this select case")),
            }
        }
        let n = comm.iter().flatten().count();
        // Go's order: sends first (source order), then receives (reverse source order).
        let mut table = SelectTable {
            cases: Vec::new(),
            has_default,
        };
        let mut index_of = vec![usize::MAX; cases.len()];
        let sends: Vec<usize> = (0..cases.len())
            .filter(|&i| comm[i].as_ref().is_some_and(|c| c.send))
            .collect();
        let recvs: Vec<usize> = (0..cases.len())
            .filter(|&i| comm[i].as_ref().is_some_and(|c| !c.send))
            .collect();
        for &i in &sends {
            let c = comm[i].as_ref().unwrap_or_else(|| unreachable!());
            index_of[i] = table.cases.len();
            table.cases.push(SelectCaseDesc::Send {
                chan: c.chan,
                value: c.value,
            });
        }
        let mut recv_slots = vec![0usize; recvs.len()];
        for (k, &i) in recvs.iter().enumerate() {
            recv_slots[k] = n - 1 - k;
            index_of[i] = n - 1 - k;
        }
        let mut rcases = vec![SelectCaseDesc::Recv { chan: Reg(0) }; recvs.len()];
        for (k, &i) in recvs.iter().enumerate() {
            let c = comm[i].as_ref().unwrap_or_else(|| unreachable!());
            rcases[recv_slots[k] - sends.len()] = SelectCaseDesc::Recv { chan: c.chan };
        }
        table.cases.extend(rcases);
        self.selects.push(table);
        let dst = self.tmps(3);
        self.floor = self.top;
        self.span = select_span;
        let single = if n == 1 && !has_default {
            comm.iter().flatten().next()
        } else {
            None
        };
        match single {
            // A one-case select is a plain channel operation (cmd/compile walk/select.go), so a blocked
            // goroutine waits in "chan send"/"chan receive", not "select".
            Some(c) => {
                self.selects.pop();
                let ct = self
                    .l
                    .ty
                    .intern(Type::Chan(crate::ast::ChanDir::Both, c.elem));
                let ty = self.rt(ct)?;
                if c.send {
                    let args = self.tmps(2);
                    self.mv(args, c.chan);
                    self.mv(args.offset(1), c.value);
                    self.emit(Instr::Runtime {
                        op: RtCode::ChanSend,
                        args,
                        dst: args,
                        ty,
                    });
                } else {
                    self.emit(Instr::Runtime {
                        op: RtCode::ChanRecv2,
                        args: c.chan,
                        dst: dst.offset(1),
                        ty,
                    });
                }
                self.emit(Instr::Int { dst, value: 0 });
            }
            None => {
                self.emit(Instr::Select {
                    table: self.selects.len() as u32 - 1,
                    dst,
                });
            }
        }
        let labels: Vec<usize> = cases.iter().map(|_| self.label()).collect();
        for (i, _) in cases.iter().enumerate() {
            let idx = if comm[i].is_none() {
                -1
            } else {
                index_of[i] as i64
            };
            let k = self.int_const(idx);
            let d = self.tmp();
            self.emit(Instr::Binary {
                op: BinOp::Eq,
                kind: NumKind::Int,
                dst: d,
                lhs: dst,
                rhs: k,
            });
            self.jump_if(d, labels[i]);
        }
        self.jump(end);
        for (i, c) in cases.iter().enumerate() {
            self.bind(labels[i]);
            let (t2, f2) = (self.top, self.floor);
            if let Some(Some(cs)) = comm.get(i) {
                if let Some(s) = cs.stmt {
                    let elem = cs.elem;
                    let bool_t = self.l.ty.basic(Basic::Bool);
                    match &s.kind {
                        StmtKind::Define { lhs, .. } => {
                            let ck = self.l.ck;
                            for (j, e) in lhs.iter().enumerate() {
                                let src = dst.offset(j + 1);
                                if let Some(&o) = ck.info.defs.get(&e.id) {
                                    if ck.info.objects[o.0 as usize].name == "_" {
                                        continue;
                                    }
                                    let t = self.ct(ck.info.objects[o.0 as usize].typ);
                                    let from = if j == 0 { elem } else { bool_t };
                                    let v = self.coerce(src, from, t)?;
                                    self.declare(o, t, Some(v))?;
                                } else if let Some(&o) = ck.info.uses.get(&e.id) {
                                    let var = self.var_of(o, e.span)?;
                                    self.store_var(var, src)?;
                                }
                            }
                        }
                        StmtKind::Assign { lhs, .. } => {
                            for (j, e) in lhs.iter().enumerate() {
                                let p = self.place(e)?;
                                let pt = self.place_type(p);
                                let from = if j == 0 { elem } else { bool_t };
                                let v = self.coerce(dst.offset(j + 1), from, pt)?;
                                self.store_place(p, v)?;
                            }
                        }
                        _ => {}
                    }
                }
            }
            self.loops.push(Loop {
                label: label.clone(),
                brk: end,
                cont: None,
            });
            let r = self.block_stmts(&c.body);
            self.loops.pop();
            r?;
            self.top = t2;
            self.floor = f2;
            self.jump(end);
        }
        self.bind(end);
        self.top = top;
        self.floor = floor;
        Ok(())
    }

    // ------------------------------------------------------------ go / defer

    fn go_defer(&mut self, e: &Expr, is_go: bool) -> R<()> {
        let ExprKind::Call {
            fun,
            args,
            has_dots,
            ..
        } = &e.unparen().kind
        else {
            return Err(self.unsup_at(e.span, "go/defer of a non-call"));
        };
        self.span = e.span;
        let f = fun.unparen();
        if let Some(b) = self.builtin_of(f) {
            // wrap the builtin call in a closure evaluated now: evaluate args, capture them
            return self.go_defer_builtin(b, e, args, is_go);
        }
        let (callee, sig, recv) = self.callee(f)?;
        let (params, variadic) = match self.l.ty.get(sig).clone() {
            Type::Func {
                params, variadic, ..
            } => (params, variadic),
            _ => return Err(self.unsup_at(e.span, "this call")),
        };
        let nrecv = usize::from(recv.is_some());
        let explicit = &params[nrecv..];
        let base = self.tmps(params.len().max(1) as u16);
        if let Some((r, rt, pt)) = recv {
            let v = self.coerce(r, rt, pt)?;
            self.mv(base, v);
        }
        self.args_into(args, explicit, variadic, *has_dots, base.offset(nrecv))?;
        let cv = match callee {
            Callee::Static(id) => {
                let r = self.tmp();
                self.emit(Instr::Func { dst: r, func: id });
                r
            }
            Callee::Intrinsic(o) => {
                let id = intrinsics::wrapper_for(self.l, o)?;
                let r = self.tmp();
                self.emit(Instr::Func { dst: r, func: id });
                r
            }
            Callee::Value(r) => r,
            Callee::Iface(r, name) => {
                // thunk(recv, args...) { recv.name(args...) }
                let sig_t = sig;
                let nres = match self.l.ty.get(sig_t) {
                    Type::Func { results, .. } => results.len(),
                    _ => 0,
                };
                let nparams = params.len();
                let id = intrinsics::iface_thunk(
                    self.l,
                    &name,
                    nparams as u16,
                    nres as u16,
                    &self.name,
                    &mut self.wrap_n,
                    is_go,
                );
                // shift args: recv first
                let base2 = self.tmps(nparams as u16 + 1);
                self.mv(base2, r);
                for i in 0..nparams {
                    self.mv(base2.offset(i + 1), base.offset(i));
                }
                let c = self.tmp();
                self.emit(Instr::Func { dst: c, func: id });
                self.span = e.span;
                if is_go {
                    self.emit(Instr::Go {
                        callee: c,
                        args: base2,
                    });
                } else {
                    self.emit(Instr::Defer {
                        callee: c,
                        args: base2,
                    });
                }
                return Ok(());
            }
        };
        self.span = e.span;
        if is_go {
            self.emit(Instr::Go {
                callee: cv,
                args: base,
            });
        } else {
            self.emit(Instr::Defer {
                callee: cv,
                args: base,
            });
        }
        Ok(())
    }

    fn go_defer_builtin(&mut self, b: Builtin, e: &Expr, args: &[Expr], is_go: bool) -> R<()> {
        let kind = if is_go { "gowrap" } else { "deferwrap" };
        match b {
            Builtin::Close | Builtin::Panic | Builtin::Print | Builtin::Println
                if args.len() <= 8 =>
            {
                let mut vals = Vec::new();
                let mut rts = Vec::new();
                for a in args {
                    let t = self.tv(a)?;
                    let t = self.l.default_type(t);
                    let t = if b == Builtin::Panic {
                        self.l.ty.empty_interface()
                    } else {
                        t
                    };
                    let v = self.expr_to(a, t)?;
                    vals.push(v);
                    rts.push(self.rt(t)?);
                }
                self.wrap_n += 1;
                let name = format!("{}.{kind}{}", self.name, self.wrap_n);
                let id = intrinsics::builtin_thunk(
                    self.l,
                    b,
                    &rts,
                    &name,
                    self.l.span(self.file, e.span),
                );
                let base = self.tmps(vals.len().max(1) as u16);
                for (i, v) in vals.iter().enumerate() {
                    self.mv(base.offset(i), *v);
                }
                let c = self.tmp();
                self.emit(Instr::Func { dst: c, func: id });
                if is_go {
                    self.emit(Instr::Go {
                        callee: c,
                        args: base,
                    });
                } else {
                    self.emit(Instr::Defer {
                        callee: c,
                        args: base,
                    });
                }
                Ok(())
            }
            _ => Err(self.unsup_at(e.span, &format!("go/defer of builtin {}", b.name()))),
        }
    }

    // ------------------------------------------------------------ places

    pub fn place_type(&self, p: Place) -> CT {
        match p {
            Place::Blank => CT(0),
            Place::Local(_, t)
            | Place::Ptr(_, _, t)
            | Place::Global(_, t)
            | Place::AggField(_, _, t)
            | Place::AggIndex(_, _, _, t)
            | Place::Elem(_, _, _, t)
            | Place::MapEntry(_, _, _, t) => t,
        }
    }

    pub fn place(&mut self, e: &Expr) -> R<Place> {
        let e = e.unparen();
        match &e.kind {
            ExprKind::Name(n) if n == "_" => Ok(Place::Blank),
            ExprKind::Name(_) => {
                let o = self
                    .obj_of(e)
                    .ok_or_else(|| self.unsup_at(e.span, "this assignment target"))?;
                self.place_of_obj(o, e.span)
            }
            ExprKind::Selector { x, .. } => match self.l.ck.info.selections.get(&e.id).cloned() {
                Some(Selection::Qualified(o)) => self.place_of_obj(o, e.span),
                Some(Selection::Field { path, index, .. }) => {
                    let mut steps = path.clone();
                    steps.push(index);
                    let xt = self.tv(x)?;
                    let mut cur = match self.under(xt) {
                        Type::Pointer(pt) => {
                            let p = self.tmp();
                            let v = self.expr(x)?;
                            self.mv(p, v);
                            Place::Ptr(p, 0, pt)
                        }
                        _ => self.place(x)?,
                    };
                    for s in steps {
                        cur = self.field_place(cur, s, e.span)?;
                    }
                    Ok(cur)
                }
                _ => Err(self.unsup_at(e.span, "this assignment target")),
            },
            ExprKind::Index { x, indices } if indices.len() == 1 => {
                let xt = self.tv(x)?;
                match self.under(xt) {
                    Type::Map(kt, vt) => {
                        let m = self.tmp();
                        let mv = self.expr(x)?;
                        self.mv(m, mv);
                        let k = self.tmp();
                        let kv = self.expr_to(&indices[0], kt)?;
                        self.mv(k, kv);
                        let mrt = self.rt(xt)?;
                        Ok(Place::MapEntry(m, k, mrt, vt))
                    }
                    Type::Slice(et) => {
                        let s = self.tmp();
                        let sv = self.expr(x)?;
                        self.mv(s, sv);
                        let i = self.index_value(&indices[0])?;
                        let srt = self.rt(xt)?;
                        Ok(Place::Elem(s, i, srt, et))
                    }
                    Type::Pointer(p) => {
                        let Type::Array(_, et) = self.under(p) else {
                            return Err(self.unsup_at(e.span, "this index"));
                        };
                        let s = self.tmp();
                        let sv = self.expr(x)?;
                        self.mv(s, sv);
                        let i = self.index_value(&indices[0])?;
                        let srt = self.rt(xt)?;
                        Ok(Place::Elem(s, i, srt, et))
                    }
                    Type::Array(_, et) => {
                        let base = self.place(x)?;
                        let art = self.rt(xt)?;
                        let ert = self.rt(et)?;
                        let es = self.l.slots(ert);
                        let ci = self.const_of(&indices[0]).and_then(|c| c.to_int());
                        match (base, ci) {
                            (Place::Local(r, _), Some(c)) => {
                                Ok(Place::AggField(r, c as u32 * es, et))
                            }
                            (Place::AggField(r, o, _), Some(c)) => {
                                Ok(Place::AggField(r, o + c as u32 * es, et))
                            }
                            (Place::Global(o, _), Some(c)) => {
                                Ok(Place::Global(o + c as u32 * es, et))
                            }
                            (Place::Ptr(p, o, _), Some(c)) => {
                                Ok(Place::Ptr(p, o + c as u32 * es, et))
                            }
                            (Place::Local(r, _), None) => {
                                let i = self.index_value(&indices[0])?;
                                Ok(Place::AggIndex(r, i, art, et))
                            }
                            (other, _) => {
                                let ptr = self.place_addr(other, e.span)?;
                                let i = self.index_value(&indices[0])?;
                                let prt = self.l.p.types.pointer_to(art);
                                Ok(Place::Elem(ptr, i, prt, et))
                            }
                        }
                    }
                    _ => Err(self.unsup_at(e.span, "this assignment target")),
                }
            }
            ExprKind::Star(x) => {
                let xt = self.tv(x)?;
                let Type::Pointer(pt) = self.under(xt) else {
                    return Err(self.unsup_at(e.span, "this dereference"));
                };
                let p = self.tmp();
                let v = self.expr(x)?;
                self.mv(p, v);
                Ok(Place::Ptr(p, 0, pt))
            }
            _ => Err(self.unsup_at(e.span, "this assignment target")),
        }
    }

    fn place_of_obj(&mut self, o: ObjId, sp: Span) -> R<Place> {
        let ob = &self.l.ck.info.objects[o.0 as usize];
        if !matches!(ob.kind, ObjKind::Var) {
            return Err(self.unsup_at(sp, "this assignment target"));
        }
        if let Some(v) = self.vars.get(&o).copied() {
            let t = v.ty;
            return Ok(if v.boxed {
                Place::Ptr(v.reg, 0, t)
            } else {
                Place::Local(v.reg, t)
            });
        }
        let is_global = self.is_global(o);
        if is_global {
            let (off, t) = self.l.global(o)?;
            let t = self.ct(t);
            return Ok(Place::Global(off, t));
        }
        Err(self.unsup_at(sp, "a reference to a variable of an enclosing function"))
    }

    fn is_global(&self, o: ObjId) -> bool {
        let ob = &self.l.ck.info.objects[o.0 as usize];
        matches!(ob.decl, Some(crate::check::DeclRef::Var(..)))
    }

    fn field_place(&mut self, cur: Place, idx: usize, sp: Span) -> R<Place> {
        let ct = self.place_type(cur);
        match self.under(ct) {
            Type::Pointer(pt) => {
                let p = self.load_place(cur)?;
                let p2 = self.tmp();
                self.mv(p2, p);
                self.field_place(Place::Ptr(p2, 0, pt), idx, sp)
            }
            Type::Struct(fields) => {
                let f = fields.get(idx).ok_or_else(|| self.unsup_at(sp, "field"))?;
                let ft = self.ct(f.typ);
                let srt = self.rt(ct)?;
                let off = self.l.field_offset(srt, idx);
                Ok(match cur {
                    Place::Local(r, _) => Place::AggField(r, off, ft),
                    Place::AggField(r, o, _) => Place::AggField(r, o + off, ft),
                    Place::Ptr(p, o, _) => Place::Ptr(p, o + off, ft),
                    Place::Global(o, _) => Place::Global(o + off, ft),
                    Place::Elem(..) => {
                        let a = self.place_addr(cur, sp)?;
                        Place::Ptr(a, off, ft)
                    }
                    Place::MapEntry(..) | Place::AggIndex(..) | Place::Blank => {
                        // read-only use: copy out then select
                        let v = self.load_place(cur)?;
                        let d = self.tmp();
                        let frt = self.rt(ft)?;
                        self.emit(Instr::GetField {
                            dst: d,
                            src: v,
                            offset: off,
                            ty: frt,
                        });
                        Place::Local(d, ft)
                    }
                })
            }
            _ => Err(self.unsup_at(sp, "field of a non-struct")),
        }
    }

    /// The address of a place (boxing is already arranged by escape analysis).
    fn place_addr(&mut self, p: Place, sp: Span) -> R<Reg> {
        match p {
            Place::Ptr(r, 0, _) => Ok(r),
            Place::Ptr(r, o, _) => {
                let d = self.tmp();
                self.emit(Instr::FieldAddr {
                    dst: d,
                    ptr: r,
                    offset: o,
                });
                Ok(d)
            }
            Place::Global(o, _) => {
                let d = self.tmp();
                self.emit(Instr::GlobalAddr { dst: d, offset: o });
                Ok(d)
            }
            Place::Elem(s, i, srt, _) => {
                let d = self.tmp();
                self.emit(Instr::IndexAddr {
                    dst: d,
                    src: s,
                    index: i,
                    ty: srt,
                });
                Ok(d)
            }
            _ => Err(self.unsup_at(sp, "taking the address of this value")),
        }
    }

    pub fn load_place(&mut self, p: Place) -> R<Reg> {
        let t = self.place_type(p);
        let d = self.tmp();
        match p {
            Place::Blank => return Err(self.unsup_at(self.span, "reading _")),
            Place::Local(r, _) => return Ok(r),
            Place::Ptr(r, 0, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::Load {
                    dst: d,
                    ptr: r,
                    ty: rt,
                });
            }
            Place::Ptr(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::LoadField {
                    dst: d,
                    ptr: r,
                    offset: o,
                    ty: rt,
                });
            }
            Place::Global(o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::LoadGlobal {
                    dst: d,
                    offset: o,
                    ty: rt,
                });
            }
            Place::AggField(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::GetField {
                    dst: d,
                    src: r,
                    offset: o,
                    ty: rt,
                });
            }
            Place::AggIndex(r, i, art, _) => {
                self.emit(Instr::IndexAgg {
                    dst: d,
                    src: r,
                    index: i,
                    ty: art,
                });
            }
            Place::Elem(s, i, srt, _) => {
                self.emit(Instr::Index {
                    dst: d,
                    src: s,
                    index: i,
                    ty: srt,
                });
            }
            Place::MapEntry(m, k, mrt, _) => {
                self.emit(Instr::MapGet {
                    dst: d,
                    map: m,
                    key: k,
                    ty: mrt,
                    form: ResultForm::Value,
                });
            }
        }
        Ok(d)
    }

    pub fn store_place(&mut self, p: Place, v: Reg) -> R<()> {
        let t = self.place_type(p);
        match p {
            Place::Blank => {}
            Place::Local(r, _) => self.mv(r, v),
            Place::Ptr(r, 0, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::Store {
                    ptr: r,
                    src: v,
                    ty: rt,
                });
            }
            Place::Ptr(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::StoreField {
                    ptr: r,
                    offset: o,
                    src: v,
                    ty: rt,
                });
            }
            Place::Global(o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::StoreGlobal {
                    offset: o,
                    src: v,
                    ty: rt,
                });
            }
            Place::AggField(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::SetField {
                    dst: r,
                    offset: o,
                    src: v,
                    ty: rt,
                });
            }
            Place::AggIndex(r, i, art, _) => {
                self.emit(Instr::SetIndexAgg {
                    dst: r,
                    index: i,
                    src: v,
                    ty: art,
                });
            }
            Place::Elem(s, i, srt, _) => {
                self.emit(Instr::SetIndex {
                    dst: s,
                    index: i,
                    src: v,
                    ty: srt,
                });
            }
            Place::MapEntry(m, k, _, _) => {
                self.emit(Instr::MapSet {
                    map: m,
                    key: k,
                    src: v,
                });
            }
        }
        Ok(())
    }

    fn index_value(&mut self, e: &Expr) -> R<Reg> {
        let t = self.tv(e)?;
        let int_t = self.l.ty.basic(Basic::Int);
        let r = self.tmp();
        let t2 = if self.l.ty.is_untyped(t) { int_t } else { t };
        let v = self.expr_to(e, t2)?;
        let k = self.num_kind(t2)?.unwrap_or(NumKind::Int);
        if k != NumKind::Int && k.is_int() {
            self.emit(Instr::Convert {
                dst: r,
                src: v,
                from: k,
                to: NumKind::Int,
            });
        } else {
            self.mv(r, v);
        }
        Ok(r)
    }

    // ------------------------------------------------------------ expressions

    fn expr_stmt(&mut self, e: &Expr) -> R<()> {
        let e = e.unparen();
        match &e.kind {
            ExprKind::Call { .. } => {
                self.call(e)?;
                Ok(())
            }
            ExprKind::Unary {
                op: Operator::Recv, ..
            } => {
                self.expr(e)?;
                Ok(())
            }
            _ => Err(self.unsup_at(e.span, "this expression statement")),
        }
    }

    /// Converts a value of type `from` for assignment to type `to` (interface boxing).
    pub fn coerce(&mut self, r: Reg, from: CT, to: CT) -> R<Reg> {
        if to == CT(0) || from == to {
            return Ok(r);
        }
        if self.is_iface(to) && !self.is_iface(from) {
            if self.is_untyped_nil(from) {
                let d = self.tmp();
                let rt = self.rt(to)?;
                self.emit(Instr::Zero { dst: d, ty: rt });
                return Ok(d);
            }
            let from = self.l.default_type(from);
            self.l.ensure_methods(from)?;
            let rt = self.rt(from)?;
            let d = self.tmp();
            self.emit(Instr::MakeIface {
                dst: d,
                src: r,
                ty: rt,
            });
            return Ok(d);
        }
        Ok(r)
    }

    /// Evaluates `e` for a destination of type `to`.
    pub fn expr_to(&mut self, e: &Expr, to: CT) -> R<Reg> {
        let from = self.tv(e)?;
        if self.is_untyped_nil(from) {
            let d = self.tmp();
            let rt = self.rt(to)?;
            self.emit(Instr::Zero { dst: d, ty: rt });
            return Ok(d);
        }
        if let Some(c) = self.const_of(e) {
            if to != CT(0) && !self.is_iface(to) && self.l.ty.is_untyped(from) {
                return self.const_val(&c, to);
            }
            let ft = self.l.default_type(from);
            let r = self.const_val(&c, ft)?;
            return self.coerce(r, ft, to);
        }
        let r = self.expr(e)?;
        self.coerce(r, from, to)
    }

    fn const_val(&mut self, c: &ConstValue, t: CT) -> R<Reg> {
        let rt = self.rt(t)?;
        let kind = self.l.p.types.num_kind(rt);
        let d = self.tmp();
        match (c, kind) {
            (ConstValue::Bool(b), _) => {
                let k = self.l.konst(Const::Bool(*b));
                self.emit(Instr::Const { dst: d, konst: k });
            }
            (ConstValue::String(s), _) => {
                let k = self.l.konst(Const::Str(s.as_bytes().to_vec()));
                self.emit(Instr::Const { dst: d, konst: k });
            }
            (c, Some(k)) if k.is_float() => {
                let mut f = c.to_float().unwrap_or(0.0);
                if k == NumKind::F32 {
                    f = f as f32 as f64;
                }
                let kc = self.l.konst(Const::Float(f));
                self.emit(Instr::Const { dst: d, konst: kc });
            }
            (c, Some(k)) if k.is_int() => {
                let v = c.to_int().unwrap_or(0);
                let v = k.wrap(v as i64);
                self.load_int(d, v);
            }
            (ConstValue::Int(i), _) => self.load_int(d, *i as i64),
            (ConstValue::Float(f), _) => {
                let kc = self.l.konst(Const::Float(*f));
                self.emit(Instr::Const { dst: d, konst: kc });
            }
        }
        Ok(d)
    }

    /// Evaluates an expression to a register (which may be a local's own register: do not write to it).
    pub fn expr(&mut self, e: &Expr) -> R<Reg> {
        let saved_span = self.span;
        self.span = e.span;
        if self.file == 0 {
            self.l.user_pos = e.span.lo;
        }
        let r = self.expr_inner(e);
        self.span = saved_span;
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> R<Reg> {
        if let Some(c) = self.const_of(e) {
            let t = self.tv(e)?;
            let t = self.l.default_type(t);
            return self.const_val(&c, t);
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Name(_) => {
                let o = self
                    .obj_of(e)
                    .ok_or_else(|| self.unsup_at(e.span, "this name"))?;
                self.obj_value(o, e)
            }
            ExprKind::Selector { x, sel } => {
                let s = self.l.ck.info.selections.get(&e.id).cloned();
                match s {
                    Some(Selection::Qualified(o)) => self.obj_value(o, e),
                    Some(Selection::Field { .. }) => {
                        let p = self.place_or_value_field(e)?;
                        Ok(p)
                    }
                    Some(Selection::Method { .. }) | Some(Selection::InterfaceMethod { .. }) => {
                        self.method_value(e, x, &sel.name)
                    }
                    Some(Selection::MethodExpr { func, recv_type }) => {
                        let ptr_recv = self
                            .l
                            .func_decl(func)
                            .and_then(|(_, fd)| fd.recv.as_ref())
                            .is_some_and(|r| matches!(r.typ.unparen().kind, ExprKind::Star(_)));
                        let rt = self.ct(recv_type);
                        if matches!(self.l.ty.get(rt), Type::Pointer(_)) != ptr_recv {
                            return Err(self.unsup_at(e.span, "this method expression"));
                        }
                        let base = match self.l.ty.get(rt).clone() {
                            Type::Pointer(b) => b,
                            _ => rt,
                        };
                        let targs: Vec<CT> = self
                            .l
                            .ty
                            .named_of(base)
                            .and_then(|n| n.origin.as_ref().map(|(_, a)| a.clone()))
                            .unwrap_or_default();
                        let has_body = self
                            .l
                            .func_decl(func)
                            .is_some_and(|(_, fd)| fd.body.is_some());
                        let id = if has_body {
                            self.l.func_for(func, targs)?
                        } else {
                            intrinsics::wrapper_for(self.l, func)?
                        };
                        let d = self.tmp();
                        self.emit(Instr::Func { dst: d, func: id });
                        Ok(d)
                    }
                    _ => Err(self.unsup_at(e.span, "this selector")),
                }
            }
            ExprKind::Index { x, indices } => {
                if self.l.ck.info.instances.contains_key(&e.id)
                    || self.l.ck.info.instances.contains_key(&x.id)
                {
                    let o = self
                        .obj_of(x)
                        .ok_or_else(|| self.unsup_at(e.span, "this instantiation"))?;
                    return self.func_value(o, e);
                }
                let xt = self.tv(x)?;
                match self.under(xt) {
                    Type::Map(kt, _) => {
                        let m = self.expr(x)?;
                        let k = self.expr_to(&indices[0], kt)?;
                        let mrt = self.rt(xt)?;
                        let d = self.tmp();
                        self.span = e.span;
                        self.emit(Instr::MapGet {
                            dst: d,
                            map: m,
                            key: k,
                            ty: mrt,
                            form: ResultForm::Value,
                        });
                        Ok(d)
                    }
                    Type::Basic(_) => {
                        let s = self.expr(x)?;
                        let i = self.index_value(&indices[0])?;
                        let d = self.tmp();
                        self.span = e.span;
                        self.emit(Instr::StrIndex {
                            dst: d,
                            src: s,
                            index: i,
                        });
                        Ok(d)
                    }
                    Type::Slice(_) | Type::Pointer(_) => {
                        let s = self.expr(x)?;
                        let i = self.index_value(&indices[0])?;
                        let srt = self.rt(xt)?;
                        let d = self.tmp();
                        self.span = e.span;
                        self.emit(Instr::Index {
                            dst: d,
                            src: s,
                            index: i,
                            ty: srt,
                        });
                        Ok(d)
                    }
                    Type::Array(..) => {
                        if let Ok(p) = self.place(e) {
                            return self.load_place(p);
                        }
                        let a = self.expr(x)?;
                        let i = self.index_value(&indices[0])?;
                        let art = self.rt(xt)?;
                        let d = self.tmp();
                        self.emit(Instr::IndexAgg {
                            dst: d,
                            src: a,
                            index: i,
                            ty: art,
                        });
                        Ok(d)
                    }
                    _ => Err(self.unsup_at(e.span, "this index expression")),
                }
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                let xt = self.tv(x)?;
                let (src, ty) = match self.under(xt) {
                    Type::Array(..) => {
                        let p = self.place(x)?;
                        let a = self.place_addr(p, e.span)?;
                        let art = self.rt(xt)?;
                        (a, self.l.p.types.pointer_to(art))
                    }
                    _ => (self.expr(x)?, self.rt(xt)?),
                };
                let opt = |s: &mut Self, b: &Option<Box<Expr>>| -> R<Reg> {
                    match b {
                        Some(b) => s.index_value(b),
                        None => Ok(Reg::NONE),
                    }
                };
                let lo = opt(self, lo)?;
                let hi = opt(self, hi)?;
                let max = opt(self, max)?;
                let d = self.tmp();
                self.span = e.span;
                self.emit(Instr::Slice {
                    dst: d,
                    src,
                    lo,
                    hi,
                    max,
                    ty,
                });
                Ok(d)
            }
            ExprKind::TypeAssert { x, typ: Some(_) } => {
                let t = self.tv(e)?;
                let xt = self.tv(x)?;
                let v = self.expr(x)?;
                let trt = self.rt(t)?;
                let xrt = self.rt(xt)?;
                if !self.is_iface(t) {
                    self.l.ensure_methods(t)?;
                }
                let d = self.tmp();
                self.span = e.span;
                self.emit(Instr::TypeAssert {
                    dst: d,
                    src: v,
                    ty: trt,
                    from: xrt,
                    form: ResultForm::Value,
                });
                Ok(d)
            }
            ExprKind::Call { .. } => {
                let (base, tys) = self.call(e)?;
                if tys.is_empty() {
                    return Err(self.unsup_at(e.span, "using a call without results as a value"));
                }
                Ok(base)
            }
            ExprKind::Star(x) => {
                let p = self.expr(x)?;
                let t = self.tv(e)?;
                let rt = self.rt(t)?;
                let d = self.tmp();
                self.span = e.span;
                self.emit(Instr::Load {
                    dst: d,
                    ptr: p,
                    ty: rt,
                });
                Ok(d)
            }
            ExprKind::Unary { op, x } => self.unary(e, *op, x),
            ExprKind::Binary { op, x, y, .. } => self.binary(e, *op, x, y),
            ExprKind::CompositeLit { elems, .. } => {
                let t = self.tv(e)?;
                self.composite(e, t, elems)
            }
            ExprKind::FuncLit { typ, body } => self.func_lit(e, typ, body),
            _ => Err(self.unsup_at(e.span, "this expression")),
        }
    }

    fn place_or_value_field(&mut self, e: &Expr) -> R<Reg> {
        // Prefer an addressable path (avoids copying whole structs); fall back to value selection.
        let ExprKind::Selector { x, .. } = &e.kind else {
            unreachable!()
        };
        let Some(Selection::Field { path, index, .. }) =
            self.l.ck.info.selections.get(&e.id).cloned()
        else {
            unreachable!()
        };
        let xt = self.tv(x)?;
        let addressable = matches!(self.under(xt), Type::Pointer(_)) || self.is_addressable(x);
        if addressable {
            let p = self.place(e)?;
            return self.load_place(p);
        }
        let mut v = self.expr(x)?;
        let mut t = xt;
        let mut steps = path;
        steps.push(index);
        for s in steps {
            let (nv, nt) = self.select_field_value(v, t, s, e.span)?;
            v = nv;
            t = nt;
        }
        Ok(v)
    }

    fn is_addressable(&self, e: &Expr) -> bool {
        match &e.unparen().kind {
            ExprKind::Name(_) => self
                .obj_of(e)
                .is_some_and(|o| matches!(self.l.ck.info.objects[o.0 as usize].kind, ObjKind::Var)),
            ExprKind::Selector { x, .. } => match self.l.ck.info.selections.get(&e.unparen().id) {
                Some(Selection::Field { .. }) => {
                    self.is_addressable(x)
                        || self.l.ck.info.types.get(&x.id).is_some_and(|tv| {
                            matches!(self.l.ty.get(self.l.ty.under(tv.typ)), Type::Pointer(_))
                        })
                }
                Some(Selection::Qualified(o)) => {
                    matches!(self.l.ck.info.objects[o.0 as usize].kind, ObjKind::Var)
                }
                _ => false,
            },
            ExprKind::Index { x, .. } => {
                match self
                    .l
                    .ck
                    .info
                    .types
                    .get(&x.id)
                    .map(|tv| self.l.ty.get(self.l.ty.under(tv.typ)).clone())
                {
                    Some(Type::Slice(_)) => true,
                    Some(Type::Array(..)) => self.is_addressable(x),
                    Some(Type::Pointer(_)) => true,
                    _ => false,
                }
            }
            ExprKind::Star(_) => true,
            _ => false,
        }
    }

    fn select_field_value(&mut self, v: Reg, t: CT, idx: usize, sp: Span) -> R<(Reg, CT)> {
        match self.under(t) {
            Type::Pointer(pt) => {
                let Type::Struct(fields) = self.under(pt) else {
                    return Err(self.unsup_at(sp, "field"));
                };
                let ft = self.ct(fields[idx].typ);
                let srt = self.rt(pt)?;
                let off = self.l.field_offset(srt, idx);
                let frt = self.rt(ft)?;
                let d = self.tmp();
                self.emit(Instr::LoadField {
                    dst: d,
                    ptr: v,
                    offset: off,
                    ty: frt,
                });
                Ok((d, ft))
            }
            Type::Struct(fields) => {
                let ft = self.ct(fields[idx].typ);
                let srt = self.rt(t)?;
                let off = self.l.field_offset(srt, idx);
                let frt = self.rt(ft)?;
                let d = self.tmp();
                self.emit(Instr::GetField {
                    dst: d,
                    src: v,
                    offset: off,
                    ty: frt,
                });
                Ok((d, ft))
            }
            _ => Err(self.unsup_at(sp, "field of a non-struct")),
        }
    }

    /// Address of a field path starting at pointer `p` of type `*t`.
    fn field_addr_path(&mut self, mut p: Reg, mut t: CT, path: &[usize], sp: Span) -> R<(Reg, CT)> {
        for &idx in path {
            let Type::Struct(fields) = self.under(t) else {
                return Err(self.unsup_at(sp, "embedded field"));
            };
            let ft = self.ct(fields[idx].typ);
            let srt = self.rt(t)?;
            let off = self.l.field_offset(srt, idx);
            if let Type::Pointer(inner) = self.under(ft) {
                let d = self.tmp();
                let frt = self.rt(ft)?;
                self.emit(Instr::LoadField {
                    dst: d,
                    ptr: p,
                    offset: off,
                    ty: frt,
                });
                p = d;
                t = inner;
            } else {
                let d = self.tmp();
                self.emit(Instr::FieldAddr {
                    dst: d,
                    ptr: p,
                    offset: off,
                });
                p = d;
                t = ft;
            }
        }
        Ok((p, t))
    }

    fn obj_value(&mut self, o: ObjId, e: &Expr) -> R<Reg> {
        let ob = self.l.ck.info.objects[o.0 as usize].clone();
        match ob.kind {
            ObjKind::Var => {
                if let Some(v) = self.vars.get(&o).copied() {
                    return self.read_var(v);
                }
                if self.is_global(o) {
                    let (off, t) = self.l.global(o)?;
                    let rt = self.rt(t)?;
                    let d = self.tmp();
                    self.emit(Instr::LoadGlobal {
                        dst: d,
                        offset: off,
                        ty: rt,
                    });
                    return Ok(d);
                }
                Err(self.unsup_at(e.span, "a reference to a variable of an enclosing function"))
            }
            ObjKind::Nil => {
                let d = self.tmp();
                self.emit(Instr::Zero {
                    dst: d,
                    ty: builtin::ANY,
                });
                Ok(d)
            }
            ObjKind::Func => self.func_value(o, e),
            ObjKind::Const(c) => {
                let t = self.tv(e)?;
                let t = self.l.default_type(t);
                self.const_val(&c, t)
            }
            _ => Err(self.unsup_at(e.span, "this name as a value")),
        }
    }

    fn targs_of(&mut self, e: &Expr) -> Vec<CT> {
        let info = &self.l.ck.info;
        let mut targs = info.instances.get(&e.id).cloned();
        if targs.is_none() {
            if let ExprKind::Index { x, .. } = &e.kind {
                targs = info.instances.get(&x.id).cloned();
            }
        }
        targs
            .unwrap_or_default()
            .into_iter()
            .map(|t| self.ct(t))
            .collect()
    }

    fn func_value(&mut self, o: ObjId, e: &Expr) -> R<Reg> {
        let targs = self.targs_of(e);
        let has_body = self.l.func_decl(o).is_some_and(|(_, fd)| fd.body.is_some());
        let id = if has_body {
            self.l.func_for(o, targs)?
        } else {
            intrinsics::wrapper_for(self.l, o)?
        };
        let d = self.tmp();
        self.emit(Instr::Func { dst: d, func: id });
        Ok(d)
    }

    fn method_value(&mut self, e: &Expr, x: &Expr, name: &str) -> R<Reg> {
        // bound method: closure capturing the receiver
        let (callee, sig, recv) = self.callee(e)?;
        let Type::Func {
            params, results, ..
        } = self.l.ty.get(sig).clone()
        else {
            return Err(self.unsup_at(e.span, "method value"));
        };
        let nrecv = usize::from(recv.is_some());
        let np = params.len() - nrecv;
        let rres = results.iter().map(|r| self.rt(*r)).collect::<R<Vec<_>>>()?;
        let (target, cap) = match callee {
            Callee::Static(id) => (intrinsics::Target::Static(id), recv.map(|r| r.0)),
            Callee::Intrinsic(o) => (
                intrinsics::Target::Static(intrinsics::wrapper_for(self.l, o)?),
                recv.map(|r| r.0),
            ),
            Callee::Iface(r, n) => (intrinsics::Target::Iface(n), Some(r)),
            Callee::Value(r) => return Ok(r),
        };
        let cap = cap.ok_or_else(|| self.unsup_at(e.span, "method value"))?;
        let capv = match recv {
            Some((r, rt, pt)) => self.coerce(r, rt, pt)?,
            None => cap,
        };
        let fname = match &target {
            intrinsics::Target::Static(id) => format!("{}-fm", self.l.p.funcs[id.0 as usize].name),
            intrinsics::Target::Iface(_) => {
                let xt = self.tv(x)?;
                let q = self.l.ty.display(xt);
                let q = if q.contains('.') {
                    q
                } else {
                    format!("main.{q}")
                };
                format!("{q}.{name}-fm")
            }
        };
        let id = intrinsics::bound_thunk(self.l, target, np as u16, rres, &fname);
        let c = self.tmp();
        self.mv(c, capv);
        let d = self.tmp();
        self.emit(Instr::Closure {
            dst: d,
            func: id,
            captures: c,
            count: 1,
        });
        Ok(d)
    }

    fn unary(&mut self, e: &Expr, op: Operator, x: &Expr) -> R<Reg> {
        match op {
            Operator::And => {
                let inner = x.unparen();
                if let ExprKind::CompositeLit { elems, .. } = &inner.kind {
                    let t = self.tv(inner)?;
                    let v = self.composite(inner, t, elems)?;
                    let rt = self.rt(t)?;
                    let d = self.tmp();
                    self.emit(Instr::Box {
                        dst: d,
                        src: v,
                        ty: rt,
                    });
                    return Ok(d);
                }
                let p = self.place(x)?;
                self.place_addr(p, e.span)
            }
            Operator::Recv => {
                let ct = self.tv(x)?;
                // runtime ops only read their argument registers
                let a = self.expr(x)?;
                let crt = self.rt(ct)?;
                let d = self.tmp();
                self.span = e.span;
                self.emit(Instr::Runtime {
                    op: RtCode::ChanRecv,
                    args: a,
                    dst: d,
                    ty: crt,
                });
                Ok(d)
            }
            Operator::Add => self.expr(x),
            Operator::Sub | Operator::Not | Operator::Xor => {
                let t = self.tv(e)?;
                let v = self.expr_to(x, t)?;
                let kind = self
                    .num_kind(t)?
                    .ok_or_else(|| self.unsup_at(e.span, "this operator"))?;
                let uop = match op {
                    Operator::Sub => UnOp::Neg,
                    Operator::Not => UnOp::Not,
                    _ => UnOp::BitNot,
                };
                let d = self.tmp();
                self.emit(Instr::Unary {
                    op: uop,
                    kind,
                    dst: d,
                    src: v,
                });
                Ok(d)
            }
            _ => Err(self.unsup_at(e.span, "this unary operator")),
        }
    }

    fn binary(&mut self, e: &Expr, op: Operator, x: &Expr, y: &Expr) -> R<Reg> {
        match op {
            Operator::AndAnd | Operator::OrOr => {
                let d = self.tmp();
                let a = self.expr(x)?;
                self.mv(d, a);
                let end = self.label();
                if op == Operator::AndAnd {
                    self.jump_if_not(d, end);
                } else {
                    self.jump_if(d, end);
                }
                let b = self.expr(y)?;
                self.mv(d, b);
                self.bind(end);
                return Ok(d);
            }
            _ => {}
        }
        let xt = self.tv(x)?;
        let yt = self.tv(y)?;
        let is_cmp = matches!(
            op,
            Operator::Eql
                | Operator::Neq
                | Operator::Lss
                | Operator::Leq
                | Operator::Gtr
                | Operator::Geq
        );
        if is_cmp {
            // operand type: the typed side, the interface side when mixed
            let ot = if self.l.ty.is_untyped(xt) && !self.is_untyped_nil(xt) {
                if self.l.ty.is_untyped(yt) {
                    self.l.default_type(yt)
                } else {
                    yt
                }
            } else if self.is_untyped_nil(xt) || (self.is_iface(yt) && !self.is_iface(xt)) {
                yt
            } else {
                xt
            };
            let a = self.expr_to(x, ot)?;
            // unboxed locals cannot change while the other operand is evaluated
            let a2 = a;
            let b_start = self.code.len();
            let b = self.expr_to(y, ot)?;
            self.span = e.span;
            if matches!(op, Operator::Eql | Operator::Neq) {
                return self.eq_regs(a2, b, ot, op == Operator::Neq);
            }
            let kind = self
                .num_kind(ot)?
                .ok_or_else(|| self.unsup_at(e.span, "this comparison"))?;
            let bop = binop(op).ok_or_else(|| self.unsup_at(e.span, "this operator"))?;
            let d = self.tmp();
            self.emit_binary(bop, kind, d, a2, b, b_start);
            return Ok(d);
        }
        let t = self.tv(e)?;
        let t = self.l.default_type(t);
        let kind = self
            .num_kind(t)?
            .ok_or_else(|| self.unsup_at(e.span, "this operator"))?;
        let a2 = self.expr_to(x, t)?;
        let b_start = self.code.len();
        let b = if matches!(op, Operator::Shl | Operator::Shr) {
            let yt2 = if self.l.ty.is_untyped(yt) {
                self.l.ty.basic(Basic::Uint)
            } else {
                yt
            };
            self.expr_to(y, yt2)?
        } else {
            self.expr_to(y, t)?
        };
        let bop = binop(op).ok_or_else(|| self.unsup_at(e.span, "this operator"))?;
        let d = self.tmp();
        self.span = e.span;
        self.emit_binary(bop, kind, d, a2, b, b_start);
        Ok(d)
    }

    fn composite(&mut self, e: &Expr, t: CT, elems: &[crate::ast::Element]) -> R<Reg> {
        let rt = self.rt(t)?;
        if self.l.p.types.name(rt) == "time.Time" {
            // time.Time is modelled as a plain integer (ns): its only literal users can write is the zero Time
            if !elems.is_empty() {
                return Err(self.unsup_at(e.span, "time.Time composite literal with fields"));
            }
            let d = self.tmp();
            self.emit(Instr::Zero { dst: d, ty: rt });
            return Ok(d);
        }
        match self.under(t) {
            Type::Pointer(pt) => {
                // elided &T in a literal of pointers
                let v = self.composite(e, pt, elems)?;
                let prt = self.rt(pt)?;
                let d = self.tmp();
                self.emit(Instr::Box {
                    dst: d,
                    src: v,
                    ty: prt,
                });
                Ok(d)
            }
            Type::Struct(fields) => {
                let n = fields.len();
                let base = self.tmps(n.max(1) as u16);
                let mut set = vec![false; n];
                for (i, el) in elems.iter().enumerate() {
                    let idx = match &el.key {
                        Some(k) => match &k.kind {
                            ExprKind::Name(name) => {
                                fields.iter().position(|f| &f.name == name).unwrap_or(i)
                            }
                            _ => i,
                        },
                        None => i,
                    };
                    if idx >= n {
                        continue;
                    }
                    let ft = self.ct(fields[idx].typ);
                    let v = self.elem_value(&el.value, ft)?;
                    self.mv(base.offset(idx), v);
                    set[idx] = true;
                }
                for (i, f) in fields.iter().enumerate() {
                    if !set[i] {
                        let ft = self.ct(f.typ);
                        let frt = self.rt(ft)?;
                        self.emit(Instr::Zero {
                            dst: base.offset(i),
                            ty: frt,
                        });
                    }
                }
                let d = self.tmp();
                self.emit(Instr::MakeAgg {
                    dst: d,
                    ty: rt,
                    src: base,
                    count: n as u16,
                });
                Ok(d)
            }
            Type::Array(len, et) => {
                let keyed = elems.iter().any(|el| el.key.is_some());
                if keyed {
                    let d = self.tmp();
                    self.emit(Instr::Zero { dst: d, ty: rt });
                    let mut next = 0i64;
                    for el in elems {
                        if let Some(k) = &el.key {
                            next = self.const_of(k).and_then(|c| c.to_int()).unwrap_or(0) as i64;
                        }
                        let v = self.elem_value(&el.value, et)?;
                        let i = self.int_const(next);
                        self.emit(Instr::SetIndexAgg {
                            dst: d,
                            index: i,
                            src: v,
                            ty: rt,
                        });
                        next += 1;
                    }
                    return Ok(d);
                }
                let base = self.tmps((elems.len().max(1)) as u16);
                for (i, el) in elems.iter().enumerate() {
                    let v = self.elem_value(&el.value, et)?;
                    self.mv(base.offset(i), v);
                }
                let _ = len;
                let d = self.tmp();
                self.emit(Instr::MakeAgg {
                    dst: d,
                    ty: rt,
                    src: base,
                    count: elems.len() as u16,
                });
                Ok(d)
            }
            Type::Slice(et) => {
                let d = self.tmp();
                if elems.iter().any(|el| el.key.is_some()) {
                    let mut max = 0i64;
                    let mut next = 0i64;
                    for el in elems {
                        if let Some(k) = &el.key {
                            next = self.const_of(k).and_then(|c| c.to_int()).unwrap_or(0) as i64;
                        }
                        next += 1;
                        max = max.max(next);
                    }
                    let n = self.int_const(max);
                    self.emit(Instr::MakeSlice {
                        dst: d,
                        len: n,
                        cap: Reg::NONE,
                        ty: rt,
                    });
                    next = 0;
                    for el in elems {
                        if let Some(k) = &el.key {
                            next = self.const_of(k).and_then(|c| c.to_int()).unwrap_or(0) as i64;
                        }
                        let v = self.elem_value(&el.value, et)?;
                        let i = self.int_const(next);
                        self.emit(Instr::SetIndex {
                            dst: d,
                            index: i,
                            src: v,
                            ty: rt,
                        });
                        next += 1;
                    }
                    return Ok(d);
                }
                let n = self.int_const(elems.len() as i64);
                self.emit(Instr::MakeSlice {
                    dst: d,
                    len: n,
                    cap: Reg::NONE,
                    ty: rt,
                });
                for (i, el) in elems.iter().enumerate() {
                    let saved = self.top;
                    let v = self.elem_value(&el.value, et)?;
                    let ir = self.int_const(i as i64);
                    self.emit(Instr::SetIndex {
                        dst: d,
                        index: ir,
                        src: v,
                        ty: rt,
                    });
                    self.top = saved;
                }
                Ok(d)
            }
            Type::Map(kt, vt) => {
                let d = self.tmp();
                self.emit(Instr::MakeMap {
                    dst: d,
                    ty: rt,
                    hint: Reg::NONE,
                });
                for el in elems {
                    let saved = self.top;
                    let Some(k) = &el.key else {
                        return Err(self.unsup_at(el.span, "map literal without key"));
                    };
                    let kv = self.elem_value(k, kt)?;
                    let k2 = self.tmp();
                    self.mv(k2, kv);
                    let v = self.elem_value(&el.value, vt)?;
                    self.emit(Instr::MapSet {
                        map: d,
                        key: k2,
                        src: v,
                    });
                    self.top = saved;
                }
                Ok(d)
            }
            _ => Err(self.unsup_at(e.span, "this composite literal")),
        }
    }

    fn elem_value(&mut self, v: &Expr, t: CT) -> R<Reg> {
        if let ExprKind::CompositeLit {
            typ: None, elems, ..
        } = &v.kind
        {
            return self.composite(v, t, elems);
        }
        self.expr_to(v, t)
    }

    fn func_lit(&mut self, e: &Expr, typ: &FuncType, body: &crate::ast::Block) -> R<Reg> {
        let caps = self.l.esc.captures.get(&e.id).cloned().unwrap_or_default();
        self.closure_n += 1;
        let name = if self.is_lit {
            format!("{}.{}", self.name, self.closure_n)
        } else {
            format!("{}.func{}", self.name, self.closure_n)
        };
        let sig = self.tv(e)?;
        let Type::Func {
            params, results, ..
        } = self.l.ty.get(sig).clone()
        else {
            return Err(self.unsup_at(e.span, "function literal"));
        };
        let rres = results.iter().map(|r| self.rt(*r)).collect::<R<Vec<_>>>()?;
        let id = self
            .l
            .declare_func_raw(&name, params.len() as u16, rres.clone());
        // capture values (box pointers) from this frame
        let cap_base = self.tmps(caps.len().max(1) as u16);
        for (i, o) in caps.iter().enumerate() {
            let v = self.var_of(*o, e.span)?;
            self.mv(cap_base.offset(i), v.reg);
        }
        let file = self.file;
        let subst = self.subst.clone();
        let f = {
            let mut fx = Fx::new(self.l, file, name, subst, true);
            fx.span = e.span;
            fx.nregs = params.len() as u16;
            fx.top = fx.nregs;
            fx.floor = fx.nregs;
            for (i, o) in caps.iter().enumerate() {
                let r = fx.tmp();
                fx.floor = fx.top;
                fx.emit(Instr::Capture {
                    dst: r,
                    index: i as u16,
                });
                let v = self.vars.get(o).copied().unwrap_or(Var {
                    reg: r,
                    boxed: true,
                    ty: CT(0),
                });
                fx.vars.insert(
                    *o,
                    Var {
                        reg: r,
                        boxed: v.boxed,
                        ty: v.ty,
                    },
                );
                let name = fx.l.ck.info.objects[o.0 as usize].name.clone();
                if let Ok(rt) = fx.rt(v.ty) {
                    fx.locals.push(LocalVar {
                        name,
                        reg: r,
                        ty: rt,
                        boxed: v.boxed,
                    });
                }
            }
            let mut pi = 0;
            for f in &typ.params {
                if f.names.is_empty() {
                    pi += 1;
                }
                for n in &f.names {
                    if let Some(&po) = fx.l.ck.info.defs.get(&n.id) {
                        let t = params.get(pi).copied().unwrap_or(CT(0));
                        fx.bind_param(po, Reg(pi as u16), t)?;
                    }
                    pi += 1;
                }
            }
            fx.results = results.clone();
            fx.prologue_results(typ)?;
            fx.has_defer = contains_defer(&body.stmts);
            fx.block_stmts(&body.stmts)?;
            fx.epilogue()?;
            fx.finish(params.len() as u16, rres)
        };
        self.l.p.funcs[id.0 as usize] = f?;
        let d = self.tmp();
        if caps.is_empty() {
            self.emit(Instr::Func { dst: d, func: id });
        } else {
            self.emit(Instr::Closure {
                dst: d,
                func: id,
                captures: cap_base,
                count: caps.len() as u16,
            });
        }
        Ok(d)
    }

    // ------------------------------------------------------------ calls

    fn builtin_of(&self, f: &Expr) -> Option<Builtin> {
        let o = self.obj_of(f)?;
        match self.l.ck.info.objects[o.0 as usize].kind {
            ObjKind::Builtin(b) => Some(b),
            _ => None,
        }
    }

    /// Resolves a callee: (how to call, signature incl. receiver param, receiver (value, its type, param type)).
    fn callee(&mut self, f: &Expr) -> R<(Callee, CT, Option<RecvArg>)> {
        let f = f.unparen();
        let obj = match &f.kind {
            ExprKind::Index { x, .. } => self.obj_of(x),
            _ => self.obj_of(f),
        };
        if let Some(o) = obj {
            let ob = self.l.ck.info.objects[o.0 as usize].clone();
            if matches!(ob.kind, ObjKind::Func) && ob.recv_base.is_none() {
                let targs = self.targs_of(f);
                let m: HashMap<CT, CT> = ob
                    .tparams
                    .iter()
                    .copied()
                    .zip(targs.iter().copied())
                    .collect();
                let sig = self.l.subst(ob.typ, &m);
                let has_body = self.l.func_decl(o).is_some_and(|(_, fd)| fd.body.is_some());
                if has_body {
                    let id = self.l.func_for(o, targs)?;
                    return Ok((Callee::Static(id), sig, None));
                }
                return Ok((Callee::Intrinsic(o), sig, None));
            }
        }
        if let ExprKind::Selector { x, .. } = &f.kind {
            match self.l.ck.info.selections.get(&f.id).cloned() {
                Some(Selection::Method { func, path, .. }) => {
                    let ob = self.l.ck.info.objects[func.0 as usize].clone();
                    let xt = self.tv(x)?;
                    let ptr_recv = self
                        .l
                        .func_decl(func)
                        .and_then(|(_, fd)| fd.recv.as_ref())
                        .is_some_and(|r| matches!(r.typ.unparen().kind, ExprKind::Star(_)));
                    // receiver
                    let (rv, rt) = if ptr_recv {
                        let (p, pt) = match self.under(xt) {
                            Type::Pointer(inner) => (self.expr(x)?, inner),
                            _ => {
                                let p = self.place(x)?;
                                (self.place_addr(p, f.span)?, xt)
                            }
                        };
                        let (p, t) = self.field_addr_path(p, pt, &path, f.span)?;
                        let ptt = self.l.ty.pointer(t);
                        (p, ptt)
                    } else {
                        let mut v = self.expr(x)?;
                        let mut t = xt;
                        for &s in &path {
                            let (nv, nt) = self.select_field_value(v, t, s, f.span)?;
                            v = nv;
                            t = nt;
                        }
                        if let Type::Pointer(inner) = self.under(t) {
                            if !self.is_iface(inner) && self.l.ty.named_of(t).is_none() {
                                let irt = self.rt(inner)?;
                                let d = self.tmp();
                                self.emit(Instr::Load {
                                    dst: d,
                                    ptr: v,
                                    ty: irt,
                                });
                                v = d;
                                t = inner;
                            }
                        }
                        (v, t)
                    };
                    // type args of a generic receiver
                    let base = match self.l.ty.get(rt).clone() {
                        Type::Pointer(b) => b,
                        _ => rt,
                    };
                    let targs: Vec<CT> = self
                        .l
                        .ty
                        .named_of(base)
                        .and_then(|n| n.origin.as_ref().map(|(_, a)| a.clone()))
                        .unwrap_or_default();
                    let m: HashMap<CT, CT> =
                        match self.l.ty.named_of(base).and_then(|n| n.origin.clone()) {
                            Some((g, a)) => self.l.ty.named[g as usize]
                                .tparams
                                .iter()
                                .copied()
                                .zip(a)
                                .collect(),
                            None => HashMap::new(),
                        };
                    let sig = self.l.subst(ob.typ, &m);
                    let has_body = self
                        .l
                        .func_decl(func)
                        .is_some_and(|(_, fd)| fd.body.is_some());
                    let pt = match self.l.ty.get(sig) {
                        Type::Func { params, .. } => params.first().copied().unwrap_or(rt),
                        _ => rt,
                    };
                    let callee = if has_body {
                        Callee::Static(self.l.func_for(func, targs)?)
                    } else {
                        Callee::Intrinsic(func)
                    };
                    return Ok((callee, sig, Some((rv, rt, pt))));
                }
                Some(Selection::InterfaceMethod { name, path, sig }) => {
                    let xt = self.tv(x)?;
                    let mut v = self.expr(x)?;
                    let mut t = xt;
                    for &s in &path {
                        let (nv, nt) = self.select_field_value(v, t, s, f.span)?;
                        v = nv;
                        t = nt;
                    }
                    let sig = self.ct(sig);
                    if !self.is_iface(t) {
                        // a type parameter's method, instantiated with a concrete type: dispatch dynamically
                        let any = self.l.ty.empty_interface();
                        v = self.coerce(v, t, any)?;
                    }
                    return Ok((Callee::Iface(v, name), sig, None));
                }
                _ => {}
            }
        }
        let ft = self.tv(f)?;
        let sig = self.l.ty.under(ft);
        let v = self.expr(f)?;
        Ok((Callee::Value(v), sig, None))
    }

    /// Evaluates call arguments into consecutive registers at `base` (variadic packing included).
    fn args_into(
        &mut self,
        args: &[Expr],
        params: &[CT],
        variadic: bool,
        has_dots: bool,
        base: Reg,
    ) -> R<()> {
        // a single multi-value call spread over the parameters
        if args.len() == 1 && self.is_tuple_call(&args[0]) {
            let (rb, tys) = self.call(args[0].unparen())?;
            let vals: Vec<(Reg, CT)> = tys
                .iter()
                .enumerate()
                .map(|(i, t)| (rb.offset(i), *t))
                .collect();
            return self.spread(vals, params, variadic, base);
        }
        let n = params.len();
        let fixed = if variadic && !has_dots { n - 1 } else { n };
        for (i, a) in args.iter().enumerate().take(fixed) {
            let v = self.expr_to(a, params[i])?;
            self.mv(base.offset(i), v);
        }
        if variadic && !has_dots {
            let st = params[n - 1];
            let Type::Slice(et) = self.under(st) else {
                return Err(self.unsup_at(self.span, "variadic call"));
            };
            let srt = self.rt(st)?;
            let extra = &args[fixed.min(args.len())..];
            let d = base.offset(n - 1);
            if extra.is_empty() {
                self.emit(Instr::Zero { dst: d, ty: srt });
            } else {
                let vb = self.tmps(extra.len() as u16);
                for (i, a) in extra.iter().enumerate() {
                    let v = self.expr_to(a, et)?;
                    self.mv(vb.offset(i), v);
                }
                let z = self.tmp();
                self.emit(Instr::Zero { dst: z, ty: srt });
                self.emit(Instr::Append {
                    dst: d,
                    src: z,
                    args: vb,
                    count: extra.len() as u16,
                    ty: srt,
                });
            }
        }
        Ok(())
    }

    fn spread(&mut self, vals: Vec<(Reg, CT)>, params: &[CT], variadic: bool, base: Reg) -> R<()> {
        let n = params.len();
        let fixed = if variadic { n - 1 } else { n };
        for (i, (r, t)) in vals.iter().enumerate().take(fixed) {
            let v = self.coerce(*r, *t, params[i])?;
            self.mv(base.offset(i), v);
        }
        if variadic {
            let st = params[n - 1];
            let Type::Slice(et) = self.under(st) else {
                return Err(self.unsup_at(self.span, "variadic call"));
            };
            let srt = self.rt(st)?;
            let extra = &vals[fixed.min(vals.len())..];
            let vb = self.tmps(extra.len().max(1) as u16);
            for (i, (r, t)) in extra.iter().enumerate() {
                let v = self.coerce(*r, *t, et)?;
                self.mv(vb.offset(i), v);
            }
            let z = self.tmp();
            self.emit(Instr::Zero { dst: z, ty: srt });
            if extra.is_empty() {
                self.mv(base.offset(n - 1), z);
            } else {
                self.emit(Instr::Append {
                    dst: base.offset(n - 1),
                    src: z,
                    args: vb,
                    count: extra.len() as u16,
                    ty: srt,
                });
            }
        }
        Ok(())
    }

    pub fn is_const_pub(&self, e: &Expr) -> bool {
        self.const_of(e).is_some()
    }

    pub fn int_const_pub(&mut self, v: i64) -> Reg {
        self.int_const(v)
    }

    pub fn tv_pub(&mut self, e: &Expr) -> R<CT> {
        self.tv(e)
    }

    pub fn args_into_pub(
        &mut self,
        args: &[Expr],
        params: &[CT],
        variadic: bool,
        has_dots: bool,
        base: Reg,
    ) -> R<()> {
        self.args_into(args, params, variadic, has_dots, base)
    }

    fn is_tuple_call(&self, e: &Expr) -> bool {
        matches!(e.unparen().kind, ExprKind::Call { .. })
            && self
                .l
                .ck
                .info
                .types
                .get(&e.unparen().id)
                .is_some_and(|tv| matches!(self.l.ty.get(tv.typ), Type::Tuple(ts) if ts.len() > 1))
    }

    /// Lowers a call; returns the first result register and the result types.
    pub fn call(&mut self, e: &Expr) -> R<(Reg, Vec<CT>)> {
        let ExprKind::Call {
            fun,
            args,
            has_dots,
            ..
        } = &e.unparen().kind
        else {
            return Err(self.unsup_at(e.span, "call"));
        };
        let f = fun.unparen();
        self.span = e.span;
        if self.is_type_expr(f) {
            let t = self.tv(f)?;
            let r = self.conversion(t, &args[0])?;
            return Ok((r, vec![t]));
        }
        if let Some(b) = self.builtin_of(f) {
            return self.builtin(b, e, args, *has_dots);
        }
        let (callee, sig, recv) = self.callee(f)?;
        let Type::Func {
            params,
            results,
            variadic,
        } = self.l.ty.get(sig).clone()
        else {
            return Err(self.unsup_at(e.span, "call of a non-function"));
        };
        let nrecv = usize::from(recv.is_some());
        let base = match recv {
            // intrinsics only read their arguments: `mu.Lock()` can use the receiver's register as is
            Some((r, rt, pt)) if params.len() == 1 && matches!(callee, Callee::Intrinsic(_)) => {
                self.coerce(r, rt, pt)?
            }
            Some((r, rt, pt)) => {
                let base = self.tmps(params.len().max(1) as u16);
                let v = self.coerce(r, rt, pt)?;
                self.mv(base, v);
                base
            }
            None => self.tmps(params.len().max(1) as u16),
        };
        if let Callee::Intrinsic(o) = callee {
            if let Some(res) = intrinsics::call_special(
                self,
                o,
                args,
                base,
                &params[nrecv..],
                variadic,
                *has_dots,
            )? {
                return Ok(res);
            }
        }
        self.args_into(
            args,
            &params[nrecv..],
            variadic,
            *has_dots,
            base.offset(nrecv),
        )?;
        let dst = self.tmps(results.len().max(1) as u16);
        self.span = e.span;
        match callee {
            Callee::Static(id) => {
                self.emit(Instr::Call {
                    func: id,
                    args: base,
                    dst,
                });
            }
            Callee::Value(c) => {
                self.emit(Instr::CallValue {
                    callee: c,
                    args: base,
                    dst,
                });
            }
            Callee::Iface(r, name) => {
                let n = self.l.p.types.name_id(&name);
                self.emit(Instr::CallMethod {
                    recv: r,
                    method: n,
                    args: base,
                    dst,
                });
            }
            Callee::Intrinsic(o) => {
                intrinsics::call(self, o, base, params.len(), dst, &params, &results)?;
            }
        }
        Ok((dst, results))
    }

    /// Comma-ok forms: `m[k]`, `x.(T)`, `<-ch`.
    fn comma_ok(&mut self, e: &Expr) -> R<(Reg, Vec<CT>)> {
        let bool_t = self.l.ty.basic(Basic::Bool);
        match &e.kind {
            ExprKind::Index { x, indices } => {
                let xt = self.tv(x)?;
                let Type::Map(kt, vt) = self.under(xt) else {
                    return Err(self.unsup_at(e.span, "comma-ok index"));
                };
                let m = self.expr(x)?;
                let k = self.expr_to(&indices[0], kt)?;
                let mrt = self.rt(xt)?;
                let d = self.tmps(2);
                self.emit(Instr::MapGet {
                    dst: d,
                    map: m,
                    key: k,
                    ty: mrt,
                    form: ResultForm::CommaOk,
                });
                Ok((d, vec![vt, bool_t]))
            }
            ExprKind::TypeAssert { x, typ: Some(_) } => {
                let t = self.tv(e)?;
                let t = match self.l.ty.get(t).clone() {
                    Type::Tuple(ts) => ts[0],
                    _ => t,
                };
                let xt = self.tv(x)?;
                let v = self.expr(x)?;
                let trt = self.rt(t)?;
                let xrt = self.rt(xt)?;
                if !self.is_iface(t) {
                    self.l.ensure_methods(t)?;
                }
                let d = self.tmps(2);
                self.emit(Instr::TypeAssert {
                    dst: d,
                    src: v,
                    ty: trt,
                    from: xrt,
                    form: ResultForm::CommaOk,
                });
                Ok((d, vec![t, bool_t]))
            }
            ExprKind::Unary {
                op: Operator::Recv,
                x,
            } => {
                let ct = self.tv(x)?;
                let Type::Chan(_, elem) = self.under(ct) else {
                    return Err(self.unsup_at(e.span, "receive"));
                };
                let a = self.expr(x)?;
                let crt = self.rt(ct)?;
                let d = self.tmps(2);
                self.span = e.span;
                self.emit(Instr::Runtime {
                    op: RtCode::ChanRecv2,
                    args: a,
                    dst: d,
                    ty: crt,
                });
                Ok((d, vec![elem, bool_t]))
            }
            ExprKind::Paren(x) => self.comma_ok(x),
            _ => Err(self.unsup_at(e.span, "this multi-value assignment")),
        }
    }

    fn conversion(&mut self, t: CT, x: &Expr) -> R<Reg> {
        let xt = self.tv(x)?;
        if let Some(c) = self.const_of(x) {
            if !self.is_iface(t) {
                if let (ConstValue::Int(_), Type::Basic(b)) = (&c, self.under(t)) {
                    if b.is_string() {
                        let ch = char::from_u32(c.to_int().unwrap_or(0xFFFD) as u32)
                            .unwrap_or('\u{FFFD}');
                        return self.const_val(&ConstValue::String(ch.to_string()), t);
                    }
                }
                if matches!(self.under(t), Type::Basic(_)) {
                    return self.const_val(&c, t);
                }
            }
        }
        if self.is_iface(t) {
            return self.expr_to(x, t);
        }
        let xt = self.l.default_type(xt);
        let v = self.expr_to(x, xt)?;
        let (tu, xu) = (self.under(t), self.under(xt));
        match (&tu, &xu) {
            (Type::Basic(tb), Type::Basic(xb)) => {
                if tb.is_string() && xb.is_integer() {
                    let d = self.tmp();
                    self.emit(Instr::StrConv {
                        op: StrConvOp::FromRune,
                        dst: d,
                        src: v,
                    });
                    return Ok(d);
                }
                let tk = self.num_kind(t)?;
                let xk = self.num_kind(xt)?;
                match (tk, xk) {
                    (Some(a), Some(b)) if a != b && a != NumKind::Str && b != NumKind::Str => {
                        let d = self.tmp();
                        self.emit(Instr::Convert {
                            dst: d,
                            src: v,
                            from: b,
                            to: a,
                        });
                        Ok(d)
                    }
                    _ => Ok(v),
                }
            }
            (Type::Basic(tb), Type::Slice(e)) if tb.is_string() => {
                let op = match self.l.ty.basic_of(*e) {
                    Some(Basic::Int32) => StrConvOp::FromRunes,
                    _ => StrConvOp::FromBytes,
                };
                let d = self.tmp();
                self.emit(Instr::StrConv { op, dst: d, src: v });
                Ok(d)
            }
            (Type::Slice(e), Type::Basic(xb)) if xb.is_string() => {
                let op = match self.l.ty.basic_of(*e) {
                    Some(Basic::Int32) => StrConvOp::ToRunes,
                    _ => StrConvOp::ToBytes,
                };
                let d = self.tmp();
                self.emit(Instr::StrConv { op, dst: d, src: v });
                Ok(d)
            }
            _ => Ok(v),
        }
    }

    fn builtin(
        &mut self,
        b: Builtin,
        e: &Expr,
        args: &[Expr],
        has_dots: bool,
    ) -> R<(Reg, Vec<CT>)> {
        let int_t = self.l.ty.basic(Basic::Int);
        let t_e = self.tv(e).unwrap_or(CT(0));
        match b {
            Builtin::Len | Builtin::Cap => {
                let xt = self.tv(&args[0])?;
                let v = self.expr(&args[0])?;
                let d = self.tmp();
                match self.under(xt) {
                    Type::Chan(..) => {
                        let a = v;
                        let crt = self.rt(xt)?;
                        let op = if b == Builtin::Len {
                            RtCode::ChanLen
                        } else {
                            RtCode::ChanCap
                        };
                        self.emit(Instr::Runtime {
                            op,
                            args: a,
                            dst: d,
                            ty: crt,
                        });
                    }
                    Type::Array(n, _) => self.load_int(d, n as i64),
                    Type::Pointer(p) => match self.under(p) {
                        Type::Array(n, _) => self.load_int(d, n as i64),
                        _ => return Err(self.unsup_at(e.span, "len of this type")),
                    },
                    _ => {
                        if b == Builtin::Len {
                            self.emit(Instr::Len { dst: d, src: v });
                        } else {
                            self.emit(Instr::Cap { dst: d, src: v });
                        }
                    }
                }
                Ok((d, vec![int_t]))
            }
            Builtin::Make => {
                let t = self.tv(&args[0])?;
                let rt = self.rt(t)?;
                let d = self.tmp();
                match self.under(t) {
                    Type::Slice(_) => {
                        let n = self.index_value(&args[1])?;
                        let c = if args.len() > 2 {
                            self.index_value(&args[2])?
                        } else {
                            Reg::NONE
                        };
                        self.emit(Instr::MakeSlice {
                            dst: d,
                            len: n,
                            cap: c,
                            ty: rt,
                        });
                    }
                    Type::Map(..) => {
                        let h = if args.len() > 1 {
                            self.index_value(&args[1])?
                        } else {
                            Reg::NONE
                        };
                        self.emit(Instr::MakeMap {
                            dst: d,
                            ty: rt,
                            hint: h,
                        });
                    }
                    Type::Chan(..) => {
                        let n = if args.len() > 1 {
                            self.index_value(&args[1])?
                        } else {
                            self.int_const(0)
                        };
                        self.emit(Instr::Runtime {
                            op: RtCode::MakeChan,
                            args: n,
                            dst: d,
                            ty: rt,
                        });
                    }
                    _ => return Err(self.unsup_at(e.span, "make of this type")),
                }
                Ok((d, vec![t]))
            }
            Builtin::New => {
                let t = self.tv(&args[0])?;
                let rt = self.rt(t)?;
                let d = self.tmp();
                self.emit(Instr::New { dst: d, ty: rt });
                let pt = self.l.ty.pointer(t);
                Ok((d, vec![pt]))
            }
            Builtin::Append => {
                let st = t_e;
                let srt = self.rt(st)?;
                let s = self.expr_to(&args[0], st)?;
                let s2 = self.tmp();
                self.mv(s2, s);
                let d = self.tmp();
                if has_dots {
                    let o = self.expr(&args[1])?;
                    self.emit(Instr::AppendSlice {
                        dst: d,
                        src: s2,
                        other: o,
                        ty: srt,
                    });
                } else {
                    let Type::Slice(et) = self.under(st) else {
                        return Err(self.unsup_at(e.span, "append"));
                    };
                    let n = args.len() - 1;
                    let vb = self.tmps(n.max(1) as u16);
                    for (i, a) in args[1..].iter().enumerate() {
                        let v = self.expr_to(a, et)?;
                        self.mv(vb.offset(i), v);
                    }
                    if n == 0 {
                        self.mv(d, s2);
                    } else {
                        self.emit(Instr::Append {
                            dst: d,
                            src: s2,
                            args: vb,
                            count: n as u16,
                            ty: srt,
                        });
                    }
                }
                Ok((d, vec![st]))
            }
            Builtin::Copy => {
                let tt = self.tv(&args[0])?;
                let trt = self.rt(tt)?;
                let a = self.expr(&args[0])?;
                let a2 = self.tmp();
                self.mv(a2, a);
                let s = self.expr(&args[1])?;
                let d = self.tmp();
                self.emit(Instr::Copy {
                    dst: d,
                    target: a2,
                    src: s,
                    ty: trt,
                });
                Ok((d, vec![int_t]))
            }
            Builtin::Delete => {
                let mt = self.tv(&args[0])?;
                let Type::Map(kt, _) = self.under(mt) else {
                    return Err(self.unsup_at(e.span, "delete"));
                };
                let m = self.expr(&args[0])?;
                let m2 = self.tmp();
                self.mv(m2, m);
                let k = self.expr_to(&args[1], kt)?;
                self.emit(Instr::MapDelete { map: m2, key: k });
                Ok((m2, vec![]))
            }
            Builtin::Close => {
                let ct = self.tv(&args[0])?;
                let c = self.expr(&args[0])?;
                let a = self.tmp();
                self.mv(a, c);
                let crt = self.rt(ct)?;
                self.span = e.span;
                self.emit(Instr::Runtime {
                    op: RtCode::ChanClose,
                    args: a,
                    dst: a,
                    ty: crt,
                });
                Ok((a, vec![]))
            }
            Builtin::Clear => {
                let t = self.tv(&args[0])?;
                let rt = self.rt(t)?;
                let v = self.expr(&args[0])?;
                self.emit(Instr::Clear { dst: v, ty: rt });
                Ok((v, vec![]))
            }
            Builtin::Panic => {
                let any = self.l.ty.empty_interface();
                let v = self.expr_to(&args[0], any)?;
                self.span = e.span;
                self.emit(Instr::Panic { src: v });
                Ok((v, vec![]))
            }
            Builtin::Recover => {
                let d = self.tmp();
                self.emit(Instr::Recover { dst: d });
                let any = self.l.ty.empty_interface();
                Ok((d, vec![any]))
            }
            Builtin::Print | Builtin::Println => {
                let base = self.tmps(args.len().max(1) as u16);
                for (i, a) in args.iter().enumerate() {
                    let t = self.tv(a)?;
                    let t = self.l.default_type(t);
                    let any = self.l.ty.empty_interface();
                    let v = self.expr_to(a, t)?;
                    let v = self.coerce(v, t, any)?;
                    self.mv(base.offset(i), v);
                }
                let form = if b == Builtin::Print {
                    runtime::program::PrintForm::Print
                } else {
                    runtime::program::PrintForm::Println
                };
                self.emit(Instr::Print {
                    form,
                    args: base,
                    count: args.len() as u16,
                });
                Ok((base, vec![]))
            }
            Builtin::Min | Builtin::Max => {
                let t = self.l.default_type(t_e);
                let kind = self
                    .num_kind(t)?
                    .ok_or_else(|| self.unsup_at(e.span, "min/max of this type"))?;
                let d = self.tmp();
                let v = self.expr_to(&args[0], t)?;
                self.mv(d, v);
                for a in &args[1..] {
                    let v = self.expr_to(a, t)?;
                    let c = self.tmp();
                    let op = if b == Builtin::Min {
                        BinOp::Lt
                    } else {
                        BinOp::Gt
                    };
                    self.emit(Instr::Binary {
                        op,
                        kind,
                        dst: c,
                        lhs: v,
                        rhs: d,
                    });
                    let skip = self.label();
                    self.jump_if_not(c, skip);
                    self.mv(d, v);
                    self.bind(skip);
                }
                Ok((d, vec![t]))
            }
            _ => Err(self.unsup_at(e.span, &format!("builtin {}", b.name()))),
        }
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

#[allow(dead_code)]
fn kind_is_agg(k: &TypeKind) -> bool {
    matches!(k, TypeKind::Struct { .. } | TypeKind::Array { .. })
}
