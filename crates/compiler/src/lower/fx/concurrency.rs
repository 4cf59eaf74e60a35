//! Lowering of the concurrency statements: `select` (to a select table and `Instr::Select`), `go` and `defer`
//! (with thunks for interface methods and builtins).
//!
//! Models cmd/compile/internal/walk (select.go, order.go's go/defer wrapping) for our register machine.

use super::*;

impl<'l, 'a> Fx<'l, 'a> {
    pub(super) fn select(&mut self, cases: &[crate::ast::CommClause]) -> R<()> {
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
                    self.order(ch, true)?;
                    self.order(value, true)?;
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

    pub(super) fn go_defer(&mut self, e: &Expr, is_go: bool) -> R<()> {
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
                let id = thunks::iface_thunk(
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

    pub(super) fn go_defer_builtin(
        &mut self,
        b: Builtin,
        e: &Expr,
        args: &[Expr],
        is_go: bool,
    ) -> R<()> {
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
                let id =
                    thunks::builtin_thunk(self.l, b, &rts, &name, self.l.span(self.file, e.span));
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
}
