//! Calls of the built-in functions (len, cap, make, new, append, copy, delete, close, panic, recover,
//! print, min, max, clear, complex ...); models types2 builtins.go.

use super::expr::{Mode, Operand};
use super::{Builtin, Checker};
use crate::ast::{Expr, ExprKind};
use crate::constant::ConstValue;
use crate::printer::expr_string;
use crate::types::{Basic, Type, TypeId};

impl<'a> Checker<'a> {
    pub(super) fn builtin(
        &mut self,
        e: &'a Expr,
        b: Builtin,
        args: &'a [Expr],
        has_dots: bool,
    ) -> Operand<'a> {
        let name = b.name();
        let nargs = args.len();
        let (min, max): (usize, Option<usize>) = match b {
            Builtin::Append => (1, None),
            Builtin::Cap
            | Builtin::Len
            | Builtin::Clear
            | Builtin::Close
            | Builtin::Imag
            | Builtin::Real
            | Builtin::New
            | Builtin::Panic => (1, Some(1)),
            Builtin::Complex | Builtin::Copy | Builtin::Delete => (2, Some(2)),
            Builtin::Make => (1, Some(3)),
            Builtin::Max | Builtin::Min => (1, None),
            Builtin::Print | Builtin::Println => (0, None),
            Builtin::Recover => (0, Some(0)),
        };
        if has_dots && b != Builtin::Append {
            self.error(
                e.span.lo,
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            return Operand::invalid(e);
        }
        if nargs < min || max.is_some_and(|m| nargs > m) {
            let s = expr_string(e);
            let msg = if nargs < min {
                "not enough"
            } else {
                "too many"
            };
            let at = if nargs < min {
                e.span.hi.saturating_sub(1)
            } else {
                args[max.unwrap_or(0)].span.lo
            };
            for a in args {
                let _ = self.expr_or_type(a, None);
            }
            self.error(
                at,
                format!(
                    "{msg} arguments for {s} (expected {}, found {nargs})",
                    if nargs < min { min } else { max.unwrap_or(0) }
                ),
            );
            return Operand::invalid(e);
        }
        let int = self.types.basic(Basic::Int);
        match b {
            Builtin::Len | Builtin::Cap => {
                let x = self.expr(&args[0], None);
                if x.is_invalid() {
                    return Operand::invalid(e);
                }
                let core = self.types.core(x.typ).unwrap_or(TypeId::INVALID);
                let ok = match self.types.get(core).clone() {
                    Type::Basic(k) if k.is_string() => b == Builtin::Len,
                    Type::Slice(_) | Type::Chan(..) | Type::Array(..) => true,
                    Type::Map(..) => b == Builtin::Len,
                    Type::Pointer(p) => {
                        matches!(self.types.get(self.types.under(p)), Type::Array(..))
                    }
                    _ => false,
                };
                if !ok {
                    let s = self.operand_string(&x);
                    self.error(
                        args[0].span.lo,
                        format!("invalid argument: {s} for built-in {name}"),
                    );
                    return Operand::invalid(e);
                }
                if let Some(ConstValue::String(s)) = x.value() {
                    return Operand {
                        mode: Mode::Constant(ConstValue::Int(s.len() as i128)),
                        typ: int,
                        expr: Some(e),
                    };
                }
                if let Type::Array(n, _) = self.types.get(core) {
                    if !contains_call_or_recv(&args[0]) {
                        return Operand {
                            mode: Mode::Constant(ConstValue::Int(*n as i128)),
                            typ: int,
                            expr: Some(e),
                        };
                    }
                }
                Operand {
                    mode: Mode::Value,
                    typ: int,
                    expr: Some(e),
                }
            }
            Builtin::Append => {
                let s = self.expr(&args[0], None);
                if s.is_invalid() {
                    for a in &args[1..] {
                        let _ = self.expr(a, None);
                    }
                    return Operand::invalid(e);
                }
                let st = if s.mode == Mode::Nil {
                    TypeId::INVALID
                } else {
                    s.typ
                };
                let core = self.types.core(st).unwrap_or(TypeId::INVALID);
                let Type::Slice(el) = self.types.get(core).clone() else {
                    let ss = self.operand_string(&s);
                    if s.mode == Mode::Nil {
                        self.error(
                            args[0].span.lo,
                            "first argument to append must be a typed slice; have untyped nil",
                        );
                    } else {
                        self.error(
                            args[0].span.lo,
                            format!("invalid argument: {ss} is not a slice"),
                        );
                    }
                    return Operand::invalid(e);
                };
                if has_dots {
                    if args.len() != 2 {
                        self.error(e.span.lo, "can only use ... with final argument in list");
                        return Operand::invalid(e);
                    }
                    let mut y = self.expr(&args[1], Some(st));
                    if y.is_invalid() {
                        return Operand::invalid(e);
                    }
                    // append([]byte, string...) is allowed
                    if self.types.basic_of(el) == Some(Basic::Uint8)
                        && self.types.basic_of(y.typ).is_some_and(|k| k.is_string())
                    {
                        self.default_operand(&mut y);
                        return Operand {
                            mode: Mode::Value,
                            typ: s.typ,
                            expr: Some(e),
                        };
                    }
                    let want = self.types.slice(el);
                    self.assignment(&mut y, want, "append");
                } else {
                    for a in &args[1..] {
                        let mut y = self.expr(a, Some(el));
                        self.assignment(&mut y, el, "argument to append");
                    }
                }
                Operand {
                    mode: Mode::Value,
                    typ: s.typ,
                    expr: Some(e),
                }
            }
            Builtin::Make => {
                let t = self.type_expr(&args[0]);
                if t == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                let core = self.types.core(t).unwrap_or(TypeId::INVALID);
                let (min_args, max_args) = match self.types.get(core) {
                    Type::Slice(_) => (2, 3),
                    Type::Map(..) | Type::Chan(..) => (1, 2),
                    _ => {
                        let s = expr_string(&args[0]);
                        self.error(args[0].span.lo, format!("invalid argument: cannot make {s}; type must be slice, map, or channel"));
                        return Operand::invalid(e);
                    }
                };
                if nargs < min_args || nargs > max_args {
                    let s = expr_string(e);
                    self.error(e.span.lo, format!("invalid operation: {s} expects {min_args} or {max_args} arguments; found {nargs}"));
                    return Operand::invalid(e);
                }
                let mut sizes = Vec::new();
                for a in &args[1..] {
                    let mut x = self.expr(a, None);
                    if x.is_invalid() {
                        continue;
                    }
                    if let Some(v) = x.value().cloned() {
                        match v.to_int() {
                            Some(n) if n < 0 => {
                                let s = self.operand_string(&x);
                                self.error(
                                    a.span.lo,
                                    format!("invalid argument: index {s} must not be negative"),
                                );
                                continue;
                            }
                            Some(n) => sizes.push(n),
                            None => {
                                let s = self.operand_string(&x);
                                self.error(a.span.lo, format!("cannot convert {s} to type int"));
                                continue;
                            }
                        }
                        if self.types.is_untyped(x.typ) {
                            let _ = self.convert_untyped(&mut x, int);
                        }
                    } else if !self.op_basic(x.typ).is_some_and(|k| k.is_integer()) {
                        let s = self.operand_string(&x);
                        self.error(a.span.lo, format!("cannot convert {s} to type int"));
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error(
                        args[1].span.lo,
                        "invalid argument: length and capacity swapped",
                    );
                }
                Operand {
                    mode: Mode::Value,
                    typ: t,
                    expr: Some(e),
                }
            }
            Builtin::New => {
                let t = self.type_expr(&args[0]);
                if t == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                let p = self.types.pointer(t);
                Operand {
                    mode: Mode::Value,
                    typ: p,
                    expr: Some(e),
                }
            }
            Builtin::Close => {
                let x = self.expr(&args[0], None);
                if x.is_invalid() {
                    return Operand::invalid(e);
                }
                let core = self.types.core(x.typ).unwrap_or(TypeId::INVALID);
                match self.types.get(core) {
                    Type::Chan(crate::ast::ChanDir::Recv, _) => {
                        let s = self.operand_string(&x);
                        self.error(
                            args[0].span.lo,
                            format!("invalid operation: cannot close receive-only channel {s}"),
                        );
                        Operand::invalid(e)
                    }
                    Type::Chan(..) => Operand {
                        mode: Mode::NoValue,
                        typ: TypeId::INVALID,
                        expr: Some(e),
                    },
                    _ => {
                        let s = self.operand_string(&x);
                        self.error(
                            args[0].span.lo,
                            format!("invalid operation: cannot close non-channel {s}"),
                        );
                        Operand::invalid(e)
                    }
                }
            }
            Builtin::Delete => {
                let m = self.expr(&args[0], None);
                if m.is_invalid() {
                    return Operand::invalid(e);
                }
                let core = self.types.core(m.typ).unwrap_or(TypeId::INVALID);
                let Type::Map(k, _) = self.types.get(core).clone() else {
                    let s = self.operand_string(&m);
                    self.error(
                        args[0].span.lo,
                        format!("invalid argument: {s} is not a map"),
                    );
                    return Operand::invalid(e);
                };
                let mut kx = self.expr(&args[1], Some(k));
                self.assignment(&mut kx, k, "argument to delete");
                Operand {
                    mode: Mode::NoValue,
                    typ: TypeId::INVALID,
                    expr: Some(e),
                }
            }
            Builtin::Clear => {
                let x = self.expr(&args[0], None);
                if x.is_invalid() {
                    return Operand::invalid(e);
                }
                let core = self.types.core(x.typ).unwrap_or(TypeId::INVALID);
                if !matches!(self.types.get(core), Type::Map(..) | Type::Slice(_)) {
                    let s = self.operand_string(&x);
                    self.error(
                        args[0].span.lo,
                        format!("invalid argument: {s} must be a map or slice"),
                    );
                    return Operand::invalid(e);
                }
                Operand {
                    mode: Mode::NoValue,
                    typ: TypeId::INVALID,
                    expr: Some(e),
                }
            }
            Builtin::Copy => {
                let d = self.expr(&args[0], None);
                let s = self.expr(&args[1], None);
                if d.is_invalid() || s.is_invalid() {
                    return Operand::invalid(e);
                }
                let dc = self.types.core(d.typ).unwrap_or(TypeId::INVALID);
                let Type::Slice(de) = self.types.get(dc).clone() else {
                    let ds = self.operand_string(&d);
                    self.error(
                        e.span.lo,
                        format!(
                            "invalid argument: copy expects slice arguments; found {ds} and {}",
                            self.operand_string(&s)
                        ),
                    );
                    return Operand::invalid(e);
                };
                let sc = self.types.core(s.typ).unwrap_or(TypeId::INVALID);
                let ok = match self.types.get(sc) {
                    Type::Slice(se) => *se == de,
                    Type::Basic(k) if k.is_string() => {
                        self.types.basic_of(de) == Some(Basic::Uint8)
                    }
                    _ => false,
                };
                if !ok {
                    let (ds, ss) = (self.operand_string(&d), self.operand_string(&s));
                    self.error(
                        e.span.lo,
                        format!(
                            "invalid argument: copy expects slice arguments; found {ds} and {ss}"
                        ),
                    );
                    return Operand::invalid(e);
                }
                Operand {
                    mode: Mode::Value,
                    typ: int,
                    expr: Some(e),
                }
            }
            Builtin::Panic => {
                let mut x = self.expr(&args[0], None);
                let any = self.any_type;
                self.assignment(&mut x, any, "argument to panic");
                Operand {
                    mode: Mode::NoValue,
                    typ: TypeId::INVALID,
                    expr: Some(e),
                }
            }
            Builtin::Print | Builtin::Println => {
                if args.len() == 1 {
                    // print(f()) with a multi-value f is allowed.
                    let x = self.expr_or_type(&args[0], None);
                    if matches!(self.types.get(x.typ), Type::Tuple(_)) && x.mode == Mode::Value {
                        return Operand {
                            mode: Mode::NoValue,
                            typ: TypeId::INVALID,
                            expr: Some(e),
                        };
                    }
                }
                for a in args {
                    let mut x = self.expr(a, None);
                    if x.mode == Mode::Nil {
                        self.error(
                            a.span.lo,
                            "use of untyped nil in argument to built-in print",
                        );
                        continue;
                    }
                    self.default_operand(&mut x);
                }
                Operand {
                    mode: Mode::NoValue,
                    typ: TypeId::INVALID,
                    expr: Some(e),
                }
            }
            Builtin::Recover => {
                let any = self.any_type;
                Operand {
                    mode: Mode::Value,
                    typ: any,
                    expr: Some(e),
                }
            }
            Builtin::Max | Builtin::Min => {
                let mut xs: Vec<Operand<'a>> = args.iter().map(|a| self.expr(a, None)).collect();
                if xs.iter().any(|x| x.is_invalid()) {
                    return Operand::invalid(e);
                }
                // all operands must have the same (ordered) type after untyped conversion
                let typed = xs
                    .iter()
                    .find(|x| !self.types.is_untyped(x.typ))
                    .map(|x| x.typ);
                let t = match typed {
                    Some(t) => t,
                    None => {
                        // all untyped constants: result is a constant
                        let mut best = xs[0].clone();
                        for x in &xs[1..] {
                            let (Some(a), Some(bv)) = (best.value().cloned(), x.value().cloned())
                            else {
                                continue;
                            };
                            let less = crate::constant::binary(
                                crate::lexer::Operator::Lss,
                                &bv,
                                &a,
                                false,
                            ) == Ok(ConstValue::Bool(true));
                            let pick = if b == Builtin::Min {
                                less
                            } else {
                                !less && bv != a
                            };
                            if pick {
                                best = x.clone();
                            }
                            if self
                                .types
                                .basic_of(x.typ)
                                .is_some_and(|k| k == Basic::UntypedFloat)
                            {
                                best.typ = x.typ;
                            }
                        }
                        best.expr = Some(e);
                        return best;
                    }
                };
                for x in xs.iter_mut() {
                    let before = x.clone();
                    if !self.convert_untyped(x, t) {
                        let s = self.operand_string(&before);
                        let ts = self.types.display(t);
                        self.error(before.expr.map(|e| e.span.lo).unwrap_or(e.span.lo), format!("invalid argument: mismatched types {} (previous argument) and {} (type of {})", ts, self.types.display(before.typ), s.split(" (").next().unwrap_or("")));
                        return Operand::invalid(e);
                    }
                    if x.typ != t {
                        let ts = self.types.display(t);
                        let xs_ = expr_string(x.expr.unwrap_or(e));
                        self.error(x.expr.map(|e| e.span.lo).unwrap_or(e.span.lo), format!("invalid argument: mismatched types {ts} (previous argument) and {} (type of {xs_})", self.types.display(x.typ)));
                        return Operand::invalid(e);
                    }
                }
                if !self
                    .op_basic(t)
                    .is_some_and(|k| k.is_ordered() || k == Basic::UntypedNil)
                {
                    let s = self.operand_string(&xs[0]);
                    self.error(
                        args[0].span.lo,
                        format!("invalid argument: {s} cannot be ordered"),
                    );
                    return Operand::invalid(e);
                }
                Operand {
                    mode: Mode::Value,
                    typ: t,
                    expr: Some(e),
                }
            }
            Builtin::Complex | Builtin::Real | Builtin::Imag => {
                for a in args {
                    let _ = self.expr(a, None);
                }
                self.unsupported(e.span.lo, "complex numbers");
                Operand::invalid(e)
            }
        }
    }
}

fn contains_call_or_recv(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call { .. } => true,
        ExprKind::Unary {
            op: crate::lexer::Operator::Recv,
            ..
        } => true,
        ExprKind::Paren(x)
        | ExprKind::Star(x)
        | ExprKind::Selector { x, .. }
        | ExprKind::Unary { x, .. } => contains_call_or_recv(x),
        ExprKind::Index { x, indices } => {
            contains_call_or_recv(x) || indices.iter().any(contains_call_or_recv)
        }
        _ => false,
    }
}
