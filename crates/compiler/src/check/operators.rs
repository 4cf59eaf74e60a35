//! Operators: unary and binary expressions, comparisons, shifts and implicit conversions of untyped
//! operands; models types2 expr.go (unary, binary, comparison, shift) and conversions of operands.

use super::expr::*;
use super::Checker;
use crate::ast::{Expr, ExprKind};
use crate::constant::{self, ConstError, ConstValue};
use crate::lexer::Operator;
use crate::printer::expr_string;
use crate::types::{Basic, Type, TypeId};

impl<'a> Checker<'a> {
    pub(super) fn unary(
        &mut self,
        e: &'a Expr,
        op: Operator,
        xe: &'a Expr,
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        if op == Operator::And {
            // &x: x must be addressable or a composite literal
            let inner = xe.unparen();
            let mut hint_elem = None;
            if let Some(h) = hint {
                if let Type::Pointer(el) = self.types.get(self.types.under(h)).clone() {
                    hint_elem = Some(el);
                }
            }
            let x = self.expr(xe, hint_elem);
            if x.is_invalid() {
                return Operand::invalid(e);
            }
            if !matches!(inner.kind, ExprKind::CompositeLit { .. }) && x.mode != Mode::Variable {
                let s = self.operand_string(&x);
                self.error(
                    e.span.lo,
                    format!("invalid operation: cannot take address of {s}"),
                );
                return Operand::invalid(e);
            }
            let t = self.types.pointer(x.typ);
            return Operand {
                mode: Mode::Value,
                typ: t,
                expr: Some(e),
            };
        }
        if op == Operator::Recv {
            let x = self.expr(xe, None);
            if x.is_invalid() {
                return Operand::invalid(e);
            }
            let core = self.types.core(x.typ).unwrap_or(TypeId::INVALID);
            match self.types.get(core).clone() {
                Type::Chan(dir, elem) => {
                    if dir == crate::ast::ChanDir::Send {
                        let s = self.operand_string(&x);
                        self.error(
                            xe.span.lo,
                            format!("invalid operation: cannot receive from send-only channel {s}"),
                        );
                        return Operand::invalid(e);
                    }
                    return Operand {
                        mode: Mode::CommaOk,
                        typ: elem,
                        expr: Some(e),
                    };
                }
                _ => {
                    let s = self.operand_string(&x);
                    self.error(
                        xe.span.lo,
                        format!("invalid operation: cannot receive from non-channel {s}"),
                    );
                    return Operand::invalid(e);
                }
            }
        }
        if op == Operator::Tilde {
            self.error(e.span.lo, "invalid use of ~ outside type constraint");
            return Operand::invalid(e);
        }
        let mut x = self.expr(xe, hint);
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        let b = self.op_basic(x.typ);
        let ok = match op {
            Operator::Add | Operator::Sub => b.map(|b| b.is_numeric()).unwrap_or(false),
            Operator::Xor => b.map(|b| b.is_integer()).unwrap_or(false),
            Operator::Not => b.map(|b| b.is_boolean()).unwrap_or(false),
            _ => false,
        };
        if !ok {
            let s = self.operand_string(&x);
            self.error(
                xe.span.lo,
                format!(
                    "invalid operation: operator {} not defined on {s}",
                    op.as_str()
                ),
            );
            return Operand::invalid(e);
        }
        if let Mode::Constant(v) = &x.mode {
            let bits = self
                .types
                .basic_of(x.typ)
                .filter(|b| b.is_unsigned())
                .and_then(|b| b.int_bits());
            match constant::unary(op, v, bits) {
                Ok(nv) => {
                    if op == Operator::Sub && matches!(nv, ConstValue::Float(_)) {
                        if let Some(r) = self
                            .exact_of(&x)
                            .and_then(|(n, d)| Some((n.checked_neg()?, d)))
                        {
                            self.exact.insert(e.id, r);
                        }
                    }
                    let mut r = Operand {
                        mode: Mode::Constant(nv.clone()),
                        typ: x.typ,
                        expr: Some(e),
                    };
                    if !self.types.is_untyped(x.typ) {
                        if let Some(b) = self.types.basic_of(x.typ) {
                            if self.representable(&nv, b).is_err() {
                                let s = nv.render();
                                let ts = self.types.display(x.typ);
                                self.error(e.span.lo, format!("constant {s} overflows {ts}"));
                                r.mode = Mode::Invalid;
                            }
                        }
                    }
                    return r;
                }
                Err(_) => return Operand::invalid(e),
            }
        }
        x.mode = Mode::Value;
        x.expr = Some(e);
        x
    }

