//! Assignments, short variable declarations, variable initialisation and return statements, with gc's
//! count-mismatch and assignability messages; models types2 assignments.go and return.go.

use super::expr::{Mode, Operand};
use super::{Checker, ObjKind};
use crate::ast::{self, Expr, ExprKind, Stmt};
use crate::printer::expr_string;
use crate::types::{Basic, Type, TypeId};

impl<'a> Checker<'a> {
    /// Initializes variables `objs` (declared with optional type `typ`) from `values`.
    pub(super) fn init_vars(
        &mut self,
        objs: &[super::ObjId],
        typ: Option<TypeId>,
        values: &'a [Expr],
        _at: u32,
        _local: bool,
    ) {
        let ctx = "variable declaration";
        if values.is_empty() {
            let t = typ.unwrap_or(TypeId::INVALID);
            for o in objs {
                self.obj_mut(*o).typ = t;
            }
            return;
        }
        if values.len() == 1 && objs.len() > 1 {
            // a, b = f() / v, ok = m[k]
            let x = self.expr_or_type(&values[0], typ);
            let types = self.multi_value(&x, objs.len(), &values[0]);
            match types {
                Some(ts) => {
                    for (o, t) in objs.iter().zip(ts) {
                        let vt = match typ {
                            Some(tt) => {
                                let mut y = Operand {
                                    mode: Mode::Value,
                                    typ: t,
                                    expr: Some(&values[0]),
                                };
                                self.assignment(&mut y, tt, ctx);
                                tt
                            }
                            None => self.default_type(t),
                        };
                        self.obj_mut(*o).typ = vt;
                    }
                }
                None => {
                    if !x.is_invalid() {
                        let n = self.value_count(&x);
                        self.error(
                            values[0].span.lo,
                            format!(
                                "assignment mismatch: {} variables but {}",
                                objs.len(),
                                self.returns_desc(&values[0], n)
                            ),
                        );
                    }
                    for o in objs {
                        self.obj_mut(*o).typ = typ.unwrap_or(TypeId::INVALID);
                    }
                }
            }
            return;
        }
        if values.len() != objs.len() {
            if let Some(t) = typ {
                for o in objs {
                    self.obj_mut(*o).typ = t;
                }
            }
            let n = values.len();
            for v in values {
                let _ = self.expr_or_type(v, None);
            }
            let first = values[0].span.lo;
            let what = if n == 1 { "value" } else { "values" };
            self.error(
                first,
                format!(
                    "assignment mismatch: {} variable{} but {n} {what}",
                    objs.len(),
                    if objs.len() == 1 { "" } else { "s" }
                ),
            );
            return;
        }
        for (o, v) in objs.iter().zip(values) {
            if objs.len() == 1 {
                self.single_assign_at = Some(v.span.lo);
            }
            let mut x = self.expr(v, typ);
            self.single_assign_at = None;
            match typ {
                Some(t) => {
                    self.obj_mut(*o).typ = t;
                    self.assignment(&mut x, t, ctx);
                }
                None => {
                    if x.mode == Mode::Nil {
                        self.error(v.span.lo, "use of untyped nil in variable declaration");
                        self.obj_mut(*o).typ = TypeId::INVALID;
                        continue;
                    }
                    self.default_operand(&mut x);
                    let t = if x.is_invalid() {
                        TypeId::INVALID
                    } else {
                        x.typ
                    };
                    self.obj_mut(*o).typ = t;
                }
            }
        }
    }

    pub(super) fn value_count(&self, x: &Operand) -> usize {
        match self.types.get(x.typ) {
            Type::Tuple(ts) => ts.len(),
            _ if x.mode == Mode::NoValue => 0,
            _ => 1,
        }
    }

    pub(super) fn returns_desc(&self, e: &Expr, n: usize) -> String {
        match &e.unparen().kind {
            ExprKind::Call { fun, .. } => format!(
                "{} returns {n} value{}",
                expr_string(fun),
                if n == 1 { "" } else { "s" }
            ),
            _ => format!("{n} value{}", if n == 1 { "" } else { "s" }),
        }
    }

    /// The types of a multi-value expression used for `n` targets (calls, comma-ok forms).
    pub(super) fn multi_value(
        &mut self,
        x: &Operand<'a>,
        n: usize,
        e: &'a Expr,
    ) -> Option<Vec<TypeId>> {
        if x.is_invalid() {
            return None;
        }
        if let Type::Tuple(ts) = self.types.get(x.typ).clone() {
            if ts.len() == n {
                return Some(ts);
            }
            return None;
        }
        if n == 2 && matches!(x.mode, Mode::CommaOk | Mode::MapIndex) {
            let ub = self.types.basic(Basic::UntypedBool);
            let _ = e;
            return Some(vec![x.typ, ub]);
        }
        None
    }

