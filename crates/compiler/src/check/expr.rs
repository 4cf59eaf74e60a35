//! Expressions: operands, untyped constants, operators, composite literals, selectors,
//! indexing; models types2 expr.go, operand.go, assignments.go, index.go, literals.go.

use super::lookup::{is_exported, Found, Selection};
use super::{Checker, ObjKind};
use crate::ast::{ArrayLen, Expr, ExprKind};
use crate::constant::{self, ConstError, ConstValue};
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

    fn expr_inner(&mut self, e: &'a Expr, hint: Option<TypeId>) -> Operand<'a> {
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

    fn func_lit_body(
        &mut self,
        ft: &'a crate::ast::FuncType,
        sig: TypeId,
        body: &'a crate::ast::Block,
    ) {
        // A closure has its own labels and results but shares nothing else.
        self.func_body(None, ft, sig, body);
    }

    fn ident(&mut self, e: &'a Expr, name: &str) -> Operand<'a> {
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

    fn basic_lit(&mut self, e: &'a Expr, kind: LitKind, raw: &str) -> Operand<'a> {
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

    fn mentions_tp_depth(&self, t: TypeId, d: u32) -> bool {
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

    fn has_invalid_depth(&self, t: TypeId, d: u32) -> bool {
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

    fn is_named_type(&self, t: TypeId) -> bool {
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

    fn unary(
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

    fn binary(
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
    fn implicit_conversion_error(
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
    fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) -> bool {
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

    fn num_rank(&self, b: Basic) -> u8 {
        match b {
            Basic::UntypedInt => 0,
            Basic::UntypedRune => 1,
            _ => 2,
        }
    }

    fn comparison(
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
    fn incomparable_cause(&self, t: TypeId) -> String {
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

    fn describe_kind(&self, t: TypeId) -> String {
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

    fn shift(
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

    fn check_type_assertable(&mut self, iface: TypeId, t: TypeId, te: &'a Expr, x: &Operand<'a>) {
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

    fn selector(&mut self, e: &'a Expr, xe: &'a Expr, sel: &'a crate::ast::Ident) -> Operand<'a> {
        // qualified identifier?
        if let ExprKind::Name(pkg_name) = &xe.kind {
            if let Some(o) = self.lookup(pkg_name) {
                if let ObjKind::PkgName(p) = self.obj(o).kind {
                    self.obj_mut(o).used = true;
                    if p == u32::MAX {
                        return Operand::invalid(e);
                    }
                    self.info.uses.insert(xe.id, o);
                    let scope = self.info.packages[p as usize].scope;
                    let pkg_path = self.info.packages[p as usize].name.clone();
                    let Some(&m) = self.scopes[scope.0 as usize]
                        .names
                        .get(&sel.name)
                        .filter(|_| is_exported(&sel.name))
                    else {
                        if !is_exported(&sel.name)
                            && self.scopes[scope.0 as usize].names.contains_key(&sel.name)
                        {
                            self.error(
                                sel.span.lo,
                                format!("name {} not exported by package {pkg_path}", sel.name),
                            );
                        } else {
                            let path = &self.info.packages[p as usize].path;
                            if crate::prelude::is_std_name(path, &sel.name) {
                                self.unsupported(e.span.lo, &format!("{}.{}", pkg_name, sel.name));
                            } else {
                                self.error(
                                    sel.span.lo,
                                    format!("undefined: {}.{}", pkg_name, sel.name),
                                );
                            }
                        }
                        return Operand::invalid(e);
                    };
                    self.info.uses.insert(sel.id, m);
                    self.info.selections.insert(e.id, Selection::Qualified(m));
                    self.obj_decl(m);
                    let mut x = self.ident_obj(e, m);
                    x.expr = Some(e);
                    return x;
                }
            }
        }
        let x = self.expr_or_type(xe, None);
        match x.mode {
            Mode::Invalid => return Operand::invalid(e),
            Mode::TypeExpr => {
                // method expression T.M / (*T).M
                let t = x.typ;
                match self.lookup_field_or_method(t, &sel.name) {
                    Found::Method {
                        func,
                        sig,
                        pointer_recv,
                        indirect,
                        ..
                    } => {
                        let is_ptr = matches!(self.types.get(t), Type::Pointer(_));
                        if pointer_recv && !is_ptr && !indirect {
                            let ts = self.types.display(t);
                            self.error(e.span.lo, format!("invalid method expression {}.{} (needs pointer receiver (*{ts}).{})", expr_string(xe), sel.name, sel.name));
                            return Operand::invalid(e);
                        }
                        let Type::Func {
                            params,
                            results,
                            variadic,
                        } = self.types.get(sig).clone()
                        else {
                            return Operand::invalid(e);
                        };
                        let mut ps = vec![t];
                        ps.extend(params);
                        let ft = self.types.func(ps, results, variadic);
                        self.info
                            .selections
                            .insert(e.id, Selection::MethodExpr { func, recv_type: t });
                        return Operand {
                            mode: Mode::Value,
                            typ: ft,
                            expr: Some(e),
                        };
                    }
                    Found::IfaceMethod { sig, name, .. } => {
                        let Type::Func {
                            params,
                            results,
                            variadic,
                        } = self.types.get(sig).clone()
                        else {
                            return Operand::invalid(e);
                        };
                        let mut ps = vec![t];
                        ps.extend(params);
                        let ft = self.types.func(ps, results, variadic);
                        let _ = name;
                        self.unsupported(e.span.lo, "interface method expressions");
                        return Operand {
                            mode: Mode::Value,
                            typ: ft,
                            expr: Some(e),
                        };
                    }
                    _ => {
                        let ts = self.types.display(t);
                        self.error(
                            sel.span.lo,
                            format!(
                                "{}.{} undefined (type {ts} has no method {})",
                                expr_string(xe),
                                sel.name,
                                sel.name
                            ),
                        );
                        return Operand::invalid(e);
                    }
                }
            }
            Mode::PkgName => return Operand::invalid(e),
            _ => {}
        }
        let x = if matches!(x.mode, Mode::Builtin(_) | Mode::NoValue) {
            self.expr(xe, None)
        } else {
            x
        };
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        if x.mode == Mode::Nil {
            self.error(
                e.span.lo,
                format!(
                    "{}.{} undefined (type untyped nil has no field or method {})",
                    expr_string(xe),
                    sel.name,
                    sel.name
                ),
            );
            return Operand::invalid(e);
        }
        let t = x.typ;
        if self.has_invalid(t) {
            return Operand::invalid(e);
        }
        // Type parameters: fields/methods via core type or constraint methods.
        let lookup_t = if let Some(tp) = self.types.tparam_of(t) {
            let c = tp.constraint;
            match self.types.get(self.types.under(c)).clone() {
                Type::Interface { methods, .. } if methods.iter().any(|m| m.name == sel.name) => {
                    let m = methods.iter().find(|m| m.name == sel.name).cloned();
                    if let Some(m) = m {
                        self.info.selections.insert(
                            e.id,
                            Selection::InterfaceMethod {
                                name: m.name.clone(),
                                path: vec![],
                                sig: m.sig,
                            },
                        );
                        return Operand {
                            mode: Mode::Value,
                            typ: m.sig,
                            expr: Some(e),
                        };
                    }
                    t
                }
                _ => self.types.core(t).unwrap_or(t),
            }
        } else {
            t
        };
        match self.lookup_field_or_method(lookup_t, &sel.name) {
            Found::Field {
                path,
                index,
                typ,
                indirect,
            } => {
                self.info.selections.insert(
                    e.id,
                    Selection::Field {
                        path,
                        index,
                        typ,
                        indirect,
                    },
                );
                let mode = if x.mode == Mode::Variable
                    || indirect
                    || matches!(self.types.get(lookup_t), Type::Pointer(_))
                {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                Operand {
                    mode,
                    typ,
                    expr: Some(e),
                }
            }
            Found::Method {
                func,
                path,
                recv_type,
                pointer_recv,
                indirect,
                sig,
            } => {
                let is_ptr = matches!(self.types.get(lookup_t), Type::Pointer(_));
                if pointer_recv && !is_ptr && !indirect && x.mode != Mode::Variable {
                    let s = self.operand_string(&x);
                    let _ = s;
                    self.error(
                        sel.span.lo,
                        format!(
                            "cannot call pointer method {} on {}",
                            sel.name,
                            self.types.display(t)
                        ),
                    );
                    return Operand::invalid(e);
                }
                self.info.selections.insert(
                    e.id,
                    Selection::Method {
                        func,
                        path,
                        recv_type,
                        pointer_recv,
                        indirect,
                    },
                );
                self.info.uses.insert(sel.id, func);
                Operand {
                    mode: Mode::Value,
                    typ: sig,
                    expr: Some(e),
                }
            }
            Found::IfaceMethod { name, path, sig } => {
                self.info
                    .selections
                    .insert(e.id, Selection::InterfaceMethod { name, path, sig });
                Operand {
                    mode: Mode::Value,
                    typ: sig,
                    expr: Some(e),
                }
            }
            Found::Ambiguous => {
                self.error(
                    sel.span.lo,
                    format!("ambiguous selector {}", expr_string(e)),
                );
                Operand::invalid(e)
            }
            Found::Unexported(field) => {
                let what = if field { "field" } else { "method" };
                self.error(
                    sel.span.lo,
                    format!(
                        "{}.{} undefined (cannot refer to unexported {what} {})",
                        expr_string(xe),
                        sel.name,
                        sel.name
                    ),
                );
                Operand::invalid(e)
            }
            Found::Missing => {
                let ts = self.types.display(t);
                let mut what = "field or method";
                if self.types.is_interface(t) && !self.types.is_type_param(t) {
                    what = "field or method";
                }
                // pointer to interface
                if let Type::Pointer(inner) = self.types.get(t).clone() {
                    if self.types.is_interface(inner) {
                        let is = self.types.display(inner);
                        self.error(sel.span.lo, format!("{}.{} undefined (type {ts} is pointer to interface, not interface)", expr_string(xe), sel.name));
                        let _ = is;
                        return Operand::invalid(e);
                    }
                }
                // different capitalization hint
                let alt = self.capitalization_hint(lookup_t, &sel.name);
                let hint = match alt {
                    Some(a) => format!(
                        ", but does have {} {a}",
                        self.field_or_method_word(lookup_t, &a)
                    ),
                    None => String::new(),
                };
                self.error(
                    sel.span.lo,
                    format!(
                        "{}.{} undefined (type {ts} has no {what} {}{hint})",
                        expr_string(xe),
                        sel.name,
                        sel.name
                    ),
                );
                Operand::invalid(e)
            }
        }
    }

    fn field_or_method_word(&mut self, t: TypeId, name: &str) -> &'static str {
        match self.lookup_field_or_method(t, name) {
            Found::Field { .. } => "field",
            _ => "method",
        }
    }

    fn capitalization_hint(&mut self, t: TypeId, name: &str) -> Option<String> {
        let mut c = name.chars();
        let first = c.next()?;
        let alt: String = if first.is_uppercase() {
            first.to_lowercase().chain(c).collect()
        } else {
            first.to_uppercase().chain(c).collect()
        };
        match self.lookup_field_or_method(t, &alt) {
            Found::Field { .. } | Found::Method { .. } | Found::IfaceMethod { .. } => Some(alt),
            _ => None,
        }
    }

    /// An operand for a resolved object (used for qualified identifiers).
    fn ident_obj(&mut self, e: &'a Expr, o: super::ObjId) -> Operand<'a> {
        let ob = self.obj(o).clone();
        match ob.kind {
            ObjKind::Var => Operand {
                mode: Mode::Variable,
                typ: ob.typ,
                expr: Some(e),
            },
            ObjKind::Const(v) => Operand {
                mode: Mode::Constant(v),
                typ: ob.typ,
                expr: Some(e),
            },
            ObjKind::TypeName => Operand {
                mode: Mode::TypeExpr,
                typ: ob.typ,
                expr: Some(e),
            },
            ObjKind::Func => Operand {
                mode: Mode::Value,
                typ: ob.typ,
                expr: Some(e),
            },
            _ => Operand::invalid(e),
        }
    }

    fn index_expr(&mut self, e: &'a Expr, xe: &'a Expr, indices: &'a [Expr]) -> Operand<'a> {
        let x = self.expr_or_type(xe, None);
        if x.is_invalid() {
            for i in indices {
                let _ = self.expr_or_type(i, None);
            }
            return Operand::invalid(e);
        }
        // generic type or function instantiation
        if x.mode == Mode::TypeExpr {
            let is_generic = self
                .types
                .named_of(x.typ)
                .is_some_and(|n| !n.tparams.is_empty() && n.origin.is_none());
            if !is_generic {
                let ts = self.types.display(x.typ);
                self.error(xe.span.lo, format!("{ts} is not a generic type"));
                return Operand::invalid(e);
            }
            let args: Vec<TypeId> = indices.iter().map(|i| self.type_expr(i)).collect();
            if args.contains(&TypeId::INVALID) {
                return Operand::invalid(e);
            }
            let tps = self
                .types
                .named_of(x.typ)
                .map(|n| n.tparams.clone())
                .unwrap_or_default();
            if args.len() != tps.len() {
                let ts = self.types.display(x.typ);
                let msg = if args.len() < tps.len() {
                    "not enough"
                } else {
                    "too many"
                };
                self.error(
                    e.span.lo,
                    format!(
                        "{msg} type arguments for type {ts}: have {}, want {}",
                        args.len(),
                        tps.len()
                    ),
                );
                return Operand::invalid(e);
            }
            self.check_constraints(&tps, &args, indices, e.span.lo);
            let inst = self.instantiate_named(x.typ, args.clone());
            self.info.instances.insert(xe.id, args);
            return Operand {
                mode: Mode::TypeExpr,
                typ: inst,
                expr: Some(e),
            };
        }
        if x.mode == Mode::Value {
            if let Some(o) = self.func_obj_of(xe) {
                if !self.obj(o).tparams.is_empty() {
                    return self.instantiate_func_expr(e, xe, o, indices);
                }
            }
        }
        let x = self.expr(xe, None);
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        if indices.len() != 1 {
            self.error(
                indices.get(1).map(|i| i.span.lo).unwrap_or(e.span.lo),
                "invalid operation: more than one index",
            );
            return Operand::invalid(e);
        }
        let ie = &indices[0];
        let core = self.types.core(x.typ).unwrap_or(TypeId::INVALID);
        match self.types.get(core).clone() {
            Type::Map(k, v) => {
                let mut i = self.expr(ie, Some(k));
                self.assignment(&mut i, k, "map index");
                Operand {
                    mode: Mode::MapIndex,
                    typ: v,
                    expr: Some(e),
                }
            }
            Type::Basic(b) if b.is_string() => {
                self.index_value(
                    ie,
                    x.value().and_then(|v| {
                        if let ConstValue::String(s) = v {
                            Some(s.len() as i128)
                        } else {
                            None
                        }
                    }),
                );
                Operand {
                    mode: Mode::Value,
                    typ: self.types.basic(Basic::Uint8),
                    expr: Some(e),
                }
            }
            Type::Slice(el) => {
                self.index_value(ie, None);
                Operand {
                    mode: Mode::Variable,
                    typ: el,
                    expr: Some(e),
                }
            }
            Type::Array(n, el) => {
                self.index_value(ie, Some(n as i128));
                let mode = if x.mode == Mode::Variable {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                Operand {
                    mode,
                    typ: el,
                    expr: Some(e),
                }
            }
            Type::Pointer(p) => match self.types.get(self.types.under(p)).clone() {
                Type::Array(n, el) => {
                    self.index_value(ie, Some(n as i128));
                    Operand {
                        mode: Mode::Variable,
                        typ: el,
                        expr: Some(e),
                    }
                }
                _ => {
                    let s = self.operand_string(&x);
                    self.error(xe.span.lo, format!("invalid operation: cannot index {s}"));
                    Operand::invalid(e)
                }
            },
            _ => {
                let s = self.operand_string(&x);
                self.error(xe.span.lo, format!("invalid operation: cannot index {s}"));
                Operand::invalid(e)
            }
        }
    }

    /// Checks an index operand; `len` bounds constant indices.
    fn index_value(&mut self, ie: &'a Expr, len: Option<i128>) {
        let mut i = self.expr(ie, None);
        if i.is_invalid() {
            return;
        }
        if let Mode::Constant(v) = &i.mode {
            let Some(n) = v.to_int() else {
                let s = self.operand_string(&i);
                self.error(
                    ie.span.lo,
                    format!("invalid argument: index {s} must be integer"),
                );
                return;
            };
            if n < 0 {
                let s = self.operand_string(&i);
                self.error(
                    ie.span.lo,
                    format!("invalid argument: index {s} must not be negative"),
                );
                return;
            }
            if let Some(l) = len {
                if n >= l {
                    self.error(
                        ie.span.lo,
                        format!(
                            "invalid argument: index {} out of bounds [0:{l}]",
                            expr_string(ie)
                        ),
                    );
                    return;
                }
            }
            if self.types.is_untyped(i.typ) {
                let int = self.types.basic(Basic::Int);
                let _ = self.convert_untyped(&mut i, int);
            }
            return;
        }
        if !self.op_basic(i.typ).is_some_and(|b| b.is_integer()) {
            let s = self.operand_string(&i);
            self.error(
                ie.span.lo,
                format!("invalid argument: index {s} must be integer"),
            );
        }
    }

    fn slice_expr(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        lo: Option<&'a Expr>,
        hi: Option<&'a Expr>,
        max: Option<&'a Expr>,
        full: bool,
    ) -> Operand<'a> {
        let x = self.expr(xe, None);
        let mut consts: Vec<(i128, &'a Expr)> = Vec::new();
        for i in [lo, hi, max].into_iter().flatten() {
            self.index_value(i, None);
            if let Some(v) = self
                .info
                .types
                .get(&i.id)
                .and_then(|t| t.value.as_ref())
                .and_then(|v| v.to_int())
            {
                consts.push((v, i));
            }
        }
        // Constant indices must be ordered (types2: "invalid slice indices: 1 < 2").
        for w in consts.windows(2) {
            if w[1].0 < w[0].0 {
                self.error(
                    w[1].1.span.lo,
                    format!("invalid slice indices: {} < {}", w[1].0, w[0].0),
                );
                return Operand::invalid(e);
            }
        }
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        let core = self.types.core(x.typ).unwrap_or(TypeId::INVALID);
        match self.types.get(core).clone() {
            Type::Basic(b) if b.is_string() => {
                if full {
                    self.error(xe.span.lo, "invalid operation: 3-index slice of string");
                    return Operand::invalid(e);
                }
                let t = if self.types.is_untyped(x.typ) {
                    self.types.basic(Basic::String)
                } else {
                    x.typ
                };
                Operand {
                    mode: Mode::Value,
                    typ: t,
                    expr: Some(e),
                }
            }
            Type::Slice(_) => Operand {
                mode: Mode::Value,
                typ: x.typ,
                expr: Some(e),
            },
            Type::Array(_, el) => {
                if x.mode != Mode::Variable {
                    let s = self.operand_string(&x);
                    self.error(
                        xe.span.lo,
                        format!("invalid operation: {s} (slice of unaddressable value)"),
                    );
                    return Operand::invalid(e);
                }
                let t = self.types.slice(el);
                Operand {
                    mode: Mode::Value,
                    typ: t,
                    expr: Some(e),
                }
            }
            Type::Pointer(p) => match self.types.get(self.types.under(p)).clone() {
                Type::Array(_, el) => {
                    let t = self.types.slice(el);
                    Operand {
                        mode: Mode::Value,
                        typ: t,
                        expr: Some(e),
                    }
                }
                _ => {
                    let s = self.operand_string(&x);
                    self.error(xe.span.lo, format!("cannot slice {s}"));
                    Operand::invalid(e)
                }
            },
            _ => {
                let s = self.operand_string(&x);
                self.error(xe.span.lo, format!("cannot slice {s}"));
                Operand::invalid(e)
            }
        }
    }

    fn composite_lit(
        &mut self,
        e: &'a Expr,
        typ: Option<&'a Expr>,
        elems: &'a [crate::ast::Element],
        hint: Option<TypeId>,
    ) -> Operand<'a> {
        let t = match typ {
            Some(te) => {
                if let ExprKind::ArrayType {
                    len: ArrayLen::Ellipsis,
                    elem,
                } = &te.kind
                {
                    let et = self.type_expr(elem);
                    // length from the elements
                    let n = self.array_lit_len(elems);
                    let t = self.types.intern(Type::Array(n, et));
                    self.record(te, t, None, true);
                    t
                } else {
                    self.type_expr(te)
                }
            }
            None => match hint {
                Some(h) => {
                    // elided type; `{...}` for a `*T` element means `&T{...}`
                    match self.types.get(self.types.under(h)).clone() {
                        Type::Pointer(inner) => {
                            let x = self.composite_lit(e, None, elems, Some(inner));
                            if x.is_invalid() {
                                return x;
                            }
                            return Operand {
                                mode: Mode::Value,
                                typ: h,
                                expr: Some(e),
                            };
                        }
                        _ => h,
                    }
                }
                None => {
                    self.error(e.span.lo, "invalid composite literal type: missing type");
                    return Operand::invalid(e);
                }
            },
        };
        if t == TypeId::INVALID {
            for el in elems {
                let _ = self.expr(&el.value, None);
            }
            return Operand::invalid(e);
        }
        let core = self.types.core(t).unwrap_or(TypeId::INVALID);
        match self.types.get(core).clone() {
            Type::Struct(fields) => {
                if elems.is_empty() {
                } else if elems[0].key.is_some() {
                    let mut seen: Vec<String> = Vec::new();
                    for el in elems {
                        let Some(k) = &el.key else {
                            self.error(
                                el.value.span.lo,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        };
                        let ExprKind::Name(kn) = &k.kind else {
                            let s = expr_string(k);
                            self.error(
                                k.span.lo,
                                format!("invalid field name {s} in struct literal"),
                            );
                            continue;
                        };
                        let cur_pkg = self.file_pkg[self.cur_file as usize];
                        let Some((fi, f)) = fields.iter().enumerate().find(|(_, f)| &f.name == kn)
                        else {
                            let ts = self.types.display(t);
                            self.error(
                                k.span.lo,
                                format!("unknown field {kn} in struct literal of type {ts}"),
                            );
                            let _ = self.expr(&el.value, None);
                            continue;
                        };
                        if f.pkg != cur_pkg && !is_exported(kn) {
                            let ts = self.types.display(t);
                            self.error(k.span.lo, format!("cannot refer to unexported field {kn} in struct literal of type {ts}"));
                            continue;
                        }
                        let _ = fi;
                        if seen.contains(kn) {
                            self.error(
                                k.span.lo,
                                format!("duplicate field name {kn} in struct literal"),
                            );
                            continue;
                        }
                        seen.push(kn.clone());
                        let mut v = self.expr(&el.value, Some(f.typ));
                        self.assignment(&mut v, f.typ, "struct literal");
                    }
                } else {
                    for (i, el) in elems.iter().enumerate() {
                        if el.key.is_some() {
                            self.error(
                                el.span.lo,
                                "mixture of field:value and value elements in struct literal",
                            );
                            continue;
                        }
                        let Some(f) = fields.get(i) else {
                            let ts = self.types.display(t);
                            self.error(
                                el.value.span.lo,
                                format!("too many values in struct literal of type {ts}"),
                            );
                            break;
                        };
                        let mut v = self.expr(&el.value, Some(f.typ));
                        self.assignment(&mut v, f.typ, "struct literal");
                    }
                    if elems.len() < fields.len() && !elems.is_empty() {
                        let ts = self.types.display(t);
                        self.error(
                            e.span.hi.saturating_sub(1),
                            format!("too few values in struct literal of type {ts}"),
                        );
                    }
                }
            }
            Type::Array(n, el) => {
                self.indexed_elems(elems, el, Some(n as i128), "array or slice literal");
            }
            Type::Slice(el) => {
                self.indexed_elems(elems, el, None, "slice literal");
            }
            Type::Map(k, v) => {
                let mut seen_keys: Vec<(ConstValue, TypeId)> = Vec::new();
                for el in elems {
                    match &el.key {
                        Some(ke) => {
                            let mut kx = self.expr(ke, Some(k));
                            if self.assignment(&mut kx, k, "map literal")
                                && !self.types.is_interface(k)
                            {
                                if let Some(v) = kx.value().cloned() {
                                    if seen_keys.iter().any(|(pv, pt)| *pv == v && *pt == kx.typ) {
                                        self.error(
                                            ke.span.lo,
                                            format!("duplicate key {} in map literal", v.render()),
                                        );
                                    } else {
                                        seen_keys.push((v, kx.typ));
                                    }
                                }
                            }
                        }
                        None => {
                            self.error(el.value.span.lo, "missing key in map literal");
                        }
                    }
                    let mut vx = self.expr(&el.value, Some(v));
                    self.assignment(&mut vx, v, "map literal");
                }
            }
            _ => {
                let ts = self.types.display(t);
                self.error(
                    typ.map(|x| x.span.lo).unwrap_or(e.span.lo),
                    format!("invalid composite literal type {ts}"),
                );
                return Operand::invalid(e);
            }
        }
        Operand {
            mode: Mode::Value,
            typ: t,
            expr: Some(e),
        }
    }

    fn array_lit_len(&mut self, elems: &'a [crate::ast::Element]) -> u64 {
        let mut max = 0i128;
        let mut idx = 0i128;
        for el in elems {
            if let Some(k) = &el.key {
                let kx = self.expr(k, None);
                if let Some(v) = kx.value().and_then(|v| v.to_int()) {
                    idx = v;
                }
            }
            idx += 1;
            max = max.max(idx);
        }
        max.max(0) as u64
    }

    fn indexed_elems(
        &mut self,
        elems: &'a [crate::ast::Element],
        el: TypeId,
        len: Option<i128>,
        ctx: &str,
    ) {
        let mut idx: i128 = 0;
        for elm in elems {
            if let Some(k) = &elm.key {
                let kx = self.expr(k, None);
                match kx.value().and_then(|v| v.to_int()) {
                    Some(v) if v >= 0 => idx = v,
                    _ => {
                        if !kx.is_invalid() {
                            let s = self.operand_string(&kx);
                            self.error(k.span.lo, format!("index {s} must be integer constant"));
                        }
                    }
                }
            }
            if let Some(l) = len {
                if idx >= l {
                    self.error(
                        elm.value.span.lo,
                        format!("index {idx} is out of bounds (>= {l})")
                            .replace("index", "array index"),
                    );
                }
            }
            let mut v = self.expr(&elm.value, Some(el));
            self.assignment(&mut v, el, ctx);
            idx += 1;
        }
    }
}

/// Whether `e` contains, outside calls and indexing, a shift whose type may come from its
/// context (its left operand may be an untyped constant).
fn has_untyped_shift(e: &Expr) -> bool {
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
fn bytes_to_string(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}
