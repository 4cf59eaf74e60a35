//! Expressions: operands, identifiers, literals, untyped constants and assignability; models types2
//! expr.go, operand.go and assignments.go. Operators are in operators.rs; selectors, indexing and
//! composite literals in selectors.rs.

use super::{Checker, ObjKind};
use crate::ast::{Expr, ExprKind};
use crate::constant::{self, ConstValue};
use crate::lexer::{
    parse_float_lit, parse_int_lit, unquote_rune, unquote_string, LitKind, Operator,
};
use crate::printer::expr_string;
use crate::types::{Basic, Type, TypeId};

/// What an operand is (types2 operandMode).
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    Invalid,
    NoValue,
    Builtin(super::Builtin),
    TypeExpr,
    Constant(ConstValue),
    Variable,
    MapIndex,
    Value,
    Nil,
    CommaOk,
    PkgName,
}

/// An evaluated expression.
#[derive(Clone, Debug)]
pub struct Operand<'a> {
    pub mode: Mode,
    pub typ: TypeId,
    pub expr: Option<&'a Expr>,
}

impl<'a> Operand<'a> {
    pub fn invalid(e: &'a Expr) -> Operand<'a> {
        Operand {
            mode: Mode::Invalid,
            typ: TypeId::INVALID,
            expr: Some(e),
        }
    }

    pub fn is_invalid(&self) -> bool {
        self.mode == Mode::Invalid
    }

    pub fn value(&self) -> Option<&ConstValue> {
        match &self.mode {
            Mode::Constant(v) => Some(v),
            _ => None,
        }
    }
}

impl<'a> Checker<'a> {
    /// Evaluates a value expression (reports types used as values).
    pub(super) fn expr(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        let single = self.single_assign_at.take();
        let x = self.expr_or_type(e, hint);
        self.single_assign_at = single;
        match x.mode {
            Mode::TypeExpr => {
                let s = expr_string(e);
                self.error(e.span.lo, format!("{s} (type) is not an expression"));
                Operand::invalid(e)
            }
            Mode::NoValue => {
                let s = expr_string(e);
                self.error(e.span.lo, format!("{s} (no value) used as value"));
                Operand::invalid(e)
            }
            Mode::Builtin(b) => {
                let s = expr_string(e);
                self.error(
                    e.span.lo,
                    format!("{s} (built-in function {}) must be called", b.name()),
                );
                Operand::invalid(e)
            }
            Mode::PkgName => {
                let s = expr_string(e);
                self.error(e.span.lo, format!("use of package {s} without selector"));
                Operand::invalid(e)
            }
            _ => {
                if let Type::Tuple(ts) = self.types.get(x.typ) {
                    if let (Some(at), ExprKind::Call { fun, .. }) =
                        (self.single_assign_at.take(), &e.unparen().kind)
                    {
                        let n = ts.len();
                        self.error(
                            at,
                            format!(
                                "assignment mismatch: 1 variable but {} returns {n} values",
                                expr_string(fun)
                            ),
                        );
                        return Operand::invalid(e);
                    }
                    let s = expr_string(e);
                    let ts = self.types.display(x.typ);
                    self.error(
                        e.span.lo,
                        format!("multiple-value {s} (value of type {ts}) in single-value context"),
                    );
                    return Operand::invalid(e);
                }
                x
            }
        }
    }

    /// Evaluates an expression that may also be a call with no value (expression statements).
    pub(super) fn expr_or_type(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        self.depth += 1;
        let x = if self.depth > 100 {
            self.error(
                e.span.lo,
                "not supported by Goroscope yet: expressions nested this deeply",
            );
            Operand::invalid(e)
        } else {
            self.expr_inner(e, hint)
        };
        self.depth -= 1;
        let value = x.value().cloned();
        self.record(e, x.typ, value, x.mode == Mode::TypeExpr);
        x
    }

