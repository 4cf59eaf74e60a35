//! Calls, conversions and generic function instantiation with type inference (built-in functions are in
//! `builtins.rs`); models types2 call.go, conversions.go, infer.go, unify.go.

use super::expr::{Mode, Operand};
use super::{Checker, ObjId, ObjKind};
use crate::ast::{Expr, ExprKind};
use crate::constant::ConstValue;
use crate::printer::expr_string;
use crate::types::{Basic, Type, TypeId};

impl<'a> Checker<'a> {
    pub(super) fn call(&mut self, e: &'a Expr) -> Operand<'a> {
        let ExprKind::Call {
            fun,
            args,
            has_dots,
            lparen,
        } = &e.kind
        else {
            return Operand::invalid(e);
        };
        let f = self.expr_or_type(fun, None);
        match f.mode.clone() {
            Mode::Invalid => {
                for a in args {
                    let _ = self.expr_or_type(a, None);
                }
                Operand::invalid(e)
            }
            Mode::TypeExpr => self.conversion(e, f.typ, args, *has_dots),
            Mode::Builtin(b) => self.builtin(e, b, args, *has_dots),
            _ => {
                let f = if f.mode == Mode::NoValue || f.mode == Mode::PkgName {
                    self.expr(fun, None)
                } else {
                    f
                };
                if f.is_invalid() {
                    return Operand::invalid(e);
                }
                let core = self.types.core(f.typ).unwrap_or(TypeId::INVALID);
                let Type::Func {
                    params,
                    results,
                    variadic,
                } = self.types.get(core).clone()
                else {
                    let s = self.operand_string(&f);
                    self.error(
                        e.span.lo,
                        format!("invalid operation: cannot call non-function {s}"),
                    );
                    for a in args {
                        let _ = self.expr_or_type(a, None);
                    }
                    return Operand::invalid(e);
                };
                // Generic function: infer type arguments.
                let generic = self.func_obj_of(fun).filter(|o| {
                    !self.obj(*o).tparams.is_empty()
                        && !self.info.instances.contains_key(&fun.id)
                        && !matches!(fun.kind, ExprKind::Index { .. })
                });
                let (params, results) = match generic {
                    Some(o) => match self.infer_call(e, fun, o, args, &params, variadic, *has_dots)
                    {
                        Some((p, r)) => (p, r),
                        None => return Operand::invalid(e),
                    },
                    None => {
                        let name = self.call_name(fun);
                        self.arguments(e, &name, args, &params, variadic, *has_dots, *lparen);
                        (params, results)
                    }
                };
                let _ = params;
                match results.len() {
                    0 => Operand {
                        mode: Mode::NoValue,
                        typ: TypeId::INVALID,
                        expr: Some(e),
                    },
                    1 => Operand {
                        mode: Mode::Value,
                        typ: results[0],
                        expr: Some(e),
                    },
                    _ => {
                        let t = self.types.tuple(results);
                        Operand {
                            mode: Mode::Value,
                            typ: t,
                            expr: Some(e),
                        }
                    }
                }
            }
        }
    }

    fn call_name(&self, fun: &Expr) -> String {
        expr_string(fun)
    }

    /// The function object named by `fun` (`f`, `pkg.F`), if any.
    pub(super) fn func_obj_of(&self, fun: &Expr) -> Option<ObjId> {
        let o = match &fun.unparen().kind {
            ExprKind::Name(_) => self.info.uses.get(&fun.unparen().id).copied(),
            ExprKind::Selector { sel, .. } => self.info.uses.get(&sel.id).copied(),
            _ => None,
        }?;
        (self.obj(o).kind == ObjKind::Func && self.obj(o).recv_base.is_none()).then_some(o)
    }

    /// Evaluates call arguments (a single multi-value call may supply all of them).
    fn eval_args(
        &mut self,
        args: &'a [Expr],
        params: &[TypeId],
        variadic: bool,
        has_dots: bool,
    ) -> Vec<Operand<'a>> {
        if args.len() == 1 {
            let x = self.expr_or_type(&args[0], params.first().copied());
            if let Type::Tuple(ts) = self.types.get(x.typ).clone() {
                if x.mode == Mode::Value {
                    return ts
                        .iter()
                        .map(|t| Operand {
                            mode: Mode::Value,
                            typ: *t,
                            expr: Some(&args[0]),
                        })
                        .collect();
                }
            }
            let x = match x.mode {
                Mode::TypeExpr | Mode::NoValue | Mode::Builtin(_) | Mode::PkgName => {
                    self.expr(&args[0], None)
                }
                _ => x,
            };
            return vec![x];
        }
        let n = params.len();
        args.iter()
            .enumerate()
            .map(|(i, a)| {
                let hint = if variadic && i + 1 >= n && !has_dots {
                    params.last().and_then(|s| match self.types.get(*s) {
                        Type::Slice(e) => Some(*e),
                        _ => None,
                    })
                } else {
                    params.get(i).copied()
                };
                self.expr(a, hint)
            })
            .collect()
    }

