//! Lowering of expressions: constants, conversions, unary and binary operators, composite literals, function literals, field and method values.
//!
//! Models cmd/compile/internal/walk (expr.go, convert.go, complit.go, closure.go) for our register machine.

use super::*;

impl<'l, 'a> Fx<'l, 'a> {
    // ------------------------------------------------------------ expressions

    pub(super) fn expr_stmt(&mut self, e: &Expr) -> R<()> {
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

    pub(super) fn const_val(&mut self, c: &ConstValue, t: CT) -> R<Reg> {
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
        if let Some(&r) = self.hoisted.get(&e.id) {
            return Ok(r);
        }
        let saved_span = self.span;
        self.span = e.span;
        if self.file == 0 {
            self.l.user_pos = e.span.lo;
        }
        let r = self.expr_inner(e);
        self.span = saved_span;
        r
    }

    pub(super) fn expr_inner(&mut self, e: &Expr) -> R<Reg> {
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

    pub(super) fn place_or_value_field(&mut self, e: &Expr) -> R<Reg> {
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

    pub(super) fn is_addressable(&self, e: &Expr) -> bool {
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

    pub(super) fn select_field_value(
        &mut self,
        v: Reg,
        t: CT,
        idx: usize,
        sp: Span,
    ) -> R<(Reg, CT)> {
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
    pub(super) fn field_addr_path(
        &mut self,
        mut p: Reg,
        mut t: CT,
        path: &[usize],
        sp: Span,
    ) -> R<(Reg, CT)> {
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

    pub(super) fn obj_value(&mut self, o: ObjId, e: &Expr) -> R<Reg> {
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

    pub(super) fn targs_of(&mut self, e: &Expr) -> Vec<CT> {
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

    pub(super) fn func_value(&mut self, o: ObjId, e: &Expr) -> R<Reg> {
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

    pub(super) fn method_value(&mut self, e: &Expr, x: &Expr, name: &str) -> R<Reg> {
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
        let id = thunks::bound_thunk(self.l, target, np as u16, rres, &fname);
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

    pub(super) fn unary(&mut self, e: &Expr, op: Operator, x: &Expr) -> R<Reg> {
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

    pub(super) fn binary(&mut self, e: &Expr, op: Operator, x: &Expr, y: &Expr) -> R<Reg> {
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

    pub(super) fn composite(&mut self, e: &Expr, t: CT, elems: &[crate::ast::Element]) -> R<Reg> {
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
                    // Each entry is gc's `m[k] = v`: the calls in k, then those in v, then the
                    // plain operands (order.rs).
                    self.order(k, true)?;
                    self.order(&el.value, true)?;
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

    pub(super) fn elem_value(&mut self, v: &Expr, t: CT) -> R<Reg> {
        if let ExprKind::CompositeLit {
            typ: None, elems, ..
        } = &v.kind
        {
            return self.composite(v, t, elems);
        }
        self.expr_to(v, t)
    }

    pub(super) fn func_lit(
        &mut self,
        e: &Expr,
        typ: &FuncType,
        body: &crate::ast::Block,
    ) -> R<Reg> {
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
}