    pub(super) fn expr_inner(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
        match &e.kind {
            ExprKind::Bad => Operand::invalid(e),
            ExprKind::Name(name) => self.ident(e, name),
            ExprKind::BasicLit { kind, raw } => self.basic_lit(e, *kind, raw),
            ExprKind::Paren(x) => {
                let mut o = self.expr_or_type(x, hint);
                if let Some(&r) = self.exact.get(&x.id) {
                    self.exact.insert(e.id, r);
                }
                o.expr = Some(e);
                o
            }
            ExprKind::FuncLit { typ, body } => {
                let sig = self.func_type(typ, None);
                let saved = self.cur_scope;
                self.open_scope(true);
                // A function literal's body costs more stack than a block: count it twice.
                self.stmt_depth += 1;
                self.func_lit_body(typ, sig, body);
                self.stmt_depth -= 1;
                self.cur_scope = saved;
                Operand {
                    mode: Mode::Value,
                    typ: sig,
                    expr: Some(e),
                }
            }
            ExprKind::CompositeLit { typ, elems, .. } => {
                self.composite_lit(e, typ.as_deref(), elems, hint)
            }
            ExprKind::Selector { x, sel } => self.selector(e, x, sel),
            ExprKind::Index { x, indices } => self.index_expr(e, x, indices),
            ExprKind::Slice {
                x,
                lo,
                hi,
                max,
                full,
            } => self.slice_expr(e, x, lo.as_deref(), hi.as_deref(), max.as_deref(), *full),
            ExprKind::TypeAssert { x, typ } => {
                let xo = self.expr(x, None);
                let Some(typ) = typ else {
                    self.error(
                        e.span.lo,
                        "invalid syntax tree: use of .(type) outside type switch",
                    );
                    return Operand::invalid(e);
                };
                let t = self.type_expr(typ);
                if xo.is_invalid() || t == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                if !self.types.is_interface(xo.typ) {
                    let s = self.operand_string(&xo);
                    self.error(
                        x.span.lo,
                        format!("invalid operation: {s} is not an interface"),
                    );
                    return Operand::invalid(e);
                }
                self.check_type_assertable(xo.typ, t, typ, &xo);
                Operand {
                    mode: Mode::CommaOk,
                    typ: t,
                    expr: Some(e),
                }
            }
            ExprKind::Call { .. } => self.call(e),
            ExprKind::Star(x) => {
                let xo = self.expr_or_type(x, None);
                match xo.mode {
                    Mode::Invalid => Operand::invalid(e),
                    Mode::TypeExpr => {
                        let t = self.types.pointer(xo.typ);
                        Operand {
                            mode: Mode::TypeExpr,
                            typ: t,
                            expr: Some(e),
                        }
                    }
                    Mode::Nil => {
                        self.error(e.span.lo, "invalid operation: cannot indirect nil");
                        Operand::invalid(e)
                    }
                    _ => {
                        let xo = self.expr(x, None);
                        let core = self.types.core(xo.typ).unwrap_or(TypeId::INVALID);
                        match self.types.get(core).clone() {
                            Type::Pointer(elem) => Operand {
                                mode: Mode::Variable,
                                typ: elem,
                                expr: Some(e),
                            },
                            _ => {
                                if xo.is_invalid() {
                                    return Operand::invalid(e);
                                }
                                let s = self.operand_string(&xo);
                                self.error(
                                    x.span.lo,
                                    format!("invalid operation: cannot indirect {s}"),
                                );
                                Operand::invalid(e)
                            }
                        }
                    }
                }
            }
            ExprKind::Unary { op, x } => self.unary(e, *op, x, hint),
            ExprKind::Binary { op, x, y, op_pos } => self.binary(e, *op, x, y, *op_pos, hint),
            ExprKind::Dots(_) => {
                self.error(e.span.lo, "invalid use of ...");
                Operand::invalid(e)
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_) => {
                let t = self.type_expr(e);
                Operand {
                    mode: if t == TypeId::INVALID {
                        Mode::Invalid
                    } else {
                        Mode::TypeExpr
                    },
                    typ: t,
                    expr: Some(e),
                }
            }
        }
    }

