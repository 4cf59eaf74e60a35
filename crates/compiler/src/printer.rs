//! Prints expressions the way gc's error messages show them (syntax/printer.go, ShortForm):
//! composite literal and function literal bodies are abbreviated to `{…}`.

use crate::ast::*;
use crate::lexer::LitKind;

/// The source form of an expression as gc prints it in diagnostics.
pub fn expr_string(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e);
    s
}

/// The source form of a simple statement (used in "cannot use ... as value").
pub fn stmt_string(st: &Stmt) -> String {
    let list = |l: &[Expr]| l.iter().map(expr_string).collect::<Vec<_>>().join(", ");
    match &st.kind {
        StmtKind::Expr(e) => expr_string(e),
        StmtKind::Send { ch, value } => format!("{} <- {}", expr_string(ch), expr_string(value)),
        StmtKind::IncDec { x, inc } => {
            format!("{}{}", expr_string(x), if *inc { "++" } else { "--" })
        }
        StmtKind::Assign { lhs, op, rhs, .. } => {
            format!(
                "{} {}= {}",
                list(lhs),
                op.map(|o| o.as_str()).unwrap_or(""),
                list(rhs)
            )
        }
        StmtKind::Define { lhs, rhs, .. } => format!("{} := {}", list(lhs), list(rhs)),
        _ => String::from("statement"),
    }
}

fn write_fields(s: &mut String, fields: &[Field], sep: &str) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        let names: Vec<&str> = f.names.iter().map(|n| n.name.as_str()).collect();
        if !names.is_empty() {
            s.push_str(&names.join(", "));
            s.push(' ');
        }
        write_expr(s, &f.typ);
    }
}

/// Writes a signature without the `func` keyword.
pub fn write_signature(s: &mut String, t: &FuncType) {
    s.push('(');
    let n = t.params.len();
    for (i, f) in t.params.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        let names: Vec<&str> = f.names.iter().map(|n| n.name.as_str()).collect();
        if !names.is_empty() {
            s.push_str(&names.join(", "));
            s.push(' ');
        }
        if t.variadic && i + 1 == n {
            s.push_str("...");
        }
        write_expr(s, &f.typ);
    }
    s.push(')');
    if t.results.is_empty() {
        return;
    }
    s.push(' ');
    if t.results.len() == 1 && t.results[0].names.is_empty() {
        write_expr(s, &t.results[0].typ);
    } else {
        s.push('(');
        write_fields(s, &t.results, ", ");
        s.push(')');
    }
}

fn write_expr(s: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Bad => s.push_str("BadExpr"),
        ExprKind::Name(n) => s.push_str(n),
        ExprKind::BasicLit { raw, kind } => {
            let _ = kind == &LitKind::String;
            s.push_str(raw)
        }
        ExprKind::CompositeLit { typ, .. } => {
            if let Some(t) = typ {
                write_expr(s, t);
            }
            s.push_str(
                if matches!(&e.kind, ExprKind::CompositeLit { elems, .. } if elems.is_empty()) {
                    "{}"
                } else {
                    "{…}"
                },
            );
        }
        ExprKind::FuncLit { typ, .. } => {
            s.push_str("func");
            write_signature(s, typ);
            s.push_str(" {…}");
        }
        ExprKind::Paren(x) => {
            s.push('(');
            write_expr(s, x);
            s.push(')');
        }
        ExprKind::Selector { x, sel } => {
            write_expr(s, x);
            s.push('.');
            s.push_str(&sel.name);
        }
        ExprKind::Index { x, indices } => {
            write_expr(s, x);
            s.push('[');
            for (i, ix) in indices.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, ix);
            }
            s.push(']');
        }
        ExprKind::Slice {
            x,
            lo,
            hi,
            max,
            full,
        } => {
            write_expr(s, x);
            s.push('[');
            if let Some(l) = lo {
                write_expr(s, l);
            }
            s.push(':');
            if let Some(h) = hi {
                write_expr(s, h);
            }
            if *full {
                s.push(':');
                if let Some(m) = max {
                    write_expr(s, m);
                }
            }
            s.push(']');
        }
        ExprKind::TypeAssert { x, typ } => {
            write_expr(s, x);
            s.push_str(".(");
            match typ {
                Some(t) => write_expr(s, t),
                None => s.push_str("type"),
            }
            s.push(')');
        }
        ExprKind::Call {
            fun,
            args,
            has_dots,
            ..
        } => {
            write_expr(s, fun);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a);
            }
            if *has_dots {
                s.push_str("...");
            }
            s.push(')');
        }
        ExprKind::Star(x) => {
            s.push('*');
            write_expr(s, x);
        }
        ExprKind::Unary { op, x } => {
            s.push_str(op.as_str());
            write_expr(s, x);
        }
        ExprKind::Binary { op, x, y, .. } => {
            write_expr(s, x);
            s.push(' ');
            s.push_str(op.as_str());
            s.push(' ');
            write_expr(s, y);
        }
        ExprKind::Dots(x) => {
            s.push_str("...");
            write_expr(s, x);
        }
        ExprKind::ArrayType { len, elem } => {
            s.push('[');
            match len {
                ArrayLen::Slice => {}
                ArrayLen::Ellipsis => s.push_str("..."),
                ArrayLen::Expr(l) => write_expr(s, l),
            }
            s.push(']');
            write_expr(s, elem);
        }
        ExprKind::MapType { key, value } => {
            s.push_str("map[");
            write_expr(s, key);
            s.push(']');
            write_expr(s, value);
        }
        ExprKind::ChanType { dir, elem } => {
            s.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            });
            write_expr(s, elem);
        }
        ExprKind::FuncType(t) => {
            s.push_str("func");
            write_signature(s, t);
        }
        ExprKind::StructType(fields) => {
            s.push_str("struct{");
            write_fields(s, fields, "; ");
            s.push('}');
        }
        ExprKind::InterfaceType(elems) => {
            let union_only = elems.len() == 1 && matches!(elems[0], InterfaceElem::Union { .. });
            if !union_only {
                s.push_str("interface{");
            }
            for (i, el) in elems.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                match el {
                    InterfaceElem::Method { name, typ } => {
                        s.push_str(&name.name);
                        write_signature(s, typ);
                    }
                    InterfaceElem::Union { terms, .. } => {
                        for (j, t) in terms.iter().enumerate() {
                            if j > 0 {
                                s.push_str(" | ");
                            }
                            if t.tilde {
                                s.push('~');
                            }
                            write_expr(s, &t.typ);
                        }
                    }
                }
            }
            if !union_only {
                s.push('}');
            }
        }
    }
}
