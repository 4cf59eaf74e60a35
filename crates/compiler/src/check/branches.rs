//! Labels, goto, break, continue and fallthrough: the checks gc makes right after parsing
//! (cmd/compile/internal/syntax/branches.go), with its messages. One label scope per function
//! body (function literals have their own).
//!
//! Invariants: every label gets exactly one of "defined", "already defined" and each goto is
//! resolved to a label or reported once.

use std::collections::HashMap;

use crate::ast::{Block, BranchKind, Decl, Stmt, StmtKind};

/// What a labeled statement labels (break/continue validity).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    For,
    Switch,
    TypeSwitch,
    Select,
    Other,
}

#[derive(Clone, Debug)]
struct Label {
    /// Block containing the label.
    block: usize,
    /// Offset of the label name in its declaration (identifies the labeled statement).
    pos: u32,
    target: Target,
    used: bool,
}

#[derive(Clone, Debug)]
struct BlockInfo {
    parent: Option<usize>,
    start: u32,
    /// The labeled statement this block belongs to (label declaration offset).
    lstmt: Option<u32>,
}

/// The innermost enclosing break/continue targets.
#[derive(Clone, Copy, Debug, Default)]
struct Targets {
    breaks: Option<Target>,
    continues: bool,
    /// Index of the enclosing switch case (fallthrough), and the number of cases.
    case: Option<(usize, usize)>,
}

#[derive(Clone, Debug)]
struct Goto {
    name: String,
    pos: u32,
    id: usize,
}

struct Scope {
    labels: HashMap<String, Label>,
    blocks: Vec<BlockInfo>,
    errors: Vec<(u32, String)>,
    next_goto: usize,
}

/// Checks one function body; returns (offset, message) pairs. `pos` renders an offset as
/// `file:line:col` for messages that cite another position.
pub(super) fn check_branches(body: &Block, pos: &dyn Fn(u32) -> String) -> Vec<(u32, String)> {
    let mut ls = Scope {
        labels: HashMap::new(),
        blocks: Vec::new(),
        errors: Vec::new(),
        next_goto: 0,
    };
    let fwd = ls.block_branches(
        None,
        Targets::default(),
        None,
        body.span.lo,
        &body.stmts,
        pos,
    );
    for g in fwd {
        match ls.labels.get_mut(&g.name) {
            Some(l) => {
                l.used = true;
                let start = ls.blocks[l.block].start;
                ls.errors.push((
                    g.pos,
                    format!(
                        "goto {} jumps into block starting at {}",
                        g.name,
                        pos(start)
                    ),
                ));
            }
            None => ls
                .errors
                .push((g.pos, format!("label {} not defined", g.name))),
        }
    }
    let mut unused: Vec<(u32, String)> = ls
        .labels
        .iter()
        .filter(|(_, l)| !l.used)
        .map(|(n, l)| (l.pos, format!("label {n} defined and not used")))
        .collect();
    runtime::util::sort(&mut unused);
    ls.errors.extend(unused);
    ls.errors
}

fn target_of(s: &Stmt) -> Target {
    match &s.kind {
        StmtKind::For { .. } | StmtKind::Range { .. } => Target::For,
        StmtKind::Switch { .. } => Target::Switch,
        StmtKind::TypeSwitch { .. } => Target::TypeSwitch,
        StmtKind::Select { .. } => Target::Select,
        _ => Target::Other,
    }
}

impl Scope {
    fn declare(
        &mut self,
        block: usize,
        name: &str,
        at: u32,
        target: Target,
        pos: &dyn Fn(u32) -> String,
    ) -> bool {
        if let Some(prev) = self.labels.get(name) {
            let p = prev.pos;
            self.errors
                .push((at, format!("label {name} already defined at {}", pos(p))));
            return false;
        }
        self.labels.insert(
            name.to_string(),
            Label {
                block,
                pos: at,
                target,
                used: false,
            },
        );
        true
    }

