//! Lowering of statements: blocks, assignments, returns, loops and range, switch and type switch (select,
//! go and defer are in `concurrency.rs`).
//!
//! Models cmd/compile/internal/walk (stmt.go, range.go, switch.go) for our register machine.

use super::*;

impl<'l, 'a> Fx<'l, 'a> {
    // ------------------------------------------------------------ statements

    pub(super) fn block_stmts(&mut self, stmts: &[Stmt]) -> R<()> {
        let (top, floor) = (self.top, self.floor);
        for s in stmts {
            self.stmt(s)?;
        }
        self.top = top.max(self.top.min(top));
        self.top = top;
        self.floor = floor;
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &Stmt) -> R<()> {
        let saved = self.top;
        self.span = s.span;
        let mark = self.hoisted_log.len();
        self.order_stmt(s)?;
        self.stmt_inner(s)?;
        for id in self.hoisted_log.drain(mark..) {
            self.hoisted.remove(&id);
        }
        self.top = saved.max(self.floor);
        Ok(())
    }

    pub(super) fn stmt_inner(&mut self, s: &Stmt) -> R<()> {
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
                self.order(cond, false)?;
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

    pub(super) fn take_label(&mut self) -> Option<String> {
        self.pending_label.take()
    }

    /// Evaluates right-hand sides for `n` targets of the given types (handles `a, b := f()` and comma-ok).
    pub(super) fn values(&mut self, rhs: &[Expr], types: &[CT]) -> R<Vec<Reg>> {
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

    pub(super) fn assign_values(&mut self, places: &[Place], rhs: &[Expr]) -> R<()> {
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

    pub(super) fn define(&mut self, lhs: &[Expr], rhs: &[Expr]) -> R<()> {
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

    pub(super) fn store_var(&mut self, v: Var, src: Reg) -> R<()> {
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

    pub(super) fn ret(&mut self, es: &[Expr]) -> R<()> {
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

    pub(super) fn cond_jump_false(&mut self, cond: &Expr, l: usize) -> R<()> {
        let c = self.expr(cond)?;
        self.jump_if_not(c, l);
        Ok(())
    }

    pub(super) fn for_loop(
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
    pub(super) fn range_bind(&mut self, e: Option<&Expr>, define: bool, v: Reg, t: CT) -> R<()> {
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

    pub(super) fn range(
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

    pub(super) fn switch(
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
                self.order(t, false)?;
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
    pub(super) fn equal(&mut self, a: Reg, at: CT, e: &Expr, et: CT) -> R<Reg> {
        let (target, a2) = if self.is_iface(at) || self.l.ty.is_untyped(et) || !self.is_iface(et) {
            (at, a)
        } else {
            (et, self.coerce(a, at, et)?)
        };
        let b = self.expr_to(e, target)?;
        self.eq_regs(a2, b, target, false)
    }

    pub(super) fn eq_regs(&mut self, a: Reg, b: Reg, t: CT, ne: bool) -> R<Reg> {
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

    pub(super) fn type_switch(
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
}