    /// Checks arguments against parameters, reporting gc's count and type errors.
    #[allow(clippy::too_many_arguments)]
    fn arguments(
        &mut self,
        call: &'a Expr,
        name: &str,
        args: &'a [Expr],
        params: &[TypeId],
        variadic: bool,
        has_dots: bool,
        _lparen: u32,
    ) {
        let mut xs = self.eval_args(args, params, variadic, has_dots);
        if xs.iter().any(|x| x.is_invalid()) {
            return;
        }
        let n = params.len();
        let count_ok = if variadic && !has_dots {
            xs.len() + 1 >= n
        } else {
            xs.len() == n
        };
        if has_dots && !variadic {
            let s = expr_string(call);
            self.error(
                args.last().map(|a| a.span.lo).unwrap_or(call.span.lo),
                format!("have (...) but function is not variadic: {s}").replace(
                    "have (...) but function is not variadic",
                    "cannot use ... in call to non-variadic",
                ),
            );
            return;
        }
        if !count_ok {
            let have = self.have_list(&xs);
            let want = self.want_list(params, variadic);
            let (msg, at) = if xs.len() < n {
                (
                    "not enough arguments in call to",
                    args.last().map(|a| a.span.lo).unwrap_or(call.span.lo),
                )
            } else {
                (
                    "too many arguments in call to",
                    xs.get(n)
                        .and_then(|x| x.expr)
                        .map(|e| e.span.lo)
                        .unwrap_or(call.span.lo),
                )
            };
            self.error(at, format!("{msg} {name}\n\thave {have}\n\twant {want}"));
            return;
        }
        let ctx = format!("argument to {name}");
        for (i, x) in xs.iter_mut().enumerate() {
            let t = if variadic && i + 1 >= n {
                if has_dots {
                    params[n - 1]
                } else {
                    match self.types.get(params[n - 1]) {
                        Type::Slice(e) => *e,
                        _ => params[n - 1],
                    }
                }
            } else {
                params[i]
            };
            self.assignment(x, t, &ctx);
        }
    }