    pub(super) fn short_var_decl(&mut self, lhs: &'a [Expr], rhs: &'a [Expr], at: u32) {
        // Which names are new?
        let mut idents: Vec<Option<()>> = Vec::new();
        let mut new_any = false;
        let mut leaked: Vec<ast::Ident> = Vec::new();
        for l in lhs {
            match &l.kind {
                ExprKind::Name(n) => {
                    leaked.push(ast::Ident {
                        id: l.id,
                        name: n.clone(),
                        span: l.span,
                    });
                }
                _ => {
                    let _ = self.expr(l, None);
                    self.error(
                        l.span.lo,
                        format!("non-name {} on left side of :=", expr_string(l)),
                    );
                    return;
                }
            }
        }
        let leaked: Vec<ast::Ident> = leaked;
        let mut seen: Vec<&str> = Vec::new();
        for id in &leaked {
            if id.name != "_" && seen.contains(&id.name.as_str()) {
                self.error(
                    id.span.lo,
                    format!("{} repeated on left side of :=", id.name),
                );
                return;
            }
            seen.push(&id.name);
            let existing = self.scopes[self.cur_scope.0 as usize]
                .names
                .get(&id.name)
                .copied();
            if existing.is_none() && id.name != "_" {
                new_any = true;
                idents.push(Some(()));
            } else {
                idents.push(None);
            }
        }
        if !new_any {
            self.error(at, "no new variables on left side of :=");
            // still check as assignment
        }
        let _ = at;
        // Evaluate rhs, then declare the new variables.
        let objs: Vec<super::ObjId> = leaked
            .iter()
            .zip(idents.iter())
            .map(|(id, new)| match new {
                Some(_) => self.declare_var(id, TypeId::INVALID),
                None => {
                    // An existing variable (assigned, not declared), or a blank.
                    let existing = if id.name == "_" {
                        None
                    } else {
                        self.scopes[self.cur_scope.0 as usize]
                            .names
                            .get(&id.name)
                            .copied()
                    };
                    match existing {
                        Some(o) => o,
                        None => {
                            let o =
                                self.new_obj(&id.name, ObjKind::Var, TypeId::INVALID, id.span.lo);
                            self.obj_mut(o).used = true;
                            o
                        }
                    }
                }
            })
            .collect();
        // Existing variables are assigned: their types constrain the values.
        let existing_types: Vec<Option<TypeId>> = leaked
            .iter()
            .zip(idents.iter())
            .map(|(id, new)| {
                if new.is_some() || id.name == "_" {
                    None
                } else {
                    self.scopes[self.cur_scope.0 as usize]
                        .names
                        .get(&id.name)
                        .map(|o| self.obj(*o).typ)
                }
            })
            .collect();
        if rhs.len() == 1 && objs.len() > 1 {
            let x = self.expr_or_type(&rhs[0], None);
            match self.multi_value(&x, objs.len(), &rhs[0]) {
                Some(ts) => {
                    for ((o, t), et) in objs.iter().zip(ts).zip(existing_types.iter()) {
                        match et {
                            Some(et) => {
                                let mut y = Operand {
                                    mode: Mode::Value,
                                    typ: t,
                                    expr: Some(&rhs[0]),
                                };
                                self.assignment(&mut y, *et, "assignment");
                            }
                            None => {
                                let d = self.default_type(t);
                                self.obj_mut(*o).typ = d;
                            }
                        }
                    }
                }
                None => {
                    if !x.is_invalid() {
                        let n = self.value_count(&x);
                        self.error(
                            rhs[0].span.lo,
                            format!(
                                "assignment mismatch: {} variables but {}",
                                objs.len(),
                                self.returns_desc(&rhs[0], n)
                            ),
                        );
                    }
                }
            }
        } else if rhs.len() != objs.len() {
            for v in rhs {
                let _ = self.expr_or_type(v, None);
            }
            let n = rhs.len();
            self.error(
                rhs[0].span.lo,
                format!(
                    "assignment mismatch: {} variable{} but {n} value{}",
                    objs.len(),
                    if objs.len() == 1 { "" } else { "s" },
                    if n == 1 { "" } else { "s" }
                ),
            );
        } else {
            for ((o, v), et) in objs.iter().zip(rhs).zip(existing_types.iter()) {
                if objs.len() == 1 {
                    self.single_assign_at = Some(v.span.lo);
                }
                let mut x = self.expr(v, *et);
                self.single_assign_at = None;
                match et {
                    Some(t) => {
                        self.assignment(&mut x, *t, "assignment");
                    }
                    None => {
                        if x.mode == Mode::Nil {
                            self.error(v.span.lo, "use of untyped nil in assignment");
                            continue;
                        }
                        self.default_operand(&mut x);
                        let t = if x.is_invalid() {
                            TypeId::INVALID
                        } else {
                            x.typ
                        };
                        self.obj_mut(*o).typ = t;
                    }
                }
            }
        }
        for ((id, new), o) in leaked.iter().zip(idents.iter()).zip(objs.iter()) {
            if new.is_some() {
                self.declare(self.cur_scope, *o);
            } else if id.name != "_" {
                if let Some(&ex) = self.scopes[self.cur_scope.0 as usize].names.get(&id.name) {
                    self.info.uses.insert(id.id, ex);
                    self.info.defs.remove(&id.id);
                }
            }
        }
    }

