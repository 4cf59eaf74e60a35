//! Statements: declarations, control flow, range, labels and terminating statements (assignments and
//! returns are in `assignments.rs`); models types2 stmt.go, labels.go.

use super::expr::{Mode, Operand};
use super::{Checker, ObjKind};
use crate::ast::{self, BranchKind, Decl, Expr, ExprKind, Stmt, StmtKind};
use crate::printer::expr_string;
use crate::types::{Basic, Type, TypeId};

/// Maximum nesting of statements (blocks, and function literals which count double).
const STMT_DEPTH_MAX: u32 = 48;

impl<'a> Checker<'a> {
    pub(super) fn stmt_list(&mut self, list: &'a [Stmt]) {
        for s in list {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        // Bound the recursion (each level costs stack, and WebAssembly stacks are small).
        if self.stmt_depth >= STMT_DEPTH_MAX {
            if !self.stmt_depth_reported {
                self.stmt_depth_reported = true;
                self.unsupported(s.span.lo, "statements nested this deeply");
            }
            return;
        }
        self.stmt_depth += 1;
        self.stmt_inner(s);
        self.stmt_depth -= 1;
    }

    fn stmt_inner(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Bad | StmtKind::Empty => {}
            StmtKind::Expr(e) => {
                let x = self.expr_or_type(e, None);
                if x.is_invalid() {
                    return;
                }
                let is_call = matches!(e.unparen().kind, ExprKind::Call { .. });
                let is_recv = matches!(
                    e.unparen().kind,
                    ExprKind::Unary {
                        op: crate::lexer::Operator::Recv,
                        ..
                    }
                );
                if is_call {
                    if let Mode::Builtin(_) = x.mode {
                        return;
                    }
                    // calls of some builtins cannot be statements
                    if let ExprKind::Call { fun, .. } = &e.unparen().kind {
                        if let Some(o) = self.info.uses.get(&fun.unparen().id).copied() {
                            if let ObjKind::Builtin(b) = self.obj(o).kind {
                                use super::Builtin::*;
                                if matches!(
                                    b,
                                    Append
                                        | Cap
                                        | Complex
                                        | Imag
                                        | Len
                                        | Make
                                        | Max
                                        | Min
                                        | New
                                        | Real
                                ) {
                                    let s = expr_string(e);
                                    self.error(
                                        e.span.lo,
                                        format!(
                                            "{s} (value of type {}) is not used",
                                            self.types.display(x.typ)
                                        ),
                                    );
                                }
                            }
                        }
                    }
                    if x.mode == Mode::TypeExpr {
                        let s = expr_string(e);
                        self.error(e.span.lo, format!("{s} is not used"));
                    }
                    return;
                }
                if is_recv {
                    return;
                }
                let s = self.operand_string(&x);
                let s = if x.mode == Mode::TypeExpr {
                    format!("{} (type)", expr_string(e))
                } else {
                    s
                };
                self.error(e.span.lo, format!("{s} is not used"));
            }
            StmtKind::Send { ch, value } => {
                let c = self.expr(ch, None);
                let mut v = self.expr(value, None);
                if c.is_invalid() || v.is_invalid() {
                    return;
                }
                let core = self.types.core(c.typ).unwrap_or(TypeId::INVALID);
                match self.types.get(core).clone() {
                    Type::Chan(dir, elem) => {
                        if dir == ast::ChanDir::Recv {
                            let cs = self.operand_string(&c);
                            self.error(
                                s.span.lo,
                                format!(
                                    "invalid operation: cannot send to receive-only channel {cs}"
                                ),
                            );
                            return;
                        }
                        self.assignment(&mut v, elem, "send");
                    }
                    _ => {
                        let cs = self.operand_string(&c);
                        self.error(
                            s.span.lo,
                            format!("invalid operation: cannot send to non-channel {cs}"),
                        );
                    }
                }
            }
            StmtKind::IncDec { x, inc } => {
                let xo = self.expr(x, None);
                if xo.is_invalid() {
                    return;
                }
                if !self.op_basic(xo.typ).is_some_and(|b| b.is_numeric()) {
                    let op = if *inc { "++" } else { "--" };
                    let xs = self.operand_string(&xo);
                    self.error(
                        x.span.lo,
                        format!(
                            "invalid operation: {}{op} (non-numeric type {})",
                            expr_string(x),
                            self.types.display(xo.typ)
                        ),
                    );
                    let _ = xs;
                    return;
                }
                self.check_assignable_lhs(x, &xo);
            }
            StmtKind::Assign {
                lhs,
                op: Some(op),
                rhs,
                op_pos,
            } => {
                // x op= y is x = x op y
                let (Some(l), Some(r)) = (lhs.first(), rhs.first()) else {
                    return;
                };
                let _ = (op, op_pos);
                // `x op= y` is checked as `x = x op y`, with the binary expression built
                // before checking (see `synthesize_op_assigns`).
                let Some(binary) = self.op_assigns.get(&(self.cur_file, s.span.lo)) else {
                    // Every op-assignment is synthesized up front; missing one is a front-end
                    // gap, reported rather than skipped.
                    self.unsupported(s.span.lo, "this assignment form");
                    return;
                };
                let lx = self.expr(l, None);
                if lx.is_invalid() {
                    let _ = self.expr(r, None);
                    return;
                }
                let mut v = self.expr(binary, Some(lx.typ));
                if v.is_invalid() {
                    return;
                }
                self.check_assignable_lhs(l, &lx);
                self.assignment(&mut v, lx.typ, "assignment");
            }
            StmtKind::Assign {
                lhs, op: None, rhs, ..
            } => self.assign(lhs, rhs, s),
            StmtKind::Define { lhs, rhs, op_pos } => self.short_var_decl(lhs, rhs, *op_pos),
            StmtKind::Go(call) | StmtKind::Defer(call) => {
                let kw = if matches!(s.kind, StmtKind::Go(_)) {
                    "go"
                } else {
                    "defer"
                };
                if !matches!(call.kind, ExprKind::Call { .. }) {
                    let _ = self.expr_or_type(call, None);
                    self.error(
                        call.span.lo,
                        format!("expression in {kw} must be function call"),
                    );
                    return;
                }
                let x = self.expr_or_type(call, None);
                if let ExprKind::Call { fun, .. } = &call.kind {
                    if let Some(o) = self.info.uses.get(&fun.unparen().id).copied() {
                        if let ObjKind::Builtin(b) = self.obj(o).kind {
                            use super::Builtin::*;
                            if matches!(
                                b,
                                Append | Cap | Complex | Imag | Len | Make | Max | Min | New | Real
                            ) {
                                self.error(
                                    call.span.lo,
                                    format!("{kw} discards result of {}", expr_string(call)),
                                );
                            }
                        }
                    }
                    if x.mode == Mode::TypeExpr {
                        self.error(
                            call.span.lo,
                            format!("{kw} requires function call, not conversion"),
                        );
                    }
                }
            }
            StmtKind::Return(results) => self.return_stmt(results, s),
            // Labels and branches were checked with the function body (see `branches`).
            StmtKind::Branch { .. } => {}
            StmtKind::Block(b) => {
                self.open_scope(false);
                self.stmt_list(&b.stmts);
                self.close_scope();
            }
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.open_scope(false);
                if let Some(i) = init {
                    self.stmt(i);
                }
                let c = self.expr(cond, None);
                if !c.is_invalid() && !self.op_basic(c.typ).is_some_and(|b| b.is_boolean()) {
                    let cs = self.operand_string(&c);
                    let _ = cs;
                    self.error(cond.span.lo, "non-boolean condition in if statement");
                }
                self.open_scope(false);
                self.stmt_list(&then.stmts);
                self.close_scope();
                if let Some(e) = els {
                    self.stmt(e);
                }
                self.close_scope();
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.open_scope(false);
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    let x = self.expr(c, None);
                    if !x.is_invalid() && !self.op_basic(x.typ).is_some_and(|b| b.is_boolean()) {
                        self.error(c.span.lo, "non-boolean condition in for statement");
                    }
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.open_scope(false);
                self.stmt_list(&body.stmts);
                self.close_scope();
                self.close_scope();
            }
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(key.as_ref(), value.as_ref(), *define, x, body, s),
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
            StmtKind::Decl(d) => self.decl_stmt(d),
            StmtKind::Switch {
                init, tag, cases, ..
            } => {
                self.open_scope(false);
                if let Some(i) = init {
                    self.stmt(i);
                }
                let mut t = None;
                if let Some(tag) = tag {
                    let mut x = self.expr(tag, None);
                    self.default_operand(&mut x);
                    if !x.is_invalid() {
                        t = Some(x);
                    }
                }
                let mut seen_default: Option<u32> = None;
                let mut seen_consts: Vec<(crate::constant::ConstValue, TypeId, u32)> = Vec::new();
                for c in cases.iter() {
                    if c.default {
                        if let Some(prev) = seen_default {
                            self.error(
                                c.span.lo,
                                format!("multiple defaults (first at \u{1}{prev}\u{1})"),
                            );
                        }
                        seen_default = Some(c.span.lo);
                    }
                    for ce in &c.exprs {
                        match &t {
                            Some(tx) => {
                                let mut v = self.expr(ce, Some(tx.typ));
                                if v.is_invalid() {
                                    continue;
                                }
                                let tag_e = tag.as_ref();
                                self.case_compare(&mut v, tx, ce, tag_e);
                                if let Some(cv) = v.value().cloned() {
                                    if let Some((_, _, prev)) = seen_consts
                                        .iter()
                                        .find(|(pv, pt, _)| *pv == cv && *pt == v.typ)
                                    {
                                        let prev = *prev;
                                        let vs = self.operand_string(&v);
                                        self.error_note(
                                            ce.span.lo,
                                            format!("duplicate case {vs} in expression switch"),
                                            prev,
                                            "previous case".into(),
                                        );
                                    } else {
                                        seen_consts.push((cv, v.typ, ce.span.lo));
                                    }
                                }
                            }
                            None if tag.is_none() => {
                                // A tagless switch compares each case with `true`.
                                let v = self.expr(ce, None);
                                let bool_t = self.types.basic(Basic::Bool);
                                if !v.is_invalid()
                                    && self.assignable(v.typ, bool_t).is_err()
                                    && self.assignable(bool_t, v.typ).is_err()
                                    && !self.op_basic(v.typ).is_some_and(|b| b.is_boolean())
                                {
                                    self.error(ce.span.lo, format!("invalid case {} in switch (mismatched types {} and bool)", expr_string(ce), self.types.display(v.typ)));
                                }
                            }
                            None => {
                                let _ = self.expr(ce, None);
                            }
                        }
                    }
                    self.open_scope(false);
                    self.stmt_list(&c.body);
                    self.close_scope();
                }
                self.close_scope();
            }
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                cases,
                ..
            } => {
                self.open_scope(false);
                if let Some(i) = init {
                    self.stmt(i);
                }
                let xo = self.expr(x, None);
                let valid = !xo.is_invalid();
                if valid && !self.types.is_interface(xo.typ) {
                    let s = self.operand_string(&xo);
                    self.error(x.span.lo, format!("{s} is not an interface"));
                }
                let mut bind_objs = Vec::new();
                let mut any_used = false;
                for c in cases {
                    let mut single: Option<TypeId> = None;
                    for ce in &c.exprs {
                        let t = self.expr_or_type(ce, None);
                        match t.mode {
                            Mode::TypeExpr => {
                                if valid
                                    && self.types.is_interface(xo.typ)
                                    && !self.types.is_interface(t.typ)
                                    && !self.mentions_type_param(t.typ)
                                    && !self.mentions_type_param(xo.typ)
                                {
                                    if let Err(reason) = self.implements(t.typ, xo.typ) {
                                        if reason.contains("missing method")
                                            || reason.contains("pointer receiver")
                                        {
                                            let tail = reason
                                                .split_once(" (")
                                                .map(|(_, r)| r.trim_end_matches(')'))
                                                .unwrap_or("");
                                            self.error(ce.span.lo, format!("impossible type switch case: {} cannot have dynamic type {} ({tail})", self.operand_string(&xo), self.types.display(t.typ)));
                                        }
                                    }
                                }
                                if c.exprs.len() == 1 {
                                    single = Some(t.typ);
                                }
                            }
                            Mode::Nil => {
                                if c.exprs.len() == 1 {
                                    single = None;
                                }
                            }
                            Mode::Invalid => {}
                            _ => {
                                let s = expr_string(ce);
                                self.error(ce.span.lo, format!("{s} is not a type"));
                            }
                        }
                    }
                    self.open_scope(false);
                    if let Some(b) = bind {
                        let t = match single {
                            Some(t) if c.exprs.len() == 1 => t,
                            _ => xo.typ,
                        };
                        let o = self.new_obj(&b.name, ObjKind::Var, t, b.span.lo);
                        self.info.implicits.insert((self.cur_file, c.span.lo), o);
                        self.declare(self.cur_scope, o);
                        bind_objs.push(o);
                    }
                    self.stmt_list(&c.body);
                    self.close_scope();
                }
                if let Some(b) = bind {
                    any_used = bind_objs.iter().any(|o| self.obj(*o).used);
                    if !any_used {
                        self.error(b.span.lo, format!("declared and not used: {}", b.name));
                    }
                    for o in &bind_objs {
                        self.obj_mut(*o).used = true;
                    }
                    if let Some(&o) = bind_objs.first() {
                        self.info.defs.insert(b.id, o);
                    }
                }
                let _ = any_used;
                self.close_scope();
            }
            StmtKind::Select { cases } => {
                let mut first_default: Option<u32> = None;
                for c in cases {
                    if c.comm.is_none() {
                        match first_default {
                            Some(first) => self.error(
                                c.span.lo,
                                format!("multiple defaults (first at \u{1}{first}\u{1})"),
                            ),
                            None => first_default = Some(c.span.lo),
                        }
                    }
                    self.open_scope(false);
                    if let Some(comm) = &c.comm {
                        let ok = match &comm.kind {
                            StmtKind::Send { .. } => true,
                            StmtKind::Expr(e) => is_recv(e),
                            StmtKind::Assign {
                                rhs, op: None, lhs, ..
                            }
                            | StmtKind::Define { rhs, lhs, .. } => {
                                rhs.len() == 1 && is_recv(&rhs[0]) && lhs.len() <= 2
                            }
                            _ => false,
                        };
                        if !ok {
                            let at = match &comm.kind {
                                StmtKind::Expr(Expr {
                                    kind: ExprKind::Binary { op_pos, .. },
                                    ..
                                }) => *op_pos,
                                _ => comm.span.lo,
                            };
                            self.error(
                                at,
                                "select case must be send or receive (possibly with assignment)",
                            );
                        } else {
                            self.stmt(comm);
                        }
                    }
                    self.stmt_list(&c.body);
                    self.close_scope();
                }
            }
        }
    }

    fn case_compare(
        &mut self,
        v: &mut Operand<'a>,
        tag: &Operand<'a>,
        ce: &'a Expr,
        tag_e: Option<&'a Expr>,
    ) {
        let before = v.clone();
        if self.types.is_untyped(v.typ) && !self.convert_untyped(v, tag.typ) {
            let s = self.operand_string(&before);
            let ts = self.types.display(tag.typ);
            let _ = s;
            self.error(
                ce.span.lo,
                format!(
                    "invalid case {} in switch on {} (mismatched types {} and {ts})",
                    expr_string(ce),
                    tag_e.map(expr_string).unwrap_or_default(),
                    self.types.display(before.typ)
                ),
            );
            return;
        }
        if self.assignable(v.typ, tag.typ).is_err() && self.assignable(tag.typ, v.typ).is_err() {
            let ts = self.types.display(tag.typ);
            self.error(
                ce.span.lo,
                format!(
                    "invalid case {} in switch on {} (mismatched types {} and {ts})",
                    expr_string(ce),
                    tag_e.map(expr_string).unwrap_or_default(),
                    self.types.display(v.typ)
                ),
            );
        }
    }

    fn decl_stmt(&mut self, d: &'a Decl) {
        match d {
            Decl::Var(specs) => {
                for spec in specs {
                    let typ = spec.typ.as_ref().map(|t| self.type_expr(t));
                    // values are evaluated before the names come into scope
                    let objs: Vec<super::ObjId> = spec
                        .names
                        .iter()
                        .map(|n| self.declare_var(n, typ.unwrap_or(TypeId::INVALID)))
                        .collect();
                    self.init_vars(&objs, typ, &spec.values, spec.span.lo, true);
                    for o in objs {
                        self.declare(self.cur_scope, o);
                    }
                }
            }
            Decl::Const(specs) => {
                for (si, spec) in specs.iter().enumerate() {
                    let mut objs = Vec::new();
                    for (ni, n) in spec.names.iter().enumerate() {
                        let o = self.new_obj(
                            &n.name,
                            ObjKind::Const(crate::constant::ConstValue::Int(0)),
                            TypeId::INVALID,
                            n.span.lo,
                        );
                        self.info.defs.insert(n.id, o);
                        self.const_spec(o, specs, si, ni);
                        self.obj_mut(o).used = true;
                        objs.push(o);
                    }
                    for o in objs {
                        self.declare(self.cur_scope, o);
                    }
                }
            }
            Decl::Type(specs) => {
                for spec in specs {
                    let pkg = self.file_pkg[self.cur_file as usize];

                    let t = if spec.alias {
                        TypeId::INVALID
                    } else {
                        self.types.new_named(&spec.name.name, pkg)
                    };
                    let o = self.new_obj(&spec.name.name, ObjKind::TypeName, t, spec.name.span.lo);
                    self.info.defs.insert(spec.name.id, o);
                    self.declare(self.cur_scope, o);
                    self.obj_mut(o).used = true;
                    self.type_decl(o, spec);
                }
            }
            Decl::Func(_) => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn range_stmt(
        &mut self,
        key: Option<&'a Expr>,
        value: Option<&'a Expr>,
        define: bool,
        x: &'a Expr,
        body: &'a ast::Block,
        s: &'a Stmt,
    ) {
        self.open_scope(false);
        let xo = self.expr(x, None);
        let mut kt = TypeId::INVALID;
        let mut vt: Option<TypeId> = None;
        if !xo.is_invalid() {
            let core = self.types.core(xo.typ).unwrap_or(TypeId::INVALID);
            let int = self.types.basic(Basic::Int);
            match self.types.get(core).clone() {
                Type::Basic(b) if b.is_string() => {
                    kt = int;
                    vt = Some(self.types.basic(Basic::Int32));
                }
                Type::Basic(b) if b.is_integer() => {
                    kt = if self.types.is_untyped(xo.typ) {
                        self.default_type(xo.typ)
                    } else {
                        xo.typ
                    };
                    if value.is_some() {
                        let xs = self.operand_string(&xo);
                        self.error(
                            value.map(|v| v.span.lo).unwrap_or(s.span.lo),
                            format!("range over {xs} permits only one iteration variable"),
                        );
                    }
                    if let Mode::Constant(_) = xo.mode {
                        let mut y = xo.clone();
                        self.default_operand(&mut y);
                    }
                }
                Type::Slice(e) => {
                    kt = int;
                    vt = Some(e);
                }
                Type::Array(_, e) => {
                    kt = int;
                    vt = Some(e);
                }
                Type::Pointer(p) => match self.types.get(self.types.under(p)).clone() {
                    Type::Array(_, e) => {
                        kt = int;
                        vt = Some(e);
                    }
                    _ => {
                        let xs = self.operand_string(&xo);
                        self.error(x.span.lo, format!("cannot range over {xs}"));
                    }
                },
                Type::Map(k, v) => {
                    kt = k;
                    vt = Some(v);
                }
                Type::Chan(dir, e) => {
                    kt = e;
                    if dir == ast::ChanDir::Send {
                        let xs = self.operand_string(&xo);
                        self.error(
                            x.span.lo,
                            format!(
                                "invalid operation: range {} receive from send-only channel {}",
                                expr_string(x),
                                xs
                            )
                            .replace(&format!("range {} receive", expr_string(x)), "range")
                            .replace(
                                "range from send-only channel",
                                "cannot range over send-only channel",
                            ),
                        );
                    }
                    if value.is_some() {
                        let xs = self.operand_string(&xo);
                        self.error(
                            value.map(|v| v.span.lo).unwrap_or(s.span.lo),
                            format!("range over {xs} permits only one iteration variable"),
                        );
                    }
                }
                Type::Func { .. } => {
                    self.unsupported(x.span.lo, "range over function iterators");
                }
                _ => {
                    let xs = self.operand_string(&xo);
                    self.error(x.span.lo, format!("cannot range over {xs}"));
                }
            }
        }
        let vals = [(key, kt), (value, vt.unwrap_or(TypeId::INVALID))];
        if define {
            let mut objs = Vec::new();
            for (e, t) in vals {
                let Some(e) = e else { continue };
                match &e.kind {
                    ExprKind::Name(n) => {
                        let id = ast::Ident {
                            id: e.id,
                            name: n.clone(),
                            span: e.span,
                        };
                        let o = self.declare_var(&id, t);
                        self.record(e, t, None, false);
                        objs.push(o);
                    }
                    _ => {
                        let _ = self.expr(e, None);
                        self.error(
                            e.span.lo,
                            format!("non-name {} on left side of :=", expr_string(e)),
                        );
                    }
                }
            }
            for o in objs {
                self.declare(self.cur_scope, o);
            }
        } else {
            for (e, t) in vals {
                let Some(e) = e else { continue };
                if matches!(&e.kind, ExprKind::Name(n) if n == "_") {
                    continue;
                }
                let l = self.expr(e, None);
                if l.is_invalid() || t == TypeId::INVALID {
                    continue;
                }
                if self.check_assignable_lhs(e, &l) {
                    let mut y = Operand {
                        mode: Mode::Value,
                        typ: t,
                        expr: Some(x),
                    };
                    if self.assignable(t, l.typ).is_err() {
                        let ts = self.types.display(t);
                        let ls = self.types.display(l.typ);
                        self.error(
                            e.span.lo,
                            format!(
                                "cannot use {} (value of type {ts}) as {ls} value in range clause",
                                expr_string(e)
                            )
                            .replace(
                                &format!("cannot use {} (value of type {ts})", expr_string(e)),
                                &format!("cannot use {} (value of type {ts})", expr_string(e)),
                            ),
                        );
                    }
                    let _ = &mut y;
                }
            }
        }
        self.open_scope(false);
        self.stmt_list(&body.stmts);
        self.close_scope();
        self.close_scope();
    }
}

fn is_recv(e: &Expr) -> bool {
    matches!(
        e.unparen().kind,
        ExprKind::Unary {
            op: crate::lexer::Operator::Recv,
            ..
        }
    )
}

/// Whether a statement list ends in a terminating statement (spec "Terminating statements").
pub(super) fn is_terminating_list(list: &[Stmt]) -> bool {
    // trailing empty statements are ignored
    let Some(last) = list
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty))
    else {
        return false;
    };
    is_terminating(last, "")
}