    /// The basic kind used to decide which operators apply (type parameters: all terms agree).
    pub(super) fn op_basic(&self, t: TypeId) -> Option<Basic> {
        if let Some(terms) = self.types.tparam_terms(t) {
            let mut kinds = terms.iter().filter_map(|x| self.types.basic_of(x.typ));
            let first = kinds.next()?;
            let all: Vec<Basic> = terms
                .iter()
                .filter_map(|x| self.types.basic_of(x.typ))
                .collect();
            if all.len() != terms.len() {
                return None;
            }
            // Pick a representative with the weakest capabilities.
            if all.iter().all(|b| b.is_integer()) {
                return Some(first);
            }
            if all.iter().all(|b| b.is_numeric()) {
                return Some(
                    all.iter()
                        .copied()
                        .find(|b| !b.is_integer())
                        .unwrap_or(first),
                );
            }
            if all.iter().all(|b| b.is_string()) {
                return Some(Basic::String);
            }
            if all.iter().all(|b| b.is_ordered()) {
                return Some(Basic::UntypedNil); // ordered but not arithmetic except +
            }
            return None;
        }
        self.types.basic_of(t)
    }

    pub(super) fn binary(
        &mut self,
        e: &'a Expr,
        op: Operator,
        xe: &'a Expr,
        ye: &'a Expr,
        op_pos: u32,
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        if op == Operator::Shl || op == Operator::Shr {
            return self.shift(e, op, xe, ye, hint);
        }
        // A non-constant shift of an untyped constant takes its type from the context: the other
        // operand, or the binary expression's own context (spec "Operators", shifts).
        let is_shift = |e: &Expr| has_untyped_shift(e);
        let outer = if op.is_comparison() { None } else { hint };
        let (mut x, mut y) = if is_shift(xe) && !is_shift(ye) {
            let y = self.expr(ye, None);
            let h = if self.types.is_untyped(y.typ) {
                outer
            } else {
                Some(y.typ)
            };
            (self.expr(xe, h), y)
        } else {
            let x = self.expr(xe, if is_shift(xe) { outer } else { None });
            let h = if self.types.is_untyped(x.typ) {
                outer
            } else {
                Some(x.typ)
            };
            let y = self.expr(ye, if is_shift(ye) { h } else { None });
            (x, y)
        };
        if x.is_invalid() || y.is_invalid() {
            return Operand::invalid(e);
        }
        if op.is_comparison() {
            return self.comparison(e, op, x, y, op_pos);
        }
        // match types
        let (x0, y0) = (x.clone(), y.clone());
        if !self.match_types(&mut x, &mut y) {
            if let Some((at, msg)) = self.implicit_conversion_error(&x0, &y0) {
                self.error(at, msg);
                return Operand::invalid(e);
            }
            let (xs, ys) = (self.types.display(x.typ), self.types.display(y.typ));
            self.error(
                xe.span.lo,
                format!(
                    "invalid operation: {} (mismatched types {xs} and {ys})",
                    expr_string(e)
                ),
            );
            return Operand::invalid(e);
        }
        if x.typ != y.typ && !self.types.is_untyped(x.typ) && !self.types.is_untyped(y.typ) {
            let (xs, ys) = (self.types.display(x.typ), self.types.display(y.typ));
            self.error(
                xe.span.lo,
                format!(
                    "invalid operation: {} (mismatched types {xs} and {ys})",
                    expr_string(e)
                ),
            );
            return Operand::invalid(e);
        }
        let b = self.op_basic(x.typ);
        let ok = match op {
            Operator::Add => {
                b.is_some_and(|b| b.is_numeric() || b.is_string() || b == Basic::UntypedNil)
            }
            Operator::Sub | Operator::Mul | Operator::Div => b.is_some_and(|b| b.is_numeric()),
            Operator::Rem | Operator::And | Operator::Or | Operator::Xor | Operator::AndNot => {
                b.is_some_and(|b| b.is_integer())
            }
            Operator::AndAnd | Operator::OrOr => b.is_some_and(|b| b.is_boolean()),
            _ => false,
        };
        if !ok {
            let s = self.operand_string(&x);
            self.error(
                xe.span.lo,
                format!(
                    "invalid operation: operator {} not defined on {s}",
                    op.as_str()
                ),
            );
            return Operand::invalid(e);
        }
        if matches!(op, Operator::Div | Operator::Rem) {
            if let Some(v) = y.value() {
                let zero = match v {
                    ConstValue::Int(0) => true,
                    ConstValue::Float(f) => {
                        *f == 0.0 && b.is_some_and(|b| b.is_integer() || x.value().is_some())
                    }
                    _ => false,
                };
                if zero {
                    self.error(ye.span.lo, "invalid operation: division by zero");
                    return Operand::invalid(e);
                }
            }
        }
        if let (Some(a), Some(c)) = (x.value().cloned(), y.value().cloned()) {
            let int_div = b.is_some_and(|b| b.is_integer());
            match constant::binary(op, &a, &c, int_div) {
                Ok(v) => {
                    // Float constants fold exactly when both operands are known rationals.
                    let v = match (&v, self.exact_of(&x), self.exact_of(&y)) {
                        (ConstValue::Float(_), Some(ra), Some(rb)) => {
                            match constant::rat_op(op, ra, rb) {
                                Some(r) => {
                                    self.exact.insert(e.id, r);
                                    ConstValue::Float(constant::rat_to_f64(r))
                                }
                                None => v,
                            }
                        }
                        _ => v,
                    };
                    let v = match (&v, b) {
                        (ConstValue::Float(f), Some(bb))
                            if bb.is_integer() && !self.types.is_untyped(x.typ) =>
                        {
                            ConstValue::Int(*f as i128)
                        }
                        _ => v,
                    };
                    if !self.types.is_untyped(x.typ) {
                        if let Some(bb) = self.types.basic_of(x.typ) {
                            if let Err(true) = self.representable(&v, bb) {
                                let ts = self.types.display(x.typ);
                                self.error(
                                    xe.span.lo,
                                    format!("constant {} overflows {ts}", v.render()),
                                );
                                return Operand::invalid(e);
                            }
                        }
                    }
                    return Operand {
                        mode: Mode::Constant(v),
                        typ: x.typ,
                        expr: Some(e),
                    };
                }
                Err(ConstError::DivByZero) => {
                    self.error(ye.span.lo, "invalid operation: division by zero");
                    return Operand::invalid(e);
                }
                Err(ConstError::Overflow) => {
                    self.unsupported(xe.span.lo, "constant arithmetic beyond 127 bits");
                    return Operand::invalid(e);
                }
                Err(ConstError::Invalid) => return Operand::invalid(e),
            }
        }
        Operand {
            mode: Mode::Value,
            typ: x.typ,
            expr: Some(e),
        }
    }