    pub(super) fn func_lit_body(
        &mut self,
        ft: &'a crate::ast::FuncType,
        sig: TypeId,
        body: &'a crate::ast::Block,
    ) {
        // A closure has its own labels and results but shares nothing else.
        self.func_body(None, ft, sig, body);
    }

    pub(super) fn ident(&mut self, e: &'a Expr, name: &str) -> Operand<'a> {
        if name == "_" {
            self.error(e.span.lo, "cannot use _ as value");
            return Operand::invalid(e);
        }
        let Some(o) = self.lookup(name) else {
            self.error(e.span.lo, format!("undefined: {name}"));
            return Operand::invalid(e);
        };
        self.info.uses.insert(e.id, o);
        if name == "iota" && !self.iota_active() && self.obj(o).pkg == 0 && self.obj(o).pos == 0 {
            self.error(e.span.lo, "cannot use iota outside constant declaration");
            return Operand::invalid(e);
        }
        self.obj_mut(o).used = true;
        self.obj_decl(o);
        let ob = self.obj(o).clone();
        match ob.kind {
            ObjKind::Var => Operand {
                mode: if ob.typ == TypeId::INVALID {
                    Mode::Invalid
                } else {
                    Mode::Variable
                },
                typ: ob.typ,
                expr: Some(e),
            },
            ObjKind::Const(v) => {
                if ob.typ == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                if let Some(&r) = self.exact_obj.get(&o) {
                    self.exact.insert(e.id, r);
                }
                Operand {
                    mode: Mode::Constant(v),
                    typ: ob.typ,
                    expr: Some(e),
                }
            }
            ObjKind::TypeName => {
                if ob.typ == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                Operand {
                    mode: Mode::TypeExpr,
                    typ: ob.typ,
                    expr: Some(e),
                }
            }
            ObjKind::Func => Operand {
                mode: if ob.typ == TypeId::INVALID {
                    Mode::Invalid
                } else {
                    Mode::Value
                },
                typ: ob.typ,
                expr: Some(e),
            },
            ObjKind::PkgName(_) => Operand {
                mode: Mode::PkgName,
                typ: TypeId::INVALID,
                expr: Some(e),
            },
            ObjKind::Builtin(b) => Operand {
                mode: Mode::Builtin(b),
                typ: TypeId::INVALID,
                expr: Some(e),
            },
            ObjKind::Nil => Operand {
                mode: Mode::Nil,
                typ: self.types.basic(Basic::UntypedNil),
                expr: Some(e),
            },
            ObjKind::Label => Operand::invalid(e),
        }
    }

    pub(super) fn basic_lit(&mut self, e: &'a Expr, kind: LitKind, raw: &str) -> Operand<'a> {
        let (b, v) = match kind {
            LitKind::Int => match parse_int_lit(raw) {
                Some(v) if v <= i128::MAX as u128 => {
                    (Basic::UntypedInt, ConstValue::Int(v as i128))
                }
                _ => {
                    self.unsupported(e.span.lo, "integer constants wider than 127 bits");
                    return Operand::invalid(e);
                }
            },
            LitKind::Float => {
                if let Some(r) = constant::rat_from_decimal(raw) {
                    self.exact.insert(e.id, r);
                }
                (Basic::UntypedFloat, ConstValue::Float(parse_float_lit(raw)))
            }
            LitKind::Imag => {
                self.unsupported(e.span.lo, "complex numbers");
                return Operand::invalid(e);
            }
            LitKind::Rune => (
                Basic::UntypedRune,
                ConstValue::Int(unquote_rune(raw) as i128),
            ),
            LitKind::String => {
                let bytes = unquote_string(raw);
                (
                    Basic::UntypedString,
                    ConstValue::String(bytes_to_string(bytes)),
                )
            }
        };
        Operand {
            mode: Mode::Constant(v),
            typ: self.types.basic(b),
            expr: Some(e),
        }
    }

    /// gc's operand description: `x (variable of type int)`, `5 (untyped int constant)`.
    pub(super) fn operand_string(&self, x: &Operand) -> String {
        if x.mode == Mode::Nil {
            return "nil".into();
        }
        let expr = x.expr.map(expr_string).unwrap_or_default();
        let mut s = String::new();
        if !expr.is_empty() {
            s.push_str(&expr);
            s.push_str(" (");
        }
        let mut has_type = false;
        match x.mode {
            Mode::Invalid | Mode::NoValue | Mode::Builtin(_) | Mode::TypeExpr | Mode::PkgName => {}
            _ => {
                if self.types.is_untyped(x.typ) {
                    s.push_str(self.types.display(x.typ).as_str());
                    s.push(' ');
                } else {
                    has_type = true;
                }
            }
        }
        s.push_str(match &x.mode {
            Mode::Invalid => "invalid operand",
            Mode::NoValue => "no value",
            Mode::Builtin(_) => "built-in",
            Mode::TypeExpr => "type",
            Mode::Constant(_) => "constant",
            Mode::Variable => "variable",
            Mode::MapIndex => "map index expression",
            Mode::Value => "value",
            Mode::Nil => "nil",
            Mode::CommaOk => "comma, ok expression",
            Mode::PkgName => "package",
        });
        if let Mode::Constant(v) = &x.mode {
            let vs = v.render();
            if vs != expr {
                s.push(' ');
                s.push_str(&vs);
            }
        }
        if has_type {
            if x.typ != TypeId::INVALID {
                s.push_str(" of type ");
                s.push_str(&self.types.display(x.typ));
                if let Some(tp) = self.types.tparam_of(x.typ) {
                    s.push_str(" constrained by ");
                    s.push_str(&self.types.display(tp.constraint));
                }
            } else {
                s.push_str(" with invalid type");
            }
        }
        if !expr.is_empty() {
            s.push(')');
        }
        s
    }

    /// The default type of an untyped kind (spec "Constants").
    pub(super) fn default_type(&self, t: TypeId) -> TypeId {
        match self.types.get(t) {
            Type::Basic(b) => self.types.basic(match b {
                Basic::UntypedBool => Basic::Bool,
                Basic::UntypedInt => Basic::Int,
                Basic::UntypedRune => Basic::Int32,
                Basic::UntypedFloat => Basic::Float64,
                Basic::UntypedString => Basic::String,
                other => *other,
            }),
            _ => t,
        }
    }

    /// Whether constant `v` is representable in basic type `b`; returns the rounded value.
    pub(super) fn representable(&self, v: &ConstValue, b: Basic) -> Result<ConstValue, bool> {
        // Err(true) = overflow, Err(false) = truncated/wrong kind
        use Basic::*;
        match b {
            Bool | UntypedBool => match v {
                ConstValue::Bool(_) => Ok(v.clone()),
                _ => Err(false),
            },
            String | UntypedString => match v {
                ConstValue::String(_) => Ok(v.clone()),
                _ => Err(false),
            },
            b if b.is_integer() => {
                let Some(i) = v.to_int() else {
                    return match v {
                        ConstValue::Float(_) => Err(false),
                        _ => Err(false),
                    };
                };
                let (lo, hi): (i128, i128) = match b {
                    Int8 => (i8::MIN as i128, i8::MAX as i128),
                    Int16 => (i16::MIN as i128, i16::MAX as i128),
                    Int32 => (i32::MIN as i128, i32::MAX as i128),
                    Int | Int64 => (i64::MIN as i128, i64::MAX as i128),
                    Uint8 => (0, u8::MAX as i128),
                    Uint16 => (0, u16::MAX as i128),
                    Uint32 => (0, u32::MAX as i128),
                    Uint | Uint64 | Uintptr => (0, u64::MAX as i128),
                    _ => (i128::MIN, i128::MAX),
                };
                if i < lo || i > hi {
                    return Err(true);
                }
                Ok(ConstValue::Int(i))
            }
            b if b.is_float() => match v.to_float() {
                Some(f) => {
                    let f = if b == Float32 { f as f32 as f64 } else { f };
                    if f.is_infinite() {
                        return Err(true);
                    }
                    Ok(ConstValue::Float(f))
                }
                None => Err(false),
            },
            b if b.is_complex() => match v.to_float() {
                Some(f) => Ok(ConstValue::Float(f)),
                None => Err(false),
            },
            _ => Err(false),
        }
    }

    /// Converts an untyped operand to `target` (types2 implicitTypeAndValue), reporting errors
    /// in `context` like gc. Returns false if an error was reported.
    pub(super) fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) -> bool {
        if x.is_invalid() || !self.types.is_untyped(x.typ) || target == TypeId::INVALID {
            return true;
        }
        if self.types.is_untyped(target) {
            // both untyped: result is the "larger" kind
            let (a, b) = (self.types.basic_of(x.typ), self.types.basic_of(target));
            if let (Some(a), Some(b)) = (a, b) {
                if a.is_numeric() && b.is_numeric() {
                    let rank = |k: Basic| match k {
                        Basic::UntypedInt => 0,
                        Basic::UntypedRune => 1,
                        _ => 2,
                    };
                    if rank(b) > rank(a) {
                        x.typ = target;
                    }
                }
            }
            return true;
        }
        let u = self.types.under(target);
        match self.types.get(u).clone() {
            Type::Basic(b) => {
                if x.mode == Mode::Nil {
                    if b == Basic::UnsafePointer {
                        x.typ = target;
                        return true;
                    }
                    return false;
                }
                if let Mode::Constant(v) = &x.mode {
                    match self.representable(v, b) {
                        Ok(nv) => {
                            x.mode = Mode::Constant(nv);
                            x.typ = target;
                            if let Some(e) = x.expr {
                                let val = x.value().cloned();
                                self.record(e, target, val, false);
                            }
                            return true;
                        }
                        Err(_) => return false,
                    }
                }
                let xb = self.types.basic_of(x.typ).unwrap_or(Basic::Invalid);
                let ok = match xb {
                    Basic::UntypedBool => b.is_boolean(),
                    Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat => b.is_numeric(),
                    Basic::UntypedString => b.is_string(),
                    _ => false,
                };
                if ok {
                    x.typ = target;
                    if let Some(e) = x.expr {
                        self.record(e, target, None, false);
                    }
                }
                ok
            }
            Type::Interface { methods, terms, .. } if !self.types.is_type_param(target) => {
                if x.mode == Mode::Nil {
                    x.typ = target;
                    return true;
                }
                if !methods.is_empty() || terms.is_some() {
                    // only the default type may implement it
                    let d = self.default_type(x.typ);
                    x.typ = d;
                    return true;
                }
                let d = self.default_type(x.typ);
                x.typ = d;
                if let Some(e) = x.expr {
                    let val = x.value().cloned();
                    self.record(e, d, val, false);
                }
                true
            }
            Type::Pointer(_)
            | Type::Func { .. }
            | Type::Slice(_)
            | Type::Map(..)
            | Type::Chan(..) => {
                if x.mode == Mode::Nil {
                    x.typ = target;
                    if let Some(e) = x.expr {
                        self.record(e, target, None, false);
                    }
                    return true;
                }
                false
            }
            Type::TypeParam(_) => {
                // must be representable in every type of the type set
                let Some(terms) = self.types.tparam_terms(target) else {
                    return false;
                };
                for t in terms {
                    let mut y = x.clone();
                    if !self.convert_untyped(&mut y, t.typ) {
                        return false;
                    }
                }
                x.typ = target;
                true
            }
            _ => false,
        }
    }

    /// Checks that `x` can be assigned to a variable of type `t` (spec "Assignability") and
    /// reports gc's "cannot use x (...) as T value in <context>" otherwise.
    pub(super) fn assignment(&mut self, x: &mut Operand<'a>, t: TypeId, context: &str) -> bool {
        if x.is_invalid() || t == TypeId::INVALID {
            return false;
        }
        if matches!(
            x.mode,
            Mode::TypeExpr | Mode::Builtin(_) | Mode::NoValue | Mode::PkgName
        ) {
            return false;
        }
        if self.types.is_untyped(x.typ) {
            let before = x.clone();
            if !self.convert_untyped(x, t) {
                let s = self.operand_string(&before);
                let ts = self.types.display(t);
                let overflow = match (&before.mode, self.types.basic_of(t)) {
                    (Mode::Constant(v), Some(b))
                        if self.representable(v, b) == Err(true)
                            && (b.is_numeric())
                            && matches!(v, ConstValue::Int(_) | ConstValue::Float(_)) =>
                    {
                        if b.is_integer() && matches!(v, ConstValue::Float(f) if f.fract() != 0.0) {
                            " (truncated)"
                        } else {
                            " (overflows)"
                        }
                    }
                    (Mode::Constant(ConstValue::Float(f)), Some(b))
                        if b.is_integer() && f.fract() != 0.0 =>
                    {
                        " (truncated)"
                    }
                    _ => "",
                };
                if before.mode == Mode::Nil {
                    self.error(
                        x.expr.map(|e| e.span.lo).unwrap_or(0),
                        format!("cannot use nil as {ts} value in {context}"),
                    );
                } else {
                    self.error(
                        x.expr.map(|e| e.span.lo).unwrap_or(0),
                        format!("cannot use {s} as {ts} value in {context}{overflow}"),
                    );
                }
                x.mode = Mode::Invalid;
                return false;
            }
            return true;
        }
        if self.has_invalid(x.typ) || self.has_invalid(t) {
            return false;
        }
        match self.assignable(x.typ, t) {
            Ok(()) => true,
            Err(reason) => {
                let s = self.operand_string(x);
                let ts = self.types.display(t);
                let at = x.expr.map(|e| e.span.lo).unwrap_or(0);
                if reason.is_empty() {
                    self.error(at, format!("cannot use {s} as {ts} value in {context}"));
                } else {
                    self.error(
                        at,
                        format!("cannot use {s} as {ts} value in {context}: {reason}"),
                    );
                }
                x.mode = Mode::Invalid;
                false
            }
        }
    }

    /// Assignability of a typed value of type `v` to `t`; `Err(reason)` (possibly empty).
    pub(super) fn assignable(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        if v == t || v == TypeId::INVALID || t == TypeId::INVALID {
            return Ok(());
        }
        let (vu, tu) = (self.types.under(v), self.types.under(t));
        let v_tp = self.types.is_type_param(v);
        let t_tp = self.types.is_type_param(t);
        if vu == tu && !v_tp && !t_tp && (!self.is_named_type(v) || !self.is_named_type(t)) {
            return Ok(());
        }
        if self.types.is_interface(t) && !t_tp {
            return self.implements(v, t);
        }
        // Type parameters: every type in the type set must be assignable (spec "Assignability").
        if v_tp && !self.is_named_type(t) {
            if let Some(terms) = self.types.tparam_terms(v) {
                if terms.iter().all(|x| self.assignable(x.typ, t).is_ok()) {
                    return Ok(());
                }
            }
        }
        if t_tp && !self.is_named_type(v) {
            if let Some(terms) = self.types.tparam_terms(t) {
                if terms.iter().all(|x| self.assignable(v, x.typ).is_ok()) {
                    return Ok(());
                }
            }
        }
        if self.types.is_interface(v) && !v_tp && !self.types.is_interface(t) {
            return Err("need type assertion".into());
        }
        if let (Type::Chan(crate::ast::ChanDir::Both, ve), Type::Chan(_, te)) =
            (self.types.get(vu).clone(), self.types.get(tu).clone())
        {
            if ve == te && (!self.is_named_type(v) || !self.is_named_type(t)) {
                return Ok(());
            }
        }
        Err(String::new())
    }

    /// Whether `t` mentions a type parameter (then some checks are deferred to instantiation).
    pub(super) fn mentions_type_param(&self, t: TypeId) -> bool {
        self.mentions_tp_depth(t, 0)
    }

    pub(super) fn mentions_tp_depth(&self, t: TypeId, d: u32) -> bool {
        if d > 10 {
            return false;
        }
        match self.types.get(t) {
            Type::TypeParam(_) => true,
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                self.mentions_tp_depth(*e, d + 1)
            }
            Type::Map(k, v) => {
                self.mentions_tp_depth(*k, d + 1) || self.mentions_tp_depth(*v, d + 1)
            }
            Type::Func {
                params, results, ..
            } => params
                .iter()
                .chain(results)
                .any(|x| self.mentions_tp_depth(*x, d + 1)),
            Type::Named(_) => self.types.named_of(t).is_some_and(|n| {
                !n.tparams.is_empty() && n.origin.is_none()
                    || n.origin
                        .as_ref()
                        .is_some_and(|(_, a)| a.iter().any(|x| self.mentions_tp_depth(*x, d + 1)))
            }),
            Type::Interface { methods, .. } => {
                methods.iter().any(|m| self.mentions_tp_depth(m.sig, d + 1))
            }
            _ => false,
        }
    }