fn is_terminating(s: &Stmt, label: &str) -> bool {
    match &s.kind {
        StmtKind::Return(_) => true,
        StmtKind::Branch {
            kind: BranchKind::Goto,
            ..
        } => true,
        StmtKind::Expr(e) => {
            if let ExprKind::Call { fun, .. } = &e.unparen().kind {
                return matches!(&fun.unparen().kind, ExprKind::Name(n) if n == "panic")
                    || matches!(&fun.unparen().kind, ExprKind::Selector { x, sel } if matches!(&x.kind, ExprKind::Name(p) if p == "os") && sel.name == "Exit")
                    || matches!(&fun.unparen().kind, ExprKind::Selector { x, sel } if matches!(&x.kind, ExprKind::Name(p) if p == "runtime") && sel.name == "Goexit")
                    || matches!(&fun.unparen().kind, ExprKind::Selector { x, sel } if matches!(&x.kind, ExprKind::Name(p) if p == "log") && sel.name.starts_with("Fatal"));
            }
            false
        }
        StmtKind::Block(b) => is_terminating_list(&b.stmts),
        StmtKind::If { then, els, .. } => {
            els.as_ref().is_some_and(|e| is_terminating(e, "")) && is_terminating_list(&then.stmts)
        }
        StmtKind::For { cond, body, .. } => cond.is_none() && !has_break(&body.stmts, label, true),
        StmtKind::Range { .. } => false,
        StmtKind::Labeled { label: l, stmt } => is_terminating(stmt, &l.name),
        StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| c.default)
                && cases.iter().all(|c| {
                    !has_break(&c.body, label, true)
                        && (is_terminating_list(&c.body)
                            || matches!(
                                c.body
                                    .iter()
                                    .rev()
                                    .find(|s| !matches!(s.kind, StmtKind::Empty))
                                    .map(|s| &s.kind),
                                Some(StmtKind::Branch {
                                    kind: BranchKind::Fallthrough,
                                    ..
                                })
                            ))
                })
        }
        StmtKind::Select { cases } => cases
            .iter()
            .all(|c| !has_break(&c.body, label, true) && is_terminating_list(&c.body)),
        _ => false,
    }
}

/// Whether `list` contains a break that targets the enclosing statement (unlabeled at top
/// level, or labeled with `label`).
fn has_break(list: &[Stmt], label: &str, top: bool) -> bool {
    list.iter().any(|s| has_break_stmt(s, label, top))
}

fn has_break_stmt(s: &Stmt, label: &str, top: bool) -> bool {
    match &s.kind {
        StmtKind::Branch {
            kind: BranchKind::Break,
            label: l,
        } => match l {
            None => top,
            Some(l) => l.name == label && !label.is_empty(),
        },
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => {
            has_break(&then.stmts, label, top)
                || els.as_ref().is_some_and(|e| has_break_stmt(e, label, top))
        }
        StmtKind::Labeled { stmt, .. } => has_break_stmt(stmt, label, top),
        // nested breakable statements: unlabeled breaks refer to them
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
            has_break(&body.stmts, label, false)
        }
        StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
            cases.iter().any(|c| has_break(&c.body, label, false))
        }
        StmtKind::Select { cases } => cases.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    }
}
