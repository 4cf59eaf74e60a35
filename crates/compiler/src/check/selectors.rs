//! Selectors, indexing, slicing, type assertions and composite literals; models types2 selection in
//! call.go/lookup.go, index.go and literals.go.

use super::expr::*;
use super::lookup::{is_exported, Found, Selection};
use super::{Checker, ObjKind};
use crate::ast::{ArrayLen, Expr, ExprKind};
use crate::constant::ConstValue;
use crate::printer::expr_string;
use crate::types::{Basic, Type, TypeId};

impl<'a> Checker<'a> {
    pub(super) fn selector(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        sel: &'a crate::ast::Ident,
    ) -> Operand<'a> {
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

    pub(super) fn field_or_method_word(&mut self, t: TypeId, name: &str) -> &'static str {
        match self.lookup_field_or_method(t, name) {
            Found::Field { .. } => "field",
            _ => "method",
        }
    }

    pub(super) fn capitalization_hint(&mut self, t: TypeId, name: &str) -> Option<String> {
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
    pub(super) fn ident_obj(&mut self, e: &'a Expr, o: super::ObjId) -> Operand<'a> {
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

    pub(super) fn index_expr(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        indices: &'a [Expr],
    ) -> Operand<'a> {
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

    /// Checks an index operand (types2 `index`/`isValidIndex`): an untyped constant is given type int
    /// first, then a constant must be non-negative and below `len` when that is known. Returns the
    /// constant's value when it is valid.
    pub(super) fn index_value(&mut self, ie: &'a Expr, len: Option<i128>) -> Option<i128> {
        let mut i = self.expr(ie, None);
        if i.is_invalid() {
            return None;
        }
        if let Mode::Constant(v) = &i.mode {
            if v.to_int().is_none() && !self.types.is_untyped(i.typ) {
                let s = self.operand_string(&i);
                self.error(
                    ie.span.lo,
                    format!("invalid argument: index {s} must be integer"),
                );
                return None;
            }
            if self.types.is_untyped(i.typ) {
                // types2 convertUntyped(x, Typ[Int]) and its invalidConversion messages.
                let v = v.clone();
                let us = self.operand_string(&i);
                let int = self.types.basic(Basic::Int);
                if !self.convert_untyped(&mut i, int) {
                    let msg = match v {
                        ConstValue::Float(f) if f.fract() != 0.0 => {
                            format!("{us} truncated to int")
                        }
                        ConstValue::Int(_) | ConstValue::Float(_) => format!("{us} overflows int"),
                        _ => format!("cannot convert {us} to type int"),
                    };
                    self.error(ie.span.lo, msg);
                    return None;
                }
            }
            let n = match &i.mode {
                Mode::Constant(v) => v.to_int(),
                _ => None,
            }?;
            if n < 0 {
                let s = self.operand_string(&i);
                self.error(
                    ie.span.lo,
                    format!("invalid argument: index {s} must not be negative"),
                );
                return None;
            }
            if let Some(l) = len {
                if n >= l {
                    self.error(
                        ie.span.lo,
                        format!("invalid argument: index {n} out of bounds [0:{l}]"),
                    );
                    return None;
                }
            }
            return Some(n);
        }
        if !self.op_basic(i.typ).is_some_and(|b| b.is_integer()) {
            let s = self.operand_string(&i);
            self.error(
                ie.span.lo,
                format!("invalid argument: index {s} must be integer"),
            );
        }
        None
    }

    pub(super) fn slice_expr(
        &mut self,
        e: &'a Expr,
        xe: &'a Expr,
        lo: Option<&'a Expr>,
        hi: Option<&'a Expr>,
        max: Option<&'a Expr>,
        full: bool,
    ) -> Operand<'a> {
        let x = self.expr(xe, None);
        // types2 sliceExpr: constant indices are bounded by the length of arrays, pointers to
        // arrays and constant strings (plus one: a slice may end at the length), omitted ones
        // default to 0 and the length, and must be ordered (one error, the operand stays valid).
        let length: Option<i128> = if x.is_invalid() {
            None
        } else {
            let core = self.types.core(x.typ).unwrap_or(TypeId::INVALID);
            match self.types.get(core).clone() {
                Type::Array(n, _) => Some(n as i128),
                Type::Pointer(p) => match self.types.get(self.types.under(p)) {
                    Type::Array(n, _) => Some(*n as i128),
                    _ => None,
                },
                Type::Basic(b) if b.is_string() => match &x.mode {
                    Mode::Constant(ConstValue::String(v)) => Some(v.len() as i128),
                    _ => None,
                },
                _ => None,
            }
        };
        let mut ind: Vec<(i128, Option<&'a Expr>)> = Vec::new();
        for (k, i) in [lo, hi, max].into_iter().enumerate() {
            let v = match i {
                Some(i) => self.index_value(i, length.map(|l| l + 1)).unwrap_or(-1),
                None if k == 0 => 0,
                None => length.unwrap_or(-1),
            };
            ind.push((v, i));
        }
        'order: for (k, &(a, _)) in ind[..2].iter().enumerate() {
            if a > 0 {
                for &(b, be) in &ind[k + 1..] {
                    if b >= 0 && b < a {
                        if let Some(be) = be {
                            self.error(be.span.lo, format!("invalid slice indices: {b} < {a}"));
                        }
                        break 'order;
                    }
                }
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

    pub(super) fn composite_lit(
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

    pub(super) fn array_lit_len(&mut self, elems: &'a [crate::ast::Element]) -> u64 {
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

    pub(super) fn indexed_elems(
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
