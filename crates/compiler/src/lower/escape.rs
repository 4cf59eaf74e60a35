//! Escape and capture analysis for the lowering (a much simplified cmd/compile/internal/escape).
//!
//! A variable lives in a register unless it *escapes*: its address is taken (`&x`, a pointer-method call
//! on it, slicing an array variable), or a function literal refers to it *and* it is assigned after its
//! declaration (otherwise the closure captures its value, as cmd/compile does for small never-reassigned
//! variables). Go 1.22 loop variables updated only by their `for` post statement count as unassigned, since
//! every iteration has its own copy. Escaping variables are boxed on the heap. For each function literal we
//! also list the variables it captures, in order of first use.
//!
//! Invariants: conservative (boxing a variable that need not be boxed is always correct, only slower).

use std::collections::{HashMap, HashSet};

use crate::ast::{Block, Decl, Expr, ExprKind, FuncType, NodeId, Stmt, StmtKind};
use crate::check::{Info, ObjId, ObjKind, Selection};
use crate::lexer::Operator;

/// Result of the analysis over all files.
#[derive(Default)]
pub struct Escapes {
    /// Variables that must be boxed.
    pub boxed: HashSet<ObjId>,
    /// Function literal (expression id) -> captured variables in order of first use.
    pub captures: HashMap<NodeId, Vec<ObjId>>,
}

struct Walker<'a> {
    info: &'a Info,
    out: Escapes,
    /// Function nesting: (function serial, literal id if a literal).
    stack: Vec<(u32, Option<NodeId>)>,
    next: u32,
    owner: HashMap<ObjId, u32>,
    file: u32,
    /// Variables a closure refers to.
    captured: std::collections::HashSet<ObjId>,
    /// Variables assigned after their declaration (or implicitly, like named results).
    assigned: std::collections::HashSet<ObjId>,
}

/// Analyses every function of every file.
pub fn analyse(files: &[crate::ast::File], info: &Info) -> Escapes {
    let mut w = Walker {
        info,
        out: Escapes::default(),
        stack: Vec::new(),
        next: 0,
        owner: HashMap::new(),
        file: 0,
        captured: Default::default(),
        assigned: Default::default(),
    };
    for (fi, f) in files.iter().enumerate() {
        w.file = fi as u32;
        for d in &f.decls {
            match d {
                Decl::Func(fd) => {
                    w.enter(None);
                    if let Some(r) = &fd.recv {
                        w.defs_of_fields(std::slice::from_ref(r));
                    }
                    w.func_type(&fd.typ);
                    if let Some(b) = &fd.body {
                        w.block(b);
                    }
                    w.stack.pop();
                }
                Decl::Var(specs) => {
                    w.enter(None);
                    for s in specs {
                        for v in &s.values {
                            w.expr(v);
                        }
                    }
                    w.stack.pop();
                }
                _ => {}
            }
        }
    }
    // A captured variable that is never assigned after its declaration is captured by value (as
    // cmd/compile does); one that is assigned must be shared through a box.
    let both: Vec<ObjId> = w.captured.intersection(&w.assigned).copied().collect();
    w.out.boxed.extend(both);
    w.out
}

