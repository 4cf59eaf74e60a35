//! Package initialisation order (Go spec "Package initialization"; cmd/compile's pkginit/initorder.go):
//! a package-level variable is initialised after the variables its initialiser refers to, directly or
//! through the functions it calls; otherwise in declaration order.
//!
//! Invariants: every spec is emitted exactly once; a dependency cycle (which the checker rejects) falls
//! back to declaration order instead of looping.

use std::collections::{HashMap, HashSet};

use crate::ast::{Block, Decl, Expr, ExprKind, Stmt, StmtKind};
use crate::check::{CheckedFile, DeclRef, ObjId, ObjKind};

/// Calls `f` on every expression node under `e` (including function literal bodies).
fn visit_expr<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    f(e);
    match &e.kind {
        ExprKind::CompositeLit { typ, elems, .. } => {
            if let Some(t) = typ {
                visit_expr(t, f);
            }
            for el in elems {
                if let Some(k) = &el.key {
                    visit_expr(k, f);
                }
                visit_expr(&el.value, f);
            }
        }
        ExprKind::FuncLit { body, .. } => visit_block(body, f),
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Dots(x) => visit_expr(x, f),
        ExprKind::Selector { x, .. } | ExprKind::TypeAssert { x, .. } => visit_expr(x, f),
        ExprKind::Unary { x, .. } => visit_expr(x, f),
        ExprKind::Index { x, indices } => {
            visit_expr(x, f);
            for i in indices {
                visit_expr(i, f);
            }
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            visit_expr(x, f);
            for i in [lo, hi, max].into_iter().flatten() {
                visit_expr(i, f);
            }
        }
        ExprKind::Call { fun, args, .. } => {
            visit_expr(fun, f);
            for a in args {
                visit_expr(a, f);
            }
        }
        ExprKind::Binary { x, y, .. } => {
            visit_expr(x, f);
            visit_expr(y, f);
        }
        _ => {}
    }
}

fn visit_block<'a>(b: &'a Block, f: &mut dyn FnMut(&'a Expr)) {
    for s in &b.stmts {
        visit_stmt(s, f);
    }
}

fn visit_stmt<'a>(s: &'a Stmt, f: &mut dyn FnMut(&'a Expr)) {
    let mut exprs: Vec<&'a Expr> = Vec::new();
    let mut stmts: Vec<&'a Stmt> = Vec::new();
    let mut blocks: Vec<&'a Block> = Vec::new();
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => exprs.push(e),
        StmtKind::Send { ch, value } => exprs.extend([ch, value]),
        StmtKind::IncDec { x, .. } => exprs.push(x),
        StmtKind::Assign { lhs, rhs, .. } | StmtKind::Define { lhs, rhs, .. } => {
            exprs.extend(lhs.iter().chain(rhs))
        }
        StmtKind::Return(es) => exprs.extend(es),
        StmtKind::Block(b) => blocks.push(b),
        StmtKind::If {
            init,
            cond,
            then,
            els,
        } => {
            stmts.extend(init.as_deref());
            exprs.push(cond);
            blocks.push(then);
            stmts.extend(els.as_deref());
        }
        StmtKind::Switch {
            init, tag, cases, ..
        } => {
            stmts.extend(init.as_deref());
            exprs.extend(tag.as_ref());
            for c in cases {
                exprs.extend(&c.exprs);
                stmts.extend(&c.body);
            }
        }
        StmtKind::TypeSwitch { init, x, cases, .. } => {
            stmts.extend(init.as_deref());
            exprs.push(x);
            for c in cases {
                stmts.extend(&c.body);
            }
        }
        StmtKind::Select { cases } => {
            for c in cases {
                stmts.extend(c.comm.as_deref());
                stmts.extend(&c.body);
            }
        }
        StmtKind::For {
            init,
            cond,
            post,
            body,
        } => {
            stmts.extend(init.as_deref());
            exprs.extend(cond.as_ref());
            stmts.extend(post.as_deref());
            blocks.push(body);
        }
        StmtKind::Range {
            key,
            value,
            x,
            body,
            ..
        } => {
            exprs.extend(key.as_ref());
            exprs.extend(value.as_ref());
            exprs.push(x);
            blocks.push(body);
        }
        StmtKind::Labeled { stmt, .. } => stmts.push(stmt),
        StmtKind::Decl(Decl::Var(specs)) => {
            for sp in specs {
                exprs.extend(&sp.values);
            }
        }
        _ => {}
    }
    for e in exprs {
        visit_expr(e, f);
    }
    for s in stmts {
        visit_stmt(s, f);
    }
    for b in blocks {
        visit_block(b, f);
    }
}