    pub(super) fn check_assignable_lhs(&mut self, l: &'a Expr, x: &Operand<'a>) -> bool {
        match x.mode {
            Mode::Variable | Mode::MapIndex => true,
            Mode::Invalid => false,
            _ => {
                // struct field of map element
                if let ExprKind::Selector { x: inner, .. } = &l.unparen().kind {
                    if let Some(t) = self.info.types.get(&inner.unparen().id) {
                        let _ = t;
                    }
                    if matches!(inner.unparen().kind, ExprKind::Index { .. }) {
                        if let Some(tv) = self.info.types.get(&inner.unparen().id).cloned() {
                            let _ = tv;
                            let is_map = match &inner.unparen().kind {
                                ExprKind::Index { x: m, .. } => {
                                    self.info.types.get(&m.id).is_some_and(|t| {
                                        matches!(
                                            self.types.get(self.types.under(t.typ)),
                                            Type::Map(..)
                                        )
                                    })
                                }
                                _ => false,
                            };
                            if is_map {
                                self.error(
                                    l.span.lo,
                                    format!(
                                        "cannot assign to struct field {} in map",
                                        expr_string(l)
                                    ),
                                );
                                return false;
                            }
                        }
                    }
                }
                let s = self.operand_string(x);
                let s = match x.mode {
                    Mode::Constant(_) | Mode::Value | Mode::CommaOk | Mode::Nil => {
                        format!(
                            "{} (neither addressable nor a map index expression)",
                            expr_string(l)
                        )
                    }
                    _ => s,
                };
                self.error(l.span.lo, format!("cannot assign to {s}"));
                false
            }
        }
    }

    pub(super) fn assign(&mut self, lhs: &'a [Expr], rhs: &'a [Expr], s: &'a Stmt) {
        // evaluate lhs
        let mut targets: Vec<Option<TypeId>> = Vec::new();
        for l in lhs {
            if let ExprKind::Name(n) = &l.unparen().kind {
                if n == "_" {
                    self.record(l, TypeId::INVALID, None, false);
                    targets.push(None);
                    continue;
                }
            }
            // assignment does not count as use
            let used_before = self.ident_obj_of(l).map(|o| self.obj(o).used);
            let x = self.expr(l, None);
            if let (Some(o), Some(u)) = (self.ident_obj_of(l), used_before) {
                self.obj_mut(o).used = u;
            }
            if x.is_invalid() {
                targets.push(Some(TypeId::INVALID));
                continue;
            }
            if !self.check_assignable_lhs(l, &x) {
                targets.push(Some(TypeId::INVALID));
                continue;
            }
            targets.push(Some(x.typ));
        }
        if rhs.len() == 1 && lhs.len() > 1 {
            let x = self.expr_or_type(&rhs[0], None);
            match self.multi_value(&x, lhs.len(), &rhs[0]) {
                Some(ts) => {
                    for (t, vt) in targets.iter().zip(ts) {
                        if let Some(t) = t {
                            let mut y = Operand {
                                mode: Mode::Value,
                                typ: vt,
                                expr: Some(&rhs[0]),
                            };
                            self.assignment(&mut y, *t, "assignment");
                        }
                    }
                }
                None => {
                    if !x.is_invalid() {
                        let n = self.value_count(&x);
                        self.error(
                            rhs[0].span.lo,
                            format!(
                                "assignment mismatch: {} variables but {}",
                                lhs.len(),
                                self.returns_desc(&rhs[0], n)
                            ),
                        );
                    }
                }
            }
            return;
        }
        if rhs.len() != lhs.len() {
            for v in rhs {
                let _ = self.expr_or_type(v, None);
            }
            let n = rhs.len();
            self.error(
                rhs[0].span.lo,
                format!(
                    "assignment mismatch: {} variable{} but {n} value{}",
                    lhs.len(),
                    if lhs.len() == 1 { "" } else { "s" },
                    if n == 1 { "" } else { "s" }
                ),
            );
            let _ = s;
            return;
        }
        for (t, v) in targets.iter().zip(rhs) {
            if lhs.len() == 1 {
                self.single_assign_at = Some(v.span.lo);
            }
            let mut x = self.expr(v, *t);
            self.single_assign_at = None;
            match t {
                Some(t) => {
                    self.assignment(&mut x, *t, "assignment");
                }
                None => {
                    if x.mode == Mode::Nil {
                        self.error(v.span.lo, "use of untyped nil in assignment");
                    }
                    self.default_operand(&mut x);
                }
            }
        }
    }