    /// The label `name` if declared in block `b` or an enclosing block.
    fn goto_target(&mut self, b: usize, name: &str) -> bool {
        let Some(l) = self.labels.get_mut(name) else {
            return false;
        };
        l.used = true;
        let lb = l.block;
        let mut cur = Some(b);
        while let Some(c) = cur {
            if c == lb {
                return true;
            }
            cur = self.blocks[c].parent;
        }
        false
    }

    /// Innermost enclosing labeled statement with this label: Some(target) if it encloses `b`,
    /// Some(None) if the label exists but does not enclose, None if undefined.
    fn enclosing_target(&mut self, b: usize, name: &str) -> Option<Option<Target>> {
        let l = self.labels.get_mut(name)?;
        l.used = true;
        let (lpos, target) = (l.pos, l.target);
        let mut cur = Some(b);
        while let Some(c) = cur {
            if self.blocks[c].lstmt == Some(lpos) {
                return Some(Some(target));
            }
            cur = self.blocks[c].parent;
        }
        Some(None)
    }

    fn block_branches(
        &mut self,
        parent: Option<usize>,
        ctxt: Targets,
        lstmt: Option<u32>,
        start: u32,
        body: &[Stmt],
        pos: &dyn Fn(u32) -> String,
    ) -> Vec<Goto> {
        let b = self.blocks.len();
        self.blocks.push(BlockInfo {
            parent,
            start,
            lstmt,
        });
        let mut var_decl: Option<(u32, String)> = None;
        let mut fwd: Vec<Goto> = Vec::new();
        let mut bad: Vec<usize> = Vec::new();
        // trailing empty statements do not count (fallthrough must be last)
        let mut n = body.len();
        while n > 0 && matches!(body[n - 1].kind, StmtKind::Empty) {
            n -= 1;
        }
        let list = &body[..n];
        for (stmt_index, stmt0) in list.iter().enumerate() {
            let mut stmt = stmt0;
            let mut lstmt: Option<u32> = None;
            // unwrap labels
            while let StmtKind::Labeled { label, stmt: inner } = &stmt.kind {
                if label.name != "_"
                    && self.declare(b, &label.name, label.span.lo, target_of(inner), pos)
                {
                    let mut keep = Vec::new();
                    for g in fwd.drain(..) {
                        if g.name == label.name {
                            if let Some(l) = self.labels.get_mut(&label.name) {
                                l.used = true;
                            }
                            if bad.contains(&g.id) {
                                if let Some((vpos, vname)) = &var_decl {
                                    self.errors.push((
                                        g.pos,
                                        format!(
                                            "goto {} jumps over declaration of {vname} at {}",
                                            label.name,
                                            pos(*vpos)
                                        ),
                                    ));
                                }
                            }
                        } else {
                            keep.push(g);
                        }
                    }
                    fwd = keep;
                    lstmt = Some(label.span.lo);
                }
                stmt = inner;
            }
            let mut record_var = |at: u32, name: String, fwd: &Vec<Goto>, bad: &mut Vec<usize>| {
                var_decl = Some((at, name));
                *bad = fwd.iter().map(|g| g.id).collect();
            };
            match &stmt.kind {
                StmtKind::Decl(Decl::Var(specs)) => {
                    if let Some(spec) = specs.first() {
                        if let Some(n) = spec.names.first() {
                            record_var(spec.span.lo.max(n.span.lo), n.name.clone(), &fwd, &mut bad);
                        }
                    }
                }
                StmtKind::Define { lhs, op_pos, .. } => {
                    let names: Vec<String> = lhs.iter().map(crate::printer::expr_string).collect();
                    record_var(*op_pos, names.join(", "), &fwd, &mut bad);
                }
                StmtKind::Branch { kind, label: None } => match kind {
                    BranchKind::Break => {
                        if ctxt.breaks.is_none() {
                            self.errors.push((
                                stmt.span.lo,
                                "break is not in a loop, switch, or select".into(),
                            ));
                        }
                    }
                    BranchKind::Continue => {
                        if !ctxt.continues {
                            self.errors
                                .push((stmt.span.lo, "continue is not in a loop".into()));
                        }
                    }
                    BranchKind::Fallthrough => {
                        let mut msg = Some("fallthrough statement out of place");
                        if let Some(t) = ctxt.breaks {
                            if t == Target::TypeSwitch {
                                msg = Some("cannot fallthrough in type switch");
                            } else if t == Target::Switch {
                                match ctxt.case {
                                    Some((ci, count)) if stmt_index + 1 == list.len() => {
                                        msg = if ci + 1 == count {
                                            Some("cannot fallthrough final case in switch")
                                        } else {
                                            None
                                        };
                                    }
                                    _ => {}
                                }
                            }
                        }
                        if let Some(m) = msg {
                            self.errors.push((stmt.span.lo, m.into()));
                        }
                    }
                    BranchKind::Goto => {}
                },
                StmtKind::Branch {
                    kind,
                    label: Some(l),
                } => match kind {
                    BranchKind::Break => match self.enclosing_target(b, &l.name) {
                        Some(Some(
                            Target::For | Target::Switch | Target::TypeSwitch | Target::Select,
                        )) => {}
                        Some(_) => self
                            .errors
                            .push((l.span.lo, format!("invalid break label {}", l.name))),
                        None => self
                            .errors
                            .push((l.span.lo, format!("break label not defined: {}", l.name))),
                    },
                    BranchKind::Continue => match self.enclosing_target(b, &l.name) {
                        Some(Some(Target::For)) => {}
                        Some(_) => self
                            .errors
                            .push((l.span.lo, format!("invalid continue label {}", l.name))),
                        None => self
                            .errors
                            .push((l.span.lo, format!("continue label not defined: {}", l.name))),
                    },
                    BranchKind::Goto => {
                        if !self.goto_target(b, &l.name) {
                            let id = self.next_goto;
                            self.next_goto += 1;
                            fwd.push(Goto {
                                name: l.name.clone(),
                                pos: l.span.lo,
                                id,
                            });
                        }
                    }
                    BranchKind::Fallthrough => {}
                },
                StmtKind::Block(blk) => {
                    let inner = Targets { case: None, ..ctxt };
                    fwd.extend(self.block_branches(
                        Some(b),
                        inner,
                        lstmt,
                        blk.span.lo,
                        &blk.stmts,
                        pos,
                    ));
                }
                StmtKind::If { then, els, .. } => {
                    let inner = Targets { case: None, ..ctxt };
                    fwd.extend(self.block_branches(
                        Some(b),
                        inner,
                        lstmt,
                        then.span.lo,
                        &then.stmts,
                        pos,
                    ));
                    if let Some(es) = els.as_deref() {
                        fwd.extend(self.block_branches(
                            Some(b),
                            inner,
                            lstmt,
                            es.span.lo,
                            std::slice::from_ref(es),
                            pos,
                        ));
                    }
                }
                StmtKind::Switch { cases, .. } | StmtKind::TypeSwitch { cases, .. } => {
                    let t = target_of(stmt);
                    for (i, c) in cases.iter().enumerate() {
                        let inner = Targets {
                            breaks: Some(t),
                            continues: ctxt.continues,
                            case: Some((i, cases.len())),
                        };
                        fwd.extend(self.block_branches(
                            Some(b),
                            inner,
                            lstmt,
                            c.span.lo,
                            &c.body,
                            pos,
                        ));
                    }
                }
                StmtKind::Select { cases } => {
                    for c in cases {
                        let inner = Targets {
                            breaks: Some(Target::Select),
                            continues: ctxt.continues,
                            case: None,
                        };
                        fwd.extend(self.block_branches(
                            Some(b),
                            inner,
                            lstmt,
                            c.span.lo,
                            &c.body,
                            pos,
                        ));
                    }
                }
                StmtKind::For { body: fb, .. } | StmtKind::Range { body: fb, .. } => {
                    let inner = Targets {
                        breaks: Some(Target::For),
                        continues: true,
                        case: None,
                    };
                    fwd.extend(self.block_branches(
                        Some(b),
                        inner,
                        lstmt,
                        fb.span.lo,
                        &fb.stmts,
                        pos,
                    ));
                }
                _ => {}
            }
        }
        fwd
    }
}