impl Walker<'_> {
    fn enter(&mut self, lit: Option<NodeId>) {
        self.next += 1;
        self.stack.push((self.next, lit));
    }

    fn def(&mut self, id: NodeId) {
        if let Some(&o) = self.info.defs.get(&id) {
            if let Some(&(f, _)) = self.stack.last() {
                self.owner.insert(o, f);
            }
        }
    }

    fn use_obj(&mut self, o: ObjId) {
        let Some(&owner) = self.owner.get(&o) else {
            return;
        };
        let Some(&(top, _)) = self.stack.last() else {
            return;
        };
        if owner == top {
            return;
        }
        self.captured.insert(o);
        for &(f, lit) in self.stack.iter().rev() {
            if f == owner {
                break;
            }
            if let Some(lit) = lit {
                let caps = self.out.captures.entry(lit).or_default();
                if !caps.contains(&o) {
                    caps.push(o);
                }
            }
        }
    }

    fn defs_of_fields(&mut self, fields: &[crate::ast::Field]) {
        for f in fields {
            for n in &f.names {
                self.def(n.id);
            }
        }
    }

    fn func_type(&mut self, ft: &FuncType) {
        self.defs_of_fields(&ft.params);
        self.defs_of_fields(&ft.results);
        // named results are assigned by every return statement
        for f in &ft.results {
            for n in &f.names {
                if let Some(&o) = self.info.defs.get(&n.id) {
                    self.assigned.insert(o);
                }
            }
        }
    }

    fn assigned_to(&mut self, e: &Expr) {
        if let Some(o) = self.root_var(e) {
            self.assigned.insert(o);
        }
    }

    fn block(&mut self, b: &Block) {
        for s in &b.stmts {
            self.stmt(s);
        }
    }

    fn root_var(&self, e: &Expr) -> Option<ObjId> {
        match &e.kind {
            ExprKind::Name(_) => {
                let o = *self
                    .info
                    .uses
                    .get(&e.id)
                    .or_else(|| self.info.defs.get(&e.id))?;
                matches!(self.info.objects[o.0 as usize].kind, ObjKind::Var).then_some(o)
            }
            ExprKind::Paren(x) => self.root_var(x),
            ExprKind::Selector { x, .. } => match self.info.selections.get(&e.id) {
                Some(Selection::Field { .. }) => self.root_var(x),
                _ => None,
            },
            ExprKind::Index { x, .. } => self.root_var(x),
            _ => None,
        }
    }

    fn address_taken(&mut self, e: &Expr) {
        if let Some(o) = self.root_var(e) {
            self.out.boxed.insert(o);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Bad | StmtKind::Empty | StmtKind::Branch { .. } => {}
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::Send { ch, value } => {
                self.expr(ch);
                self.expr(value);
            }
            StmtKind::IncDec { x, .. } => {
                self.assigned_to(x);
                self.expr(x)
            }
            StmtKind::Assign { lhs, rhs, .. } => {
                for e in lhs {
                    self.assigned_to(e);
                }
                for e in lhs.iter().chain(rhs) {
                    self.expr(e);
                }
            }
            StmtKind::Define { lhs, rhs, .. } => {
                for e in rhs {
                    self.expr(e);
                }
                for e in lhs {
                    if self.info.defs.contains_key(&e.id) {
                        self.def(e.id);
                    } else {
                        self.assigned_to(e);
                    }
                    self.expr(e);
                }
            }
            StmtKind::Return(es) => {
                for e in es {
                    self.expr(e);
                }
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(cond);
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
            }
            StmtKind::Switch {
                init, tag, cases, ..
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in cases {
                    for e in &c.exprs {
                        self.expr(e);
                    }
                    for s in &c.body {
                        self.stmt(s);
                    }
                }
            }
            StmtKind::TypeSwitch { init, x, cases, .. } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(x);
                for c in cases {
                    if let Some(&o) = self.info.implicits.get(&(self.file, c.span.lo)) {
                        if let Some(&(f, _)) = self.stack.last() {
                            self.owner.insert(o, f);
                        }
                    }
                    for s in &c.body {
                        self.stmt(s);
                    }
                }
            }
            StmtKind::Select { cases } => {
                for c in cases {
                    if let Some(s) = &c.comm {
                        self.stmt(s);
                    }
                    for s in &c.body {
                        self.stmt(s);
                    }
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    self.expr(c);
                }
                // Go 1.22: each iteration has its own copy of the loop variables and the post statement
                // updates the next iteration's copy, so `i++` there does not force a captured `i` into a box.
                let declared: Vec<ObjId> = match init.as_deref().map(|s| &s.kind) {
                    Some(StmtKind::Define { lhs, .. }) => lhs
                        .iter()
                        .filter_map(|e| self.info.defs.get(&e.id).copied())
                        .collect(),
                    _ => Vec::new(),
                };
                if let Some(p) = post {
                    let before: Vec<ObjId> = declared
                        .iter()
                        .copied()
                        .filter(|o| self.assigned.contains(o))
                        .collect();
                    self.stmt(p);
                    for o in &declared {
                        if !before.contains(o) {
                            self.assigned.remove(o);
                        }
                    }
                }
                self.block(body);
            }
            StmtKind::Range {
                key,
                value,
                x,
                body,
                ..
            } => {
                self.expr(x);
                for e in [key, value].into_iter().flatten() {
                    self.def(e.id);
                    self.expr(e);
                }
                self.block(body);
            }
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
            StmtKind::Decl(Decl::Var(specs)) => {
                for sp in specs {
                    for v in &sp.values {
                        self.expr(v);
                    }
                    for n in &sp.names {
                        self.def(n.id);
                    }
                }
            }
            StmtKind::Decl(_) => {}
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(_) => {
                if let Some(&o) = self.info.uses.get(&e.id) {
                    if matches!(self.info.objects[o.0 as usize].kind, ObjKind::Var) {
                        self.use_obj(o);
                    }
                }
            }
            ExprKind::Bad | ExprKind::BasicLit { .. } => {}
            ExprKind::CompositeLit { elems, .. } => {
                for el in elems {
                    if let Some(k) = &el.key {
                        // struct field keys are not variable uses
                        if !matches!(k.kind, ExprKind::Name(_)) {
                            self.expr(k);
                        } else if let Some(&o) = self.info.uses.get(&k.id) {
                            if matches!(self.info.objects[o.0 as usize].kind, ObjKind::Var)
                                && self.owner.contains_key(&o)
                            {
                                self.use_obj(o);
                            }
                        }
                    }
                    self.expr(&el.value);
                }
            }
            ExprKind::FuncLit { typ, body } => {
                self.enter(Some(e.id));
                self.out.captures.entry(e.id).or_default();
                self.func_type(typ);
                self.block(body);
                self.stack.pop();
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Dots(x) => self.expr(x),
            ExprKind::Selector { x, .. } => {
                match self.info.selections.get(&e.id) {
                    Some(Selection::Method {
                        pointer_recv: true, ..
                    }) => self.address_taken(x),
                    Some(Selection::Qualified(_)) => return,
                    _ => {}
                }
                self.expr(x);
            }
            ExprKind::Index { x, indices } => {
                self.expr(x);
                for i in indices {
                    self.expr(i);
                }
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.address_taken(x);
                self.expr(x);
                for i in [lo, hi, max].into_iter().flatten() {
                    self.expr(i);
                }
            }
            ExprKind::TypeAssert { x, .. } => self.expr(x),
            ExprKind::Call { fun, args, .. } => {
                self.expr(fun);
                for a in args {
                    self.expr(a);
                }
            }
            ExprKind::Unary { op, x } => {
                if *op == Operator::And {
                    self.address_taken(x);
                }
                self.expr(x);
            }
            ExprKind::Binary { x, y, .. } => {
                self.expr(x);
                self.expr(y);
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_) => {}
        }
    }
}