    /// gc's message when an untyped constant operand cannot take the other operand's type
    /// (types2 invalidConversion): "1.5 (untyped float constant) truncated to int64".
    pub(super) fn implicit_conversion_error(
        &mut self,
        x: &Operand<'a>,
        y: &Operand<'a>,
    ) -> Option<(u32, String)> {
        let (u, t) = if self.types.is_untyped(x.typ) && !self.types.is_untyped(y.typ) {
            (x, y)
        } else if self.types.is_untyped(y.typ) && !self.types.is_untyped(x.typ) {
            (y, x)
        } else {
            return None;
        };
        let v = u.value()?.clone();
        let ub = self.types.basic_of(u.typ)?;
        let tb = self.types.basic_of(t.typ)?;
        let same_class = (ub.is_numeric() && tb.is_numeric())
            || (ub.is_string() && tb.is_string())
            || (ub.is_boolean() && tb.is_boolean());
        if !same_class {
            return None;
        }
        let us = self.operand_string(u);
        let target = self.types.display(self.types.under(t.typ));
        let msg = if !ub.is_integer()
            && tb.is_integer()
            && matches!(v, ConstValue::Float(f) if f.fract() != 0.0)
        {
            format!("{us} truncated to {target}")
        } else if self.representable(&v, tb) == Err(true) {
            format!("{us} overflows {target}")
        } else {
            format!("cannot convert {us} to type {target}")
        };
        Some((u.expr.map(|e| e.span.lo).unwrap_or(0), msg))
    }

    /// The exact rational value of a constant operand, if known.
    pub(super) fn exact_of(&self, x: &Operand<'a>) -> Option<constant::Rat> {
        match x.value()? {
            ConstValue::Int(i) => Some((*i, 1)),
            ConstValue::Float(_) => x.expr.and_then(|e| self.exact.get(&e.id).copied()),
            _ => None,
        }
    }