/// Package-level variables referenced by `exprs`, directly or through called functions.
struct Deps<'a> {
    ck: &'a CheckedFile,
    func_deps: HashMap<ObjId, HashSet<ObjId>>,
}

impl<'a> Deps<'a> {
    fn of_exprs(&mut self, exprs: &'a [Expr], visiting: &mut HashSet<ObjId>) -> HashSet<ObjId> {
        let mut used: Vec<ObjId> = Vec::new();
        for e in exprs {
            visit_expr(e, &mut |x: &Expr| {
                if let Some(&o) = self.ck.info.uses.get(&x.id) {
                    used.push(o);
                }
                if let Some(crate::check::Selection::Qualified(o)) =
                    self.ck.info.selections.get(&x.id)
                {
                    used.push(*o);
                }
                if let Some(crate::check::Selection::Method { func, .. }) =
                    self.ck.info.selections.get(&x.id)
                {
                    used.push(*func);
                }
            });
        }
        let mut out = HashSet::new();
        for o in used {
            let ob = &self.ck.info.objects[o.0 as usize];
            match (&ob.kind, ob.decl) {
                (ObjKind::Var, Some(DeclRef::Var(..))) => {
                    out.insert(o);
                }
                (ObjKind::Func, _) => out.extend(self.of_func(o, visiting)),
                _ => {}
            }
        }
        out
    }

    fn of_func(&mut self, o: ObjId, visiting: &mut HashSet<ObjId>) -> HashSet<ObjId> {
        if let Some(d) = self.func_deps.get(&o) {
            return d.clone();
        }
        if !visiting.insert(o) {
            return HashSet::new();
        }
        let ck = self.ck;
        let mut out = HashSet::new();
        for f in &ck.files {
            for d in &f.decls {
                if let Decl::Func(fd) = d {
                    if ck.info.defs.get(&fd.name.id) == Some(&o) {
                        if let Some(b) = &fd.body {
                            let mut exprs: Vec<&'a Expr> = Vec::new();
                            visit_block(b, &mut |x: &'a Expr| exprs.push(x));
                            for e in exprs {
                                out.extend(self.of_exprs(std::slice::from_ref(e), visiting));
                            }
                        }
                    }
                }
            }
        }
        visiting.remove(&o);
        self.func_deps.insert(o, out.clone());
        out
    }
}

/// Orders `specs` (first object of each var spec, in declaration order) so that dependencies come first.
pub(super) fn order(ck: &CheckedFile, file: u32, specs: &[(ObjId, u32)]) -> Vec<(ObjId, u32)> {
    let mut deps = Deps {
        ck,
        func_deps: HashMap::new(),
    };
    let f = &ck.files[file as usize];
    // all objects declared by each spec, and the spec's dependencies
    let mut spec_objs: Vec<HashSet<ObjId>> = Vec::new();
    let mut spec_deps: Vec<HashSet<ObjId>> = Vec::new();
    for (o, _) in specs {
        let ob = &ck.info.objects[o.0 as usize];
        let Some(DeclRef::Var(_, di, si, _)) = ob.decl else {
            spec_objs.push(HashSet::new());
            spec_deps.push(HashSet::new());
            continue;
        };
        let Some(Decl::Var(vs)) = f.decls.get(di as usize) else {
            spec_objs.push(HashSet::new());
            spec_deps.push(HashSet::new());
            continue;
        };
        let spec = &vs[si as usize];
        spec_objs.push(
            spec.names
                .iter()
                .filter_map(|n| ck.info.defs.get(&n.id).copied())
                .collect(),
        );
        let mut visiting = HashSet::new();
        spec_deps.push(deps.of_exprs(&spec.values, &mut visiting));
    }
    let mut done = vec![false; specs.len()];
    let mut out = Vec::new();
    while out.len() < specs.len() {
        let pending: HashSet<ObjId> = (0..specs.len())
            .filter(|&i| !done[i])
            .flat_map(|i| spec_objs[i].iter().copied())
            .collect();
        let next = (0..specs.len())
            .find(|&i| {
                !done[i]
                    && spec_deps[i]
                        .iter()
                        .all(|d| !pending.contains(d) || spec_objs[i].contains(d))
            })
            .or_else(|| (0..specs.len()).find(|&i| !done[i]));
        let Some(i) = next else { break };
        done[i] = true;
        out.push(specs[i]);
    }
    out
}