    /// Whether `t` mentions an invalid type (errors about it were reported already).
    pub(super) fn has_invalid(&self, t: TypeId) -> bool {
        self.has_invalid_depth(t, 0)
    }

    pub(super) fn has_invalid_depth(&self, t: TypeId, d: u32) -> bool {
        if d > 10 {
            return false;
        }
        if t == TypeId::INVALID {
            return true;
        }
        match self.types.get(t) {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                self.has_invalid_depth(*e, d + 1)
            }
            Type::Map(k, v) => {
                self.has_invalid_depth(*k, d + 1) || self.has_invalid_depth(*v, d + 1)
            }
            Type::Func {
                params, results, ..
            } => params
                .iter()
                .chain(results)
                .any(|x| self.has_invalid_depth(*x, d + 1)),
            Type::Tuple(ts) => ts.iter().any(|x| self.has_invalid_depth(*x, d + 1)),
            _ => false,
        }
    }

    pub(super) fn is_named_type(&self, t: TypeId) -> bool {
        matches!(
            self.types.get(t),
            Type::Named(_) | Type::Basic(_) | Type::TypeParam(_)
        )
    }

    /// Gives an untyped operand its default type (for `x := 1`, interfaces, etc.).
    pub(super) fn default_operand(&mut self, x: &mut Operand<'a>) {
        if x.is_invalid() || !self.types.is_untyped(x.typ) {
            return;
        }
        if x.mode == Mode::Nil {
            return;
        }
        let d = self.default_type(x.typ);
        let _ = self.convert_untyped(x, d);
    }
}

/// Whether `e` contains, outside calls and indexing, a shift whose type may come from its
/// context (its left operand may be an untyped constant).
pub(super) fn has_untyped_shift(e: &Expr) -> bool {
    match &e.unparen().kind {
        ExprKind::Binary {
            op: Operator::Shl | Operator::Shr,
            ..
        } => true,
        ExprKind::Binary { op, x, y, .. }
            if !op.is_comparison() && *op != Operator::AndAnd && *op != Operator::OrOr =>
        {
            has_untyped_shift(x) || has_untyped_shift(y)
        }
        ExprKind::Unary {
            op: Operator::Add | Operator::Sub | Operator::Xor,
            x,
        } => has_untyped_shift(x),
        _ => false,
    }
}

/// Go strings are byte strings; constants keep valid UTF-8 as is and other bytes escaped
/// losslessly in the private-use mapping below (only used for display and length here).
pub(super) fn bytes_to_string(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}