    /// Converts untyped operands towards each other's type (types2 matchTypes).
    pub(super) fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) -> bool {
        let (xu, yu) = (self.types.is_untyped(x.typ), self.types.is_untyped(y.typ));
        if xu && !yu {
            return self.convert_untyped(x, y.typ);
        }
        if yu && !xu {
            return self.convert_untyped(y, x.typ);
        }
        if xu && yu {
            let (a, b) = (self.types.basic_of(x.typ), self.types.basic_of(y.typ));
            if let (Some(a), Some(b)) = (a, b) {
                if a.is_numeric() && b.is_numeric() {
                    let t = if self.num_rank(a) >= self.num_rank(b) {
                        x.typ
                    } else {
                        y.typ
                    };
                    x.typ = t;
                    y.typ = t;
                    return true;
                }
                if x.mode == Mode::Nil || y.mode == Mode::Nil {
                    return x.mode == Mode::Nil && y.mode == Mode::Nil;
                }
                return a == b;
            }
        }
        true
    }

    pub(super) fn num_rank(&self, b: Basic) -> u8 {
        match b {
            Basic::UntypedInt => 0,
            Basic::UntypedRune => 1,
            _ => 2,
        }
    }

    pub(super) fn comparison(
        &mut self,
        e: &'a Expr,
        op: Operator,
        mut x: Operand<'a>,
        mut y: Operand<'a>,
        _op_pos: u32,
    ) -> Operand<'a> {
        let xe = x.expr.map(|e| e.span.lo).unwrap_or(e.span.lo);
        if x.mode == Mode::Nil && y.mode == Mode::Nil {
            let ye = y.expr.map(|e| e.span.lo).unwrap_or(xe);
            self.error(
                ye,
                format!(
                    "invalid operation: {} (operator {} not defined on untyped nil)",
                    expr_string(e),
                    op.as_str()
                ),
            );
            return Operand::invalid(e);
        }
        let ok_match = self.match_types(&mut x, &mut y);
        let assignable = ok_match && {
            let (a, b) = (x.typ, y.typ);
            a == b
                || self.assignable(a, b).is_ok()
                || self.assignable(b, a).is_ok()
                || x.mode == Mode::Nil
                || y.mode == Mode::Nil
        };
        if !assignable {
            let (xs, ys) = (self.types.display(x.typ), self.types.display(y.typ));
            self.error(
                xe,
                format!(
                    "invalid operation: {} (mismatched types {xs} and {ys})",
                    expr_string(e)
                ),
            );
            return Operand::invalid(e);
        }
        // nil comparisons
        let nil_ok = |c: &Checker, t: TypeId| {
            if let Some(terms) = c.types.tparam_terms(t) {
                return terms.iter().all(|x| {
                    matches!(
                        c.types.get(c.types.under(x.typ)),
                        Type::Pointer(_)
                            | Type::Slice(_)
                            | Type::Map(..)
                            | Type::Chan(..)
                            | Type::Func { .. }
                            | Type::Interface { .. }
                    )
                });
            }
            let u = c.types.under(t);
            matches!(
                c.types.get(u),
                Type::Pointer(_)
                    | Type::Slice(_)
                    | Type::Map(..)
                    | Type::Chan(..)
                    | Type::Func { .. }
                    | Type::Interface { .. }
                    | Type::Basic(Basic::UnsafePointer)
            )
        };
        if x.mode == Mode::Nil || y.mode == Mode::Nil {
            let other = if x.mode == Mode::Nil { &y } else { &x };
            if !nil_ok(self, other.typ)
                || op.prec() != crate::lexer::Operator::Eql.prec()
                || !(op == Operator::Eql || op == Operator::Neq)
            {
                let s = self.operand_string(other);
                let _ = s;
                self.error(
                    xe,
                    format!(
                        "invalid operation: {} (mismatched types {} and untyped nil)",
                        expr_string(e),
                        self.types.display(other.typ)
                    ),
                );
                return Operand::invalid(e);
            }
        } else if op == Operator::Eql || op == Operator::Neq {
            let t = if self.types.is_untyped(x.typ) {
                y.typ
            } else {
                x.typ
            };
            if !self.types.comparable(t) && !self.types.is_untyped(t) {
                let u = self.types.under(t);
                let what = match self.types.get(u) {
                    Type::Slice(_) => "slice can only be compared to nil",
                    Type::Map(..) => "map can only be compared to nil",
                    Type::Func { .. } => "func can only be compared to nil",
                    _ => "",
                };
                if what.is_empty() {
                    let cause = self.incomparable_cause(t);
                    self.error(
                        xe,
                        format!("invalid operation: {} ({cause})", expr_string(e)),
                    );
                } else {
                    self.error(
                        xe,
                        format!("invalid operation: {} ({what})", expr_string(e)),
                    );
                }
                return Operand::invalid(e);
            }
        } else {
            let ordered = self
                .op_basic(x.typ)
                .is_some_and(|b| b.is_ordered() || b == Basic::UntypedNil);
            if !ordered {
                let s = self.operand_string(&x);
                self.error(
                    xe,
                    format!(
                        "invalid operation: {} (operator {} not defined on {})",
                        expr_string(e),
                        op.as_str(),
                        s.split(" (")
                            .next()
                            .map(|_| self.describe_kind(x.typ))
                            .unwrap_or_default()
                    ),
                );
                return Operand::invalid(e);
            }
        }
        let ub = self.types.basic(Basic::UntypedBool);
        if let (Some(a), Some(b)) = (x.value().cloned(), y.value().cloned()) {
            if let (Some(ra), Some(rb), true) = (
                self.exact_of(&x),
                self.exact_of(&y),
                matches!(a, ConstValue::Float(_)) || matches!(b, ConstValue::Float(_)),
            ) {
                if let Some(ord) = constant::rat_cmp(ra, rb) {
                    use std::cmp::Ordering::*;
                    let r = match op {
                        Operator::Eql => ord == Equal,
                        Operator::Neq => ord != Equal,
                        Operator::Lss => ord == Less,
                        Operator::Leq => ord != Greater,
                        Operator::Gtr => ord == Greater,
                        _ => ord != Less,
                    };
                    return Operand {
                        mode: Mode::Constant(ConstValue::Bool(r)),
                        typ: ub,
                        expr: Some(e),
                    };
                }
            }
            if let Ok(v) = constant::binary(op, &a, &b, false) {
                return Operand {
                    mode: Mode::Constant(v),
                    typ: ub,
                    expr: Some(e),
                };
            }
        }
        // Operands keep their (defaulted) types for lowering.
        self.default_operand(&mut x);
        self.default_operand(&mut y);
        Operand {
            mode: Mode::Value,
            typ: ub,
            expr: Some(e),
        }
    }

    /// Why `t` is not comparable (types2 incomparableCause).
    pub(super) fn incomparable_cause(&self, t: TypeId) -> String {
        if self.types.is_type_param(t) {
            return "incomparable types in type set".into();
        }
        match self.types.get(self.types.under(t)) {
            Type::Struct(fields) => {
                for f in fields {
                    if !self.types.comparable(f.typ) {
                        return format!(
                            "struct containing {} cannot be compared",
                            self.types.display(f.typ)
                        );
                    }
                }
                format!("{} cannot be compared", self.types.display(t))
            }
            Type::Array(..) => format!(
                "{} cannot be compared",
                self.types.display(self.types.under(t))
            ),
            _ => format!("{} cannot be compared", self.types.display(t)),
        }
    }

    pub(super) fn describe_kind(&self, t: TypeId) -> String {
        let u = self.types.under(t);
        match self.types.get(u) {
            Type::Struct(_) => "struct".into(),
            Type::Pointer(_) => "pointer".into(),
            Type::Interface { .. } => "interface".into(),
            Type::Chan(..) => "chan".into(),
            Type::Map(..) => "map".into(),
            Type::Slice(_) => "slice".into(),
            Type::Func { .. } => "func".into(),
            Type::Array(..) => "array".into(),
            Type::Basic(b) if b.is_boolean() => self.types.display(t),
            _ => self.types.display(t),
        }
    }

    pub(super) fn shift(
        &mut self,
        e: &'a Expr,
        op: Operator,
        xe: &'a Expr,
        ye: &'a Expr,
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        let mut x = self.expr(xe, None);
        let mut y = self.expr(ye, None);
        if x.is_invalid() || y.is_invalid() {
            return Operand::invalid(e);
        }
        // shift count: integer (untyped constants must be non-negative integers)
        match &y.mode {
            Mode::Constant(v) => match v.to_int() {
                Some(n) if n >= 0 => {
                    if self.types.is_untyped(y.typ) {
                        let uint = self.types.basic(Basic::Uint);
                        let _ = self.convert_untyped(&mut y, uint);
                    }
                }
                Some(_) => {
                    let s = self.operand_string(&y);
                    self.error(
                        ye.span.lo,
                        format!("invalid operation: negative shift count {s}"),
                    );
                    return Operand::invalid(e);
                }
                None => {
                    let s = self.operand_string(&y);
                    self.error(ye.span.lo, format!("invalid shift count {s}"));
                    return Operand::invalid(e);
                }
            },
            _ => {
                if !self.op_basic(y.typ).is_some_and(|b| b.is_integer()) {
                    let s = self.operand_string(&y);
                    self.error(
                        ye.span.lo,
                        format!("invalid operation: shift count {s} must be integer"),
                    );
                    return Operand::invalid(e);
                }
                self.default_operand(&mut y);
            }
        }
        if let Mode::Constant(xv) = &x.mode {
            let xi = xv.to_int();
            if let (Some(xi), Some(yv)) = (xi, y.value()) {
                let s = yv.to_int().unwrap_or(0).max(0) as u128;
                if self.types.is_untyped(x.typ) && matches!(xv, ConstValue::Float(_)) {
                    x.typ = self.types.basic(Basic::UntypedInt);
                }
                match constant::shift(op, xi, s) {
                    Ok(v) => {
                        let v = ConstValue::Int(v);
                        if !self.types.is_untyped(x.typ) {
                            if let Some(b) = self.types.basic_of(x.typ) {
                                if self.representable(&v, b).is_err() {
                                    let ts = self.types.display(x.typ);
                                    self.error(
                                        xe.span.lo,
                                        format!("constant {} overflows {ts}", v.render()),
                                    );
                                    return Operand::invalid(e);
                                }
                            }
                        }
                        return Operand {
                            mode: Mode::Constant(v),
                            typ: x.typ,
                            expr: Some(e),
                        };
                    }
                    Err(_) => {
                        self.unsupported(xe.span.lo, "constant arithmetic beyond 127 bits");
                        return Operand::invalid(e);
                    }
                }
            }
            if xi.is_none() {
                if matches!(xv, ConstValue::Float(f) if f.fract() == 0.0) {
                    self.unsupported(xe.span.lo, "constant arithmetic beyond 127 bits");
                    return Operand::invalid(e);
                }
                let s = self.operand_string(&x);
                self.error(
                    xe.span.lo,
                    format!("invalid operation: shifted operand {s} must be integer"),
                );
                return Operand::invalid(e);
            }
            // non-constant shift of an untyped constant: it takes the type from context
            if self.types.is_untyped(x.typ) {
                let t = hint
                    .filter(|h| self.types.basic_of(*h).is_some_and(|b| b.is_integer()))
                    .unwrap_or_else(|| self.types.basic(Basic::Int));
                let _ = self.convert_untyped(&mut x, t);
            }
        }
        if !self.op_basic(x.typ).is_some_and(|b| b.is_integer()) {
            let s = self.operand_string(&x);
            self.error(
                xe.span.lo,
                format!("invalid operation: shifted operand {s} must be integer"),
            );
            return Operand::invalid(e);
        }
        Operand {
            mode: Mode::Value,
            typ: x.typ,
            expr: Some(e),
        }
    }

    pub(super) fn check_type_assertable(
        &mut self,
        iface: TypeId,
        t: TypeId,
        te: &'a Expr,
        x: &Operand<'a>,
    ) {
        if self.types.is_interface(t)
            || self.has_invalid(t)
            || self.mentions_type_param(t)
            || self.mentions_type_param(iface)
        {
            return;
        }
        if let Err(reason) = self.implements(t, iface) {
            if reason.contains("missing method")
                || reason.contains("pointer receiver")
                || reason.contains("wrong type")
            {
                let s = self.operand_string(x);
                let ts = self.types.display(t);
                let tail = reason
                    .split_once(" (")
                    .map(|(_, r)| r.trim_end_matches(')'))
                    .unwrap_or("");
                let is = self.types.display(iface);
                let _ = s;
                self.error(te.span.lo, format!("impossible type assertion: {}.({})\n\t{ts} does not implement {is} ({tail})", x.expr.map(expr_string).unwrap_or_default(), expr_string(te)));
            }
        }
    }
}
