//! Lowering of calls: callee resolution (functions, methods, interfaces, closures, generics), argument spreading, variadics and builtins.
//!
//! Models cmd/compile/internal/walk (call.go, builtin.go) for our register machine.

use super::*;

impl<'l, 'a> Fx<'l, 'a> {
    // ------------------------------------------------------------ calls

    pub(super) fn builtin_of(&self, f: &Expr) -> Option<Builtin> {
        let o = self.obj_of(f)?;
        match self.l.ck.info.objects[o.0 as usize].kind {
            ObjKind::Builtin(b) => Some(b),
            _ => None,
        }
    }

    /// Resolves a callee: (how to call, signature incl. receiver param, receiver (value, its type, param type)).
    pub(super) fn callee(&mut self, f: &Expr) -> R<(Callee, CT, Option<RecvArg>)> {
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
    pub(super) fn args_into(
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

    pub(super) fn spread(
        &mut self,
        vals: Vec<(Reg, CT)>,
        params: &[CT],
        variadic: bool,
        base: Reg,
    ) -> R<()> {
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

    pub(super) fn is_tuple_call(&self, e: &Expr) -> bool {
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
    pub(super) fn comma_ok(&mut self, e: &Expr) -> R<(Reg, Vec<CT>)> {
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

    pub(super) fn conversion(&mut self, t: CT, x: &Expr) -> R<Reg> {
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

    pub(super) fn builtin(
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