    pub(super) fn ident_obj_of(&self, l: &Expr) -> Option<super::ObjId> {
        match &l.unparen().kind {
            ExprKind::Name(n) => {
                let o = self.lookup(n)?;
                (self.obj(o).kind == ObjKind::Var).then_some(o)
            }
            _ => None,
        }
    }

    pub(super) fn return_stmt(&mut self, results: &'a [Expr], s: &'a Stmt) {
        let want = self
            .fctx
            .last()
            .map(|f| f.results.clone())
            .unwrap_or_default();
        let named = self.fctx.last().is_some_and(|f| f.named_results);
        if results.is_empty() {
            if !want.is_empty() && !named {
                let w = self.tuple_string(&want);
                self.error(
                    s.span.lo,
                    format!("not enough return values\n\thave ()\n\twant {w}"),
                );
            }
            return;
        }
        if want.is_empty() {
            let xs: Vec<Operand> = results.iter().map(|r| self.expr(r, None)).collect();
            if xs.iter().any(|x| x.is_invalid()) {
                return;
            }
            let have = self.have_string(&xs);
            self.error(
                results[0].span.lo,
                format!("too many return values\n\thave {have}\n\twant ()"),
            );
            return;
        }
        if results.len() == 1 && want.len() > 1 {
            let x = self.expr_or_type(&results[0], None);
            if x.is_invalid() {
                return;
            }
            if let Type::Tuple(ts) = self.types.get(x.typ).clone() {
                if ts.len() == want.len() {
                    for (t, w) in ts.iter().zip(want.iter()) {
                        let mut y = Operand {
                            mode: Mode::Value,
                            typ: *t,
                            expr: Some(&results[0]),
                        };
                        self.assignment(&mut y, *w, "return statement");
                    }
                    return;
                }
            }
            let xs = vec![x];
            let have = self.have_string(&xs);
            let w = self.tuple_string(&want);
            self.error(
                results[0].span.lo,
                format!("not enough return values\n\thave {have}\n\twant {w}"),
            );
            return;
        }
        let mut xs: Vec<Operand<'a>> = results
            .iter()
            .enumerate()
            .map(|(i, r)| self.expr(r, want.get(i).copied()))
            .collect();
        if xs.iter().any(|x| x.is_invalid()) {
            return;
        }
        if xs.len() != want.len() {
            let have = self.have_string(&xs);
            let w = self.tuple_string(&want);
            let (msg, at) = if xs.len() < want.len() {
                ("not enough return values", results[0].span.lo)
            } else {
                ("too many return values", results[want.len()].span.lo)
            };
            self.error(at, format!("{msg}\n\thave {have}\n\twant {w}"));
            return;
        }
        for (x, w) in xs.iter_mut().zip(want.iter()) {
            self.assignment(x, *w, "return statement");
        }
    }

    pub(super) fn tuple_string(&self, ts: &[TypeId]) -> String {
        format!(
            "({})",
            ts.iter()
                .map(|t| self.types.display(*t))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }

    pub(super) fn have_string(&self, xs: &[Operand]) -> String {
        let parts: Vec<String> = xs
            .iter()
            .map(|x| {
                if x.mode == Mode::Nil {
                    "nil".to_string()
                } else if self.types.is_untyped(x.typ) && x.value().is_some() {
                    if self.types.basic_of(x.typ).is_some_and(|b| b.is_numeric()) {
                        "number".to_string()
                    } else {
                        self.types.display(self.default_type(x.typ))
                    }
                } else {
                    self.types.display(x.typ)
                }
            })
            .collect();
        format!("({})", parts.join(", "))
    }
}