    fn have_list(&self, xs: &[Operand]) -> String {
        let parts: Vec<String> = xs
            .iter()
            .map(|x| match &x.mode {
                Mode::Constant(_) | Mode::Nil if self.types.is_untyped(x.typ) => {
                    if x.mode == Mode::Nil {
                        "nil".to_string()
                    } else if self.types.basic_of(x.typ).is_some_and(|b| b.is_numeric()) {
                        "number".to_string()
                    } else {
                        self.types.display(self.default_type(x.typ))
                    }
                }
                _ => self.types.display(x.typ),
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    fn want_list(&self, params: &[TypeId], variadic: bool) -> String {
        let n = params.len();
        let parts: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if variadic && i + 1 == n {
                    if let Type::Slice(e) = self.types.get(*p) {
                        return format!("...{}", self.types.display(*e));
                    }
                }
                self.types.display(*p)
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Infers type arguments of generic function `o` from the call's arguments, checks the
    /// call and returns the instantiated (params, results).
    /// Binds type parameters from the core types of their constraints (types2 infer step 2).
    fn infer_from_core_types(&mut self, tps: &[TypeId], bound: &mut [Option<TypeId>]) {
        for _ in 0..3 {
            for k in 0..tps.len() {
                let c = self
                    .types
                    .tparam_of(tps[k])
                    .map(|p| p.constraint)
                    .unwrap_or(TypeId::INVALID);
                let terms = match self.types.get(self.types.under(c)) {
                    Type::Interface { terms: Some(t), .. } if t.len() == 1 => t.clone(),
                    _ => continue,
                };
                match bound[k] {
                    Some(b) => {
                        let u = if terms[0].tilde {
                            self.types.under(b)
                        } else {
                            b
                        };
                        self.unify(terms[0].typ, u, tps, bound, 0);
                    }
                    None => {
                        // bind from core type if all its parameters are known
                        let map: Vec<(TypeId, TypeId)> = tps
                            .iter()
                            .zip(bound.iter())
                            .filter_map(|(t, b)| b.map(|b| (*t, b)))
                            .collect();
                        if !self.mentions_unbound(terms[0].typ, tps, bound) && !terms[0].tilde {
                            bound[k] = Some(self.subst(terms[0].typ, &map));
                        }
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn infer_call(
        &mut self,
        call: &'a Expr,
        fun: &'a Expr,
        o: ObjId,
        args: &'a [Expr],
        params: &[TypeId],
        variadic: bool,
        has_dots: bool,
    ) -> Option<(Vec<TypeId>, Vec<TypeId>)> {
        let tps = self.obj(o).tparams.clone();
        let mut xs = self.eval_args(args, &[], variadic, has_dots);
        if xs.iter().any(|x| x.is_invalid()) {
            return None;
        }
        let n = params.len();
        let mut bound: Vec<Option<TypeId>> = vec![None; tps.len()];
        // First pass: typed arguments.
        for (i, x) in xs.iter().enumerate() {
            let p = if variadic && i + 1 >= n && !has_dots {
                match self.types.get(params[n - 1]) {
                    Type::Slice(e) => *e,
                    _ => params[n - 1],
                }
            } else {
                match params.get(i) {
                    Some(p) => *p,
                    None => continue,
                }
            };
            if !self.types.is_untyped(x.typ) {
                self.unify(p, x.typ, &tps, &mut bound, 0);
            }
        }
        // Core-type inference from constraints (e.g. S ~[]E binds E from S) comes before the
        // untyped constants, as in types2's infer: slices.Insert(s, i, 4) on a []int32 binds E
        // to int32 from S, not to 4's default type.
        self.infer_from_core_types(&tps, &mut bound);
        // Second pass: untyped constants get their default type for still-unbound parameters.
        let typed_bound: Vec<bool> = bound.iter().map(|b| b.is_some()).collect();
        let mut untyped_kind: Vec<Option<TypeId>> = vec![None; tps.len()];
        for (i, x) in xs.iter().enumerate() {
            let p = if variadic && i + 1 >= n && !has_dots {
                match self.types.get(params[n - 1]) {
                    Type::Slice(e) => *e,
                    _ => params[n - 1],
                }
            } else {
                match params.get(i) {
                    Some(p) => *p,
                    None => continue,
                }
            };
            if self.types.is_untyped(x.typ) && x.mode != Mode::Nil {
                if let Some(k) = tps.iter().position(|t| *t == p) {
                    if !typed_bound[k] {
                        // The "largest" untyped kind wins: int < rune < float (types2 infer).
                        let rank = |c: &Self, t: TypeId| match c.types.basic_of(t) {
                            Some(Basic::UntypedInt) => 1,
                            Some(Basic::UntypedRune) => 2,
                            Some(Basic::UntypedFloat) => 3,
                            _ => 0,
                        };
                        let better = match untyped_kind[k] {
                            None => true,
                            Some(prev) => rank(self, x.typ) > rank(self, prev),
                        };
                        if better {
                            untyped_kind[k] = Some(x.typ);
                            bound[k] = Some(self.default_type(x.typ));
                        }
                    }
                }
            }
        }
        // Core types again, for parameters bound through the untyped constants.
        self.infer_from_core_types(&tps, &mut bound);
        if let Some(k) = bound.iter().position(|b| b.is_none()) {
            let name = expr_string(fun);
            let tpn = self
                .types
                .tparam_of(tps[k])
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let tp_pos = self.tparam_pos(o, k);
            let lparen = match &call.kind {
                ExprKind::Call { lparen, .. } => *lparen,
                _ => call.span.lo,
            };
            self.error(
                lparen,
                format!("in call to {name}, cannot infer {tpn} (\u{1}{tp_pos}\u{1})"),
            );
            return None;
        }
        let targs: Vec<TypeId> = bound
            .into_iter()
            .map(|b| b.unwrap_or(TypeId::INVALID))
            .collect();
        let lparen = match &call.kind {
            ExprKind::Call { lparen, .. } => *lparen,
            _ => call.span.lo,
        };
        self.check_constraints(&tps, &targs, &[], lparen);
        let map: Vec<(TypeId, TypeId)> = tps.iter().copied().zip(targs.iter().copied()).collect();
        let sig = self.obj(o).typ;
        let inst = self.subst(sig, &map);
        self.info.instances.insert(fun.id, targs);
        self.record(fun, inst, None, false);
        let Type::Func {
            params: ip,
            results: ir,
            ..
        } = self.types.get(inst).clone()
        else {
            return None;
        };
        // Check arguments against instantiated parameters.
        let name = expr_string(fun);
        let count_ok = if variadic && !has_dots {
            xs.len() + 1 >= ip.len()
        } else {
            xs.len() == ip.len()
        };
        if !count_ok {
            let have = self.have_list(&xs);
            let want = self.want_list(&ip, variadic);
            let msg = if xs.len() < ip.len() {
                "not enough arguments in call to"
            } else {
                "too many arguments in call to"
            };
            self.error(
                call.span.hi.saturating_sub(1),
                format!("{msg} {name}\n\thave {have}\n\twant {want}"),
            );
            return None;
        }
        let ctx = format!("argument to {name}");
        let m = ip.len();
        for (i, x) in xs.iter_mut().enumerate() {
            let t = if variadic && i + 1 >= m && !has_dots {
                match self.types.get(ip[m - 1]) {
                    Type::Slice(e) => *e,
                    _ => ip[m - 1],
                }
            } else {
                ip[i]
            };
            if !self.assignment(x, t, &ctx) {
                return None;
            }
        }
        Some((ip, ir))
    }

    /// Offset of the `k`-th type parameter name of generic function `o`.
    fn tparam_pos(&self, o: ObjId, k: usize) -> u32 {
        let Some(super::DeclRef::Func(f, di)) = self.obj(o).decl else {
            return self.obj(o).pos;
        };
        let Some(crate::ast::Decl::Func(fd)) = self
            .files
            .get(f as usize)
            .and_then(|file| file.decls.get(di as usize))
        else {
            return self.obj(o).pos;
        };
        fd.tparams
            .iter()
            .flat_map(|f| f.names.iter())
            .nth(k)
            .map(|n| n.span.lo)
            .unwrap_or(self.obj(o).pos)
    }

    fn mentions_unbound(&self, t: TypeId, tps: &[TypeId], bound: &[Option<TypeId>]) -> bool {
        self.mentions(
            t,
            &|x| {
                tps.iter()
                    .position(|p| *p == x)
                    .is_some_and(|k| bound[k].is_none())
            },
            0,
        )
    }

    fn mentions(&self, t: TypeId, pred: &dyn Fn(TypeId) -> bool, d: u32) -> bool {
        if d > 20 {
            return false;
        }
        if pred(t) {
            return true;
        }
        match self.types.get(t) {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                self.mentions(*e, pred, d + 1)
            }
            Type::Map(k, v) => self.mentions(*k, pred, d + 1) || self.mentions(*v, pred, d + 1),
            Type::Func {
                params, results, ..
            } => params
                .iter()
                .chain(results.iter())
                .any(|x| self.mentions(*x, pred, d + 1)),
            Type::Named(_) => self
                .types
                .named_of(t)
                .and_then(|n| n.origin.as_ref())
                .is_some_and(|(_, a)| a.iter().any(|x| self.mentions(*x, pred, d + 1))),
            _ => false,
        }
    }

    /// Unifies parameter type `p` (mentioning type parameters `tps`) with argument type `a`.
    fn unify(
        &mut self,
        p: TypeId,
        a: TypeId,
        tps: &[TypeId],
        bound: &mut [Option<TypeId>],
        d: u32,
    ) {
        if d > 20 {
            return;
        }
        if let Some(k) = tps.iter().position(|t| *t == p) {
            if bound[k].is_none() {
                bound[k] = Some(a);
            }
            return;
        }
        let (pt, at) = (self.types.get(p).clone(), self.types.get(a).clone());
        match (&pt, &at) {
            (Type::Named(_), Type::Named(_)) => {
                let (pn, an) = (
                    self.types.named_of(p).cloned(),
                    self.types.named_of(a).cloned(),
                );
                if let (Some(pn), Some(an)) = (pn, an) {
                    if let (Some((pg, pa)), Some((ag, aa))) = (pn.origin, an.origin) {
                        if pg == ag {
                            for (x, y) in pa.iter().zip(aa.iter()) {
                                self.unify(*x, *y, tps, bound, d + 1);
                            }
                        }
                    }
                }
            }
            (Type::Named(_), _) => {}
            (_, Type::Named(_)) => {
                // inexact unification: use the argument's underlying type
                let u = self.types.under(a);
                if u != a {
                    self.unify(p, u, tps, bound, d + 1);
                }
            }
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
                self.unify(*x, *y, tps, bound, d + 1)
            }
            (Type::Array(_, x), Type::Array(_, y)) => self.unify(*x, *y, tps, bound, d + 1),
            (Type::Chan(_, x), Type::Chan(_, y)) => self.unify(*x, *y, tps, bound, d + 1),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.unify(*k1, *k2, tps, bound, d + 1);
                self.unify(*v1, *v2, tps, bound, d + 1);
            }
            (
                Type::Func {
                    params: p1,
                    results: r1,
                    ..
                },
                Type::Func {
                    params: p2,
                    results: r2,
                    ..
                },
            ) => {
                for (x, y) in p1.iter().zip(p2.iter()).chain(r1.iter().zip(r2.iter())) {
                    self.unify(*x, *y, tps, bound, d + 1);
                }
            }
            _ => {}
        }
    }

    /// Checks that each type argument satisfies its type parameter's constraint.
    pub(super) fn check_constraints(
        &mut self,
        tps: &[TypeId],
        targs: &[TypeId],
        at_exprs: &'a [Expr],
        fallback_at: u32,
    ) {
        let map: Vec<(TypeId, TypeId)> = tps.iter().copied().zip(targs.iter().copied()).collect();
        for (k, (tp, ta)) in tps.iter().zip(targs.iter()).enumerate() {
            let c = self
                .types
                .tparam_of(*tp)
                .map(|p| p.constraint)
                .unwrap_or(TypeId::INVALID);
            if c == TypeId::INVALID {
                continue;
            }
            let c = self.subst(c, &map);
            if let Err(reason) = self.implements(*ta, c) {
                let at = at_exprs.get(k).map(|e| e.span.lo).unwrap_or(fallback_at);
                let cs = if c == self.any_type {
                    "any".to_string()
                } else {
                    self.constraint_name(*tp)
                };
                let reason = reason
                    .replace(
                        &format!("does not implement {}", self.types.display(c)),
                        &format!("does not satisfy {cs}"),
                    )
                    .replace(
                        &format!("does not satisfy {}", self.types.display(c)),
                        &format!("does not satisfy {cs}"),
                    );
                self.error(at, reason);
            }
        }
    }

    fn constraint_name(&self, tp: TypeId) -> String {
        let c = self
            .types
            .tparam_of(tp)
            .map(|p| p.constraint)
            .unwrap_or(TypeId::INVALID);
        if let Type::Interface {
            terms: Some(terms),
            methods,
            ..
        } = self.types.get(c)
        {
            if methods.is_empty() && self.types.named_of(c).is_none() {
                return self.types.terms_string(terms);
            }
        }
        self.types.display(c)
    }

    /// `f[int]` or `f[int, string]` (explicit instantiation, possibly partial).
    pub(super) fn instantiate_func_expr(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        o: ObjId,
        indices: &'a [Expr],
    ) -> Operand<'a> {
        let tps = self.obj(o).tparams.clone();
        let targs: Vec<TypeId> = indices.iter().map(|i| self.type_expr(i)).collect();
        if targs.contains(&TypeId::INVALID) {
            return Operand::invalid(e);
        }
        if targs.len() > tps.len() {
            let s = expr_string(xe);
            self.error(
                indices[tps.len()].span.lo,
                format!(
                    "got {} type arguments but {s} has {} type parameters",
                    targs.len(),
                    tps.len()
                ),
            );
            return Operand::invalid(e);
        }
        if targs.len() < tps.len() {
            self.unsupported(e.span.lo, "partial type argument lists");
            return Operand::invalid(e);
        }
        self.check_constraints(&tps, &targs, indices, e.span.lo);
        let map: Vec<(TypeId, TypeId)> = tps.iter().copied().zip(targs.iter().copied()).collect();
        let sig = self.obj(o).typ;
        let inst = self.subst(sig, &map);
        self.info.instances.insert(xe.id, targs);
        Operand {
            mode: Mode::Value,
            typ: inst,
            expr: Some(e),
        }
    }

    fn conversion(
        &mut self,
        e: &'a Expr,
        t: TypeId,
        args: &'a [Expr],
        has_dots: bool,
    ) -> Operand<'a> {
        if args.len() != 1 || has_dots {
            let ts = self.types.display(t);
            let msg = if args.is_empty() {
                format!("missing argument in conversion to {ts}")
            } else {
                format!("too many arguments in conversion to {ts}")
            };
            let at = if args.is_empty() {
                e.span.hi.saturating_sub(1)
            } else {
                args[args.len() - 1].span.lo
            };
            self.error(at, msg);
            return Operand::invalid(e);
        }
        let mut x = self.expr(&args[0], Some(t));
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        // constant conversions
        if let Mode::Constant(v) = x.mode.clone() {
            if let Some(b) = self
                .types
                .basic_of(t)
                .filter(|_| !self.types.is_type_param(t))
            {
                let xb = self.types.basic_of(x.typ).unwrap_or(Basic::Invalid);
                if b.is_string() && xb.is_integer() {
                    let s = v
                        .to_int()
                        .and_then(|i| u32::try_from(i).ok())
                        .and_then(char::from_u32)
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "\u{FFFD}".to_string());
                    return Operand {
                        mode: Mode::Constant(ConstValue::String(s)),
                        typ: t,
                        expr: Some(e),
                    };
                }
                if b.is_integer() && xb.is_float() && !self.types.is_untyped(x.typ) {
                    return Operand {
                        mode: Mode::Value,
                        typ: t,
                        expr: Some(e),
                    };
                }
                if (b.is_numeric() && xb.is_numeric())
                    || (b.is_string() && xb.is_string())
                    || (b.is_boolean() && xb.is_boolean())
                {
                    match self.representable(&v, b) {
                        Ok(nv) => {
                            return Operand {
                                mode: Mode::Constant(nv),
                                typ: t,
                                expr: Some(e),
                            }
                        }
                        Err(_) => {
                            if b.is_float() {
                                return Operand {
                                    mode: Mode::Value,
                                    typ: t,
                                    expr: Some(e),
                                };
                            }
                            let s = self.operand_string(&x);
                            let ts = self.types.display(t);
                            let why = if matches!(v, ConstValue::Float(f) if f.fract() != 0.0)
                                && b.is_integer()
                            {
                                "truncated"
                            } else {
                                "overflows"
                            };
                            let _ = s;
                            let cs = expr_string(&args[0]);
                            let vs = v.render();
                            let desc = if cs == vs {
                                format!("{cs} (untyped {} constant)", untyped_word(xb))
                            } else {
                                format!("{cs} (untyped {} constant {vs})", untyped_word(xb))
                            };
                            let desc = if self.types.is_untyped(x.typ) {
                                desc
                            } else {
                                self.operand_string(&x)
                            };
                            self.error(
                                args[0].span.lo,
                                format!("cannot convert {desc} to type {ts} ({why})"),
                            );
                            return Operand::invalid(e);
                        }
                    }
                }
            }
        }
        if self.types.is_untyped(x.typ) {
            if x.mode == Mode::Nil {
                let u = self.types.under(t);
                if matches!(
                    self.types.get(u),
                    Type::Pointer(_)
                        | Type::Slice(_)
                        | Type::Map(..)
                        | Type::Chan(..)
                        | Type::Func { .. }
                        | Type::Interface { .. }
                ) {
                    return Operand {
                        mode: Mode::Value,
                        typ: t,
                        expr: Some(e),
                    };
                }
                let ts = self.types.display(t);
                self.error(args[0].span.lo, format!("cannot convert nil to type {ts}"));
                return Operand::invalid(e);
            }
            let before = x.clone();
            if !self.convert_untyped(&mut x, t) {
                let d = self.default_type(before.typ);
                x = before;
                x.typ = d;
            }
        }
        if !self.convertible(x.typ, t) {
            let s = self.operand_string(&x);
            let ts = self.types.display(t);
            self.error(args[0].span.lo, format!("cannot convert {s} to type {ts}"));
            return Operand::invalid(e);
        }
        Operand {
            mode: Mode::Value,
            typ: t,
            expr: Some(e),
        }
    }

    /// Spec "Conversions" for non-constant values.
    fn convertible(&mut self, v: TypeId, t: TypeId) -> bool {
        if self.assignable(v, t).is_ok() {
            return true;
        }
        let (vu, tu) = (self.types.under(v), self.types.under(t));
        if vu == tu || self.identical_ignoring_tags(vu, tu, 0) {
            return true;
        }
        if self.types.is_type_param(v) || self.types.is_type_param(t) {
            // every pair of types in the type sets must be convertible
            let vs: Vec<TypeId> = self
                .types
                .tparam_terms(v)
                .map(|ts| ts.iter().map(|x| x.typ).collect())
                .unwrap_or_else(|| vec![v]);
            let ts: Vec<TypeId> = self
                .types
                .tparam_terms(t)
                .map(|ts| ts.iter().map(|x| x.typ).collect())
                .unwrap_or_else(|| vec![t]);
            if self.types.tparam_terms(v).is_none() && self.types.is_type_param(v) {
                return self.types.is_interface(t);
            }
            return vs
                .iter()
                .all(|a| ts.iter().all(|b| self.convertible(*a, *b)));
        }
        match (self.types.get(vu).clone(), self.types.get(tu).clone()) {
            (Type::Pointer(a), Type::Pointer(b)) => {
                let (a, b) = (self.types.under(a), self.types.under(b));
                a == b || self.identical_ignoring_tags(a, b, 0)
            }
            (Type::Basic(a), Type::Basic(b)) => {
                (a.is_numeric() && b.is_numeric())
                    || (b.is_string() && (a.is_integer() || a.is_string()))
            }
            (Type::Slice(el), Type::Basic(b)) if b.is_string() => {
                matches!(self.types.basic_of(el), Some(Basic::Uint8 | Basic::Int32))
            }
            (Type::Basic(b), Type::Slice(el)) if b.is_string() => {
                matches!(self.types.basic_of(el), Some(Basic::Uint8 | Basic::Int32))
            }
            (Type::Slice(a), Type::Array(_, b)) => a == b,
            (Type::Slice(a), Type::Pointer(p)) => {
                matches!(self.types.get(self.types.under(p)), Type::Array(_, b) if *b == a)
            }
            _ => false,
        }
    }

    /// Type identity ignoring struct tags (spec "Conversions").
    fn identical_ignoring_tags(&self, a: TypeId, b: TypeId, d: u32) -> bool {
        if a == b {
            return true;
        }
        if d > 20 {
            return false;
        }
        match (self.types.get(a), self.types.get(b)) {
            (Type::Struct(fa), Type::Struct(fb)) => {
                fa.len() == fb.len()
                    && fa.iter().zip(fb).all(|(x, y)| {
                        x.name == y.name
                            && x.embedded == y.embedded
                            && x.pkg == y.pkg
                            && self.identical_ignoring_tags(x.typ, y.typ, d + 1)
                    })
            }
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
                self.identical_ignoring_tags(*x, *y, d + 1)
            }
            (Type::Array(n, x), Type::Array(m, y)) => {
                n == m && self.identical_ignoring_tags(*x, *y, d + 1)
            }
            (Type::Map(k1, v1), Type::Map(k2, v2)) => {
                self.identical_ignoring_tags(*k1, *k2, d + 1)
                    && self.identical_ignoring_tags(*v1, *v2, d + 1)
            }
            (Type::Chan(d1, x), Type::Chan(d2, y)) => {
                d1 == d2 && self.identical_ignoring_tags(*x, *y, d + 1)
            }
            _ => false,
        }
    }
}

fn untyped_word(b: Basic) -> &'static str {
    match b {
        Basic::UntypedRune => "rune",
        Basic::UntypedFloat => "float",
        Basic::UntypedString => "string",
        Basic::UntypedBool => "bool",
        _ => "int",
    }
}
