//! Type expressions, methods, field and method lookup, interface satisfaction, substitution and
//! instantiation; models types2 typexpr.go, lookup.go, instantiate.go, subst.go.

use super::{Checker, ObjId, ObjKind};
use crate::ast::{self, ArrayLen, Decl, Expr, ExprKind, InterfaceElem};
use crate::types::{Basic, IfaceMethod, StructField, Term, Type, TypeId};

/// What a selector expression `x.f` denotes.
#[derive(Clone, Debug, PartialEq)]
pub enum Selection {
    /// A struct field, reached through the embedded-field indices `path` then `index`.
    Field {
        path: Vec<usize>,
        index: usize,
        typ: TypeId,
        indirect: bool,
    },
    /// A concrete method value or call; `path` leads through embedded fields to the receiver.
    Method {
        func: ObjId,
        path: Vec<usize>,
        recv_type: TypeId,
        pointer_recv: bool,
        indirect: bool,
    },
    /// An interface method.
    InterfaceMethod {
        name: String,
        path: Vec<usize>,
        sig: TypeId,
    },
    /// A method expression `T.M` (first argument is the receiver).
    MethodExpr { func: ObjId, recv_type: TypeId },
    /// A qualified identifier `pkg.Name`.
    Qualified(ObjId),
}

/// Result of a field or method lookup.
pub(super) enum Found {
    Field {
        path: Vec<usize>,
        index: usize,
        typ: TypeId,
        indirect: bool,
    },
    Method {
        func: ObjId,
        path: Vec<usize>,
        recv_type: TypeId,
        pointer_recv: bool,
        indirect: bool,
        sig: TypeId,
    },
    IfaceMethod {
        name: String,
        path: Vec<usize>,
        sig: TypeId,
    },
    Ambiguous,
    /// Only an unexported field (`true`) or method (`false`) of another package has the name.
    Unexported(bool),
    Missing,
}

impl<'a> Checker<'a> {
    /// Resolves a type expression; reports "x is not a type" and similar.
    pub(super) fn type_expr(&mut self, e: &'a Expr) -> TypeId {
        self.depth += 1;
        let t = if self.depth > 100 {
            TypeId::INVALID
        } else {
            self.type_expr_inner(e)
        };
        self.depth -= 1;
        self.record(e, t, None, true);
        t
    }

    fn type_expr_inner(&mut self, e: &'a Expr) -> TypeId {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Selector { .. } | ExprKind::Index { .. } => {
                let x = self.expr_or_type(e, None);
                match x.mode {
                    super::expr::Mode::TypeExpr => {
                        if let Some(n) = self.types.named_of(x.typ) {
                            if !n.tparams.is_empty()
                                && n.origin.is_none()
                                && !matches!(e.kind, ExprKind::Index { .. })
                            {
                                let s = crate::printer::expr_string(e);
                                self.error(
                                    e.span.lo,
                                    format!("cannot use generic type {s} without instantiation"),
                                );
                                return TypeId::INVALID;
                            }
                        }
                        x.typ
                    }
                    super::expr::Mode::Invalid => TypeId::INVALID,
                    _ => {
                        let s = crate::printer::expr_string(e);
                        self.error(e.span.lo, format!("{s} is not a type"));
                        TypeId::INVALID
                    }
                }
            }
            ExprKind::Paren(x) => self.type_expr(x),
            ExprKind::Star(x) => {
                let t = self.type_expr(x);
                self.types.pointer(t)
            }
            ExprKind::ArrayType { len, elem } => {
                let et = self.type_expr(elem);
                match len {
                    ArrayLen::Slice => self.types.slice(et),
                    ArrayLen::Ellipsis => {
                        self.error(
                            e.span.lo,
                            "invalid use of [...] array (outside a composite literal)",
                        );
                        TypeId::INVALID
                    }
                    ArrayLen::Expr(l) => {
                        let n = self.array_len(l);
                        self.types.intern(Type::Array(n, et))
                    }
                }
            }
            ExprKind::MapType { key, value } => {
                let k = self.type_expr(key);
                let v = self.type_expr(value);
                if k != TypeId::INVALID
                    && !self.types.is_type_param(k)
                    && !self.types.comparable(k)
                    && self.types.under(k) != TypeId::INVALID
                {
                    let s = self.types.display(k);
                    self.error(key.span.lo, format!("invalid map key type {s}"));
                }
                self.types.intern(Type::Map(k, v))
            }
            ExprKind::ChanType { dir, elem } => {
                let t = self.type_expr(elem);
                self.types.intern(Type::Chan(*dir, t))
            }
            ExprKind::FuncType(ft) => self.func_type(ft, None),
            ExprKind::StructType(fields) => self.struct_type(fields),
            ExprKind::InterfaceType(elems) => self.interface_type(elems),
            ExprKind::Bad => TypeId::INVALID,
            _ => {
                let s = crate::printer::expr_string(e);
                let x = self.expr(e, None);
                if !matches!(x.mode, super::expr::Mode::Invalid) {
                    self.error(e.span.lo, format!("{s} is not a type"));
                }
                TypeId::INVALID
            }
        }
    }

    fn array_len(&mut self, l: &'a Expr) -> u64 {
        let x = self.expr(l, None);
        match &x.mode {
            super::expr::Mode::Constant(v) => match v.to_int() {
                Some(n)
                    if n >= 0
                        && self
                            .types
                            .basic_of(x.typ)
                            .is_some_and(|b| b.is_integer() || b == Basic::UntypedFloat) =>
                {
                    n as u64
                }
                Some(n) if n < 0 => {
                    let s = crate::printer::expr_string(l);
                    self.error(
                        l.span.lo,
                        format!("invalid array length {s} (untyped int constant {n})"),
                    );
                    0
                }
                _ => {
                    let s = self.operand_string(&x);
                    self.error(l.span.lo, format!("array length {s} must be integer"));
                    0
                }
            },
            super::expr::Mode::Invalid => 0,
            _ => {
                let s = self.operand_string(&x);
                self.error(l.span.lo, format!("array length {s} must be constant"));
                0
            }
        }
    }

    /// A signature; `recv` is prepended to the parameters for methods.
    pub(super) fn func_type(&mut self, ft: &'a ast::FuncType, recv: Option<TypeId>) -> TypeId {
        let mut params = Vec::new();
        if let Some(r) = recv {
            params.push(r);
        }
        let n = ft.params.len();
        for (k, f) in ft.params.iter().enumerate() {
            let mut t = self.type_expr(&f.typ);
            if ft.variadic && k + 1 == n {
                t = self.types.slice(t);
            }
            for _ in 0..f.names.len().max(1) {
                params.push(t);
            }
        }
        let mut results = Vec::new();
        for f in &ft.results {
            if let ExprKind::Dots(_) = f.typ.kind {
                self.error(f.typ.span.lo, "invalid use of ...");
            }
            let t = self.type_expr(&f.typ);
            for _ in 0..f.names.len().max(1) {
                results.push(t);
            }
        }
        self.types.func(params, results, ft.variadic)
    }

    fn struct_type(&mut self, fields: &'a [ast::Field]) -> TypeId {
        let pkg = self.file_pkg[self.cur_file as usize];
        let mut out: Vec<StructField> = Vec::new();
        let mut seen: std::collections::HashMap<String, u32> = Default::default();
        for f in fields {
            let t = self.type_expr(&f.typ);
            let tag = f.tag.as_ref().map(|raw| {
                String::from_utf8_lossy(&crate::lexer::unquote_string(raw)).into_owned()
            });
            if f.embedded {
                let name = embedded_name(&f.typ);
                if let Some(&prev) = seen.get(&name) {
                    self.error_note(
                        f.typ.span.lo,
                        format!("{name} redeclared"),
                        prev,
                        format!("other declaration of {name}"),
                    );
                }
                seen.insert(name.clone(), f.typ.span.lo);
                let u = self.types.under(t);
                if matches!(self.types.get(u), Type::Pointer(_))
                    && matches!(self.types.get(t), Type::Pointer(_))
                {
                    if let Type::Pointer(inner) = self.types.get(t).clone() {
                        if self.types.is_interface(inner) {
                            self.error(
                                f.typ.span.lo,
                                "embedded field type cannot be a pointer to an interface",
                            );
                        }
                    }
                }
                out.push(StructField {
                    name,
                    typ: t,
                    embedded: true,
                    pkg,
                    tag,
                });
            } else {
                for n in &f.names {
                    if n.name != "_" {
                        if let Some(&prev) = seen.get(&n.name) {
                            self.error_note(
                                n.span.lo,
                                format!("{} redeclared", n.name),
                                prev,
                                format!("other declaration of {}", n.name),
                            );
                        }
                        seen.insert(n.name.clone(), n.span.lo);
                    }
                    let o = self.new_obj(&n.name, ObjKind::Var, t, n.span.lo);
                    self.info.defs.insert(n.id, o);
                    out.push(StructField {
                        name: n.name.clone(),
                        typ: t,
                        embedded: false,
                        pkg,
                        tag: tag.clone(),
                    });
                }
            }
        }
        self.types.intern(Type::Struct(out))
    }

    fn interface_type(&mut self, elems: &'a [InterfaceElem]) -> TypeId {
        let pkg = self.file_pkg[self.cur_file as usize];
        let mut methods: Vec<IfaceMethod> = Vec::new();
        let mut terms: Option<Vec<Term>> = None;
        let mut comparable = false;
        for el in elems {
            match el {
                InterfaceElem::Method { name, typ } => {
                    let sig = self.func_type(typ, None);
                    if methods.iter().any(|m| m.name == name.name) {
                        self.error(name.span.lo, format!("duplicate method {}", name.name));
                        continue;
                    }
                    methods.push(IfaceMethod {
                        name: name.name.clone(),
                        sig,
                        pkg,
                    });
                }
                InterfaceElem::Union { terms: ts, .. } => {
                    if ts.len() == 1 && !ts[0].tilde {
                        let t = self.type_expr(&ts[0].typ);
                        if self.types.is_interface(t) || t == self.comparable_type {
                            // embedded interface
                            self.complete_named(t);
                            if let Type::Interface {
                                methods: ms,
                                terms: tt,
                                comparable: c,
                            } = self.types.get(self.types.under(t)).clone()
                            {
                                for m in ms {
                                    if let Some(existing) =
                                        methods.iter().find(|x| x.name == m.name)
                                    {
                                        if existing.sig != m.sig {
                                            self.error(
                                                ts[0].typ.span.lo,
                                                format!("duplicate method {}", m.name),
                                            );
                                        }
                                        continue;
                                    }
                                    methods.push(m);
                                }
                                comparable |= c;
                                if let Some(tt) = tt {
                                    terms = Some(intersect_terms(terms, tt));
                                }
                            }
                            continue;
                        }
                        terms = Some(intersect_terms(
                            terms,
                            vec![Term {
                                tilde: false,
                                typ: t,
                            }],
                        ));
                        continue;
                    }
                    let mut list = Vec::new();
                    for term in ts {
                        let t = self.type_expr(&term.typ);
                        if term.tilde && t != TypeId::INVALID && self.types.under(t) != t {
                            let s = self.types.display(t);
                            self.error(
                                term.typ.span.lo,
                                format!("invalid use of ~ ({s} is not the underlying type of {s})"),
                            );
                        }
                        if self.types.is_interface(t) && !ts.is_empty() {
                            if let Type::Interface {
                                terms: Some(tt), ..
                            } = self.types.get(self.types.under(t)).clone()
                            {
                                list.extend(tt);
                                continue;
                            }
                        }
                        list.push(Term {
                            tilde: term.tilde,
                            typ: t,
                        });
                    }
                    terms = Some(intersect_terms(terms, list));
                }
            }
        }
        runtime::util::sort_by(&mut methods, |a, b| a.name.cmp(&b.name));
        self.types.intern(Type::Interface {
            methods,
            terms,
            comparable,
        })
    }

    /// Makes sure a named type's declaration ran (its underlying type is known).
    pub(super) fn complete_named(&mut self, t: TypeId) {
        if self
            .types
            .named_of(t)
            .is_some_and(|n| n.underlying == TypeId::INVALID)
        {
            if let Some(o) = self.type_obj(t) {
                self.obj_decl(o);
            }
            self.complete_instances();
        }
    }

    /// The type-name object declaring named type `t`, if it is package-level.
    pub(super) fn type_obj_pub(&self, t: TypeId) -> Option<ObjId> {
        self.type_obj(t)
    }

    fn type_obj(&self, t: TypeId) -> Option<ObjId> {
        let n = self.types.named_of(t)?;
        let pkg = self.info.packages.get(n.pkg as usize)?;
        let o = *self.scopes[pkg.scope.0 as usize].names.get(&n.name)?;
        (self.obj(o).typ == t).then_some(o)
    }

    /// Creates the method objects of a declared named type (once).
    pub(super) fn collect_methods(&mut self, t: TypeId) {
        if !self.methods_collected.insert(t) {
            return;
        }
        let Some(n) = self.types.named_of(t) else {
            return;
        };
        if n.origin.is_some() {
            return;
        }
        let key = (n.pkg, n.name.clone());
        let Some(decls) = self.method_decls.get(&key).cloned() else {
            return;
        };
        let saved = (self.cur_file, self.cur_scope);
        let files = self.files;
        for (file, di) in decls {
            let Decl::Func(fd) = &files[file as usize].decls[di as usize] else {
                continue;
            };
            let Some(recv) = &fd.recv else { continue };
            self.cur_file = file;
            self.cur_scope = self.file_scopes[file as usize];
            self.open_scope(true);
            self.declare_recv_tparams(recv, ObjId(0));
            // The receiver's type is the declared type itself (a generic type stands for all its
            // instances; its own type parameters are substituted per instance).
            let is_ptr_recv = matches!(recv.typ.unparen().kind, ExprKind::Star(_));
            let rt = if is_ptr_recv {
                self.types.pointer(t)
            } else {
                t
            };
            self.record(&recv.typ, rt, None, true);
            let pointer_recv = matches!(recv.typ.unparen().kind, ExprKind::Star(_));
            let base_ok = self.types.named_of(t).is_some_and(|n| n.tparams.is_empty())
                || matches!(recv.typ.unparen().kind, ExprKind::Index { .. })
                || matches!(&recv.typ.unparen().kind, ExprKind::Star(x) if matches!(x.kind, ExprKind::Index{..}));
            if !base_ok {
                let name = self.types.display(t);
                self.error(
                    recv.typ.span.lo,
                    format!("cannot use generic type {name} without instantiation"),
                );
            }
            if matches!(
                self.types.get(self.types.under(t)),
                Type::Pointer(_) | Type::Interface { .. }
            ) {
                let name = self.types.display(t);
                let what = if self.types.is_interface(t) {
                    "interface"
                } else {
                    "pointer"
                };
                self.error(
                    recv.typ.span.lo,
                    format!("invalid receiver type {name} (pointer or interface type)"),
                );
                let _ = what;
            }
            if !fd.tparams.is_empty() {
                self.error(
                    fd.name.span.lo,
                    "syntax error: method must have no type parameters",
                );
            }
            let sig = self.func_type(&fd.typ, Some(rt));
            self.close_scope();
            let o = self.new_obj(&fd.name.name, ObjKind::Func, sig, fd.name.span.lo);
            self.obj_mut(o).recv_base = Some(t);
            self.info.defs.insert(fd.name.id, o);
            let _ = pointer_recv;
            // duplicate method or field name
            let dup = self.types.named_of(t).and_then(|n| {
                n.methods
                    .iter()
                    .find(|(m, _)| *m == fd.name.name)
                    .map(|(_, id)| *id)
            });
            if let Some(prev) = dup {
                let prev_pos = self.obj(ObjId(prev)).pos;
                let tn = self.types.display(t);
                self.error_note(
                    fd.name.span.lo,
                    format!(
                        "method {tn}.{} already declared at {}",
                        fd.name.name,
                        self.pos_string(prev_pos)
                    ),
                    prev_pos,
                    format!("other declaration of {}", fd.name.name),
                );
                continue;
            }
            if let Type::Struct(fields) = self.types.get(self.types.under(t)).clone() {
                if fd.name.name != "_" && fields.iter().any(|f| f.name == fd.name.name) {
                    let tn = self.types.display(t);
                    self.error(
                        fd.name.span.lo,
                        format!("field and method with the same name {}", fd.name.name),
                    );
                    let _ = tn;
                    continue;
                }
            }
            if fd.name.name != "_" {
                if let Some(n) = self.types.named_mut(t) {
                    n.methods.push((fd.name.name.clone(), o.0));
                }
            }
            if fd.body.is_some() {
                self.bodies.push((file, di));
            }
        }
        self.cur_file = saved.0;
        self.cur_scope = saved.1;
    }

    pub(super) fn pos_string(&self, offset: u32) -> String {
        let _ = offset;
        String::from("prog.go")
    }

    /// Instantiates generic named type `generic` with `args`.
    pub(super) fn instantiate_named(&mut self, generic: TypeId, args: Vec<TypeId>) -> TypeId {
        let Some(n) = self.types.named_of(generic) else {
            return TypeId::INVALID;
        };
        let Type::Named(gidx) = *self.types.get(generic) else {
            return TypeId::INVALID;
        };
        if let Some(&t) = self.types.instances.get(&(gidx, args.clone())) {
            return t;
        }
        if n.tparams == args {
            // The generic type instantiated with its own parameters (inside its methods).
            return generic;
        }
        let (name, pkg) = (n.name.clone(), n.pkg);
        let inst = self.types.new_named(&name, pkg);
        if let Some(m) = self.types.named_mut(inst) {
            m.origin = Some((gidx, args.clone()));
        }
        self.types.instances.insert((gidx, args), inst);
        self.pending_instances.push(inst);
        self.complete_instances();
        inst
    }

    /// Replaces type parameters per `map` throughout `t`.
    pub(super) fn subst(&mut self, t: TypeId, map: &[(TypeId, TypeId)]) -> TypeId {
        if map.is_empty() {
            return t;
        }
        self.subst_depth(t, map, 0)
    }

    fn subst_depth(&mut self, t: TypeId, map: &[(TypeId, TypeId)], depth: u32) -> TypeId {
        if depth > 40 {
            return t;
        }
        let d = depth + 1;
        let ty = self.types.get(t).clone();
        match ty {
            Type::TypeParam(_) => map
                .iter()
                .find(|(p, _)| *p == t)
                .map(|(_, a)| *a)
                .unwrap_or(t),
            Type::Basic(_) => t,
            Type::Named(_) => {
                let Some(n) = self.types.named_of(t) else {
                    return t;
                };
                match n.origin.clone() {
                    Some((gidx, args)) => {
                        let new_args: Vec<TypeId> =
                            args.iter().map(|a| self.subst_depth(*a, map, d)).collect();
                        if new_args == args {
                            return t;
                        }
                        let generic = self.generic_by_index(gidx);
                        match generic {
                            Some(g) => self.instantiate_named(g, new_args),
                            None => t,
                        }
                    }
                    None => {
                        // Inside its own declaration a generic type stands for itself
                        // instantiated with its own parameters.
                        let tps = n.tparams.clone();
                        if tps.is_empty() {
                            return t;
                        }
                        let args: Vec<TypeId> =
                            tps.iter().map(|a| self.subst_depth(*a, map, d)).collect();
                        if args == tps {
                            return t;
                        }
                        self.instantiate_named(t, args)
                    }
                }
            }
            Type::Pointer(e) => {
                let e = self.subst_depth(e, map, d);
                self.types.pointer(e)
            }
            Type::Slice(e) => {
                let e = self.subst_depth(e, map, d);
                self.types.slice(e)
            }
            Type::Array(n, e) => {
                let e = self.subst_depth(e, map, d);
                self.types.intern(Type::Array(n, e))
            }
            Type::Map(k, v) => {
                let k = self.subst_depth(k, map, d);
                let v = self.subst_depth(v, map, d);
                self.types.intern(Type::Map(k, v))
            }
            Type::Chan(dir, e) => {
                let e = self.subst_depth(e, map, d);
                self.types.intern(Type::Chan(dir, e))
            }
            Type::Func {
                params,
                results,
                variadic,
            } => {
                let params = params
                    .iter()
                    .map(|p| self.subst_depth(*p, map, d))
                    .collect();
                let results = results
                    .iter()
                    .map(|p| self.subst_depth(*p, map, d))
                    .collect();
                self.types.func(params, results, variadic)
            }
            Type::Struct(fields) => {
                let fields = fields.into_iter().map(|mut f| {
                    f.typ = self.subst_depth(f.typ, map, d);
                    f
                });
                let fields: Vec<StructField> = fields.collect();
                self.types.intern(Type::Struct(fields))
            }
            Type::Interface {
                methods,
                terms,
                comparable,
            } => {
                let methods = methods
                    .into_iter()
                    .map(|mut m| {
                        m.sig = self.subst_depth(m.sig, map, d);
                        m
                    })
                    .collect();
                let terms = terms.map(|ts| {
                    ts.into_iter()
                        .map(|mut x| {
                            x.typ = self.subst_depth(x.typ, map, d);
                            x
                        })
                        .collect()
                });
                self.types.intern(Type::Interface {
                    methods,
                    terms,
                    comparable,
                })
            }
            Type::Tuple(elems) => {
                let elems = elems.iter().map(|e| self.subst_depth(*e, map, d)).collect();
                self.types.tuple(elems)
            }
        }
    }

    fn generic_by_index(&self, gidx: u32) -> Option<TypeId> {
        // The generic named type's TypeId: search (rare path; instances are few).
        (0..self.types.len() as u32)
            .map(TypeId)
            .find(|t| matches!(self.types.get(*t), Type::Named(i) if *i == gidx))
    }

    /// The method set lookup for `x.name` on type `t` (spec "Selectors").
    pub(super) fn lookup_field_or_method(&mut self, t: TypeId, name: &str) -> Found {
        let cur_pkg = self.file_pkg[self.cur_file as usize];
        let (mut t, mut indirect) = (t, false);
        if let Type::Pointer(e) = self.types.get(t).clone() {
            if self.types.is_interface(e) {
                // A pointer to an interface has no methods (and no fields).
                return Found::Missing;
            }
            if self.types.named_of(e).is_some()
                || matches!(self.types.get(self.types.under(e)), Type::Struct(_))
            {
                t = e;
                indirect = true;
            }
        } else if self.types.named_of(t).is_some() {
            // A named pointer type (`type P *S`) has no methods, but `p.f` selects S's fields.
            self.complete_named(t);
            if let Type::Pointer(e) = self.types.get(self.types.under(t)).clone() {
                if matches!(self.types.get(self.types.under(e)), Type::Struct(_)) {
                    return match self.lookup_field_or_method(e, name) {
                        Found::Field {
                            path, index, typ, ..
                        } => Found::Field {
                            path,
                            index,
                            typ,
                            indirect: true,
                        },
                        _ => Found::Missing,
                    };
                }
            }
        }
        // Breadth-first over embedded fields.
        let mut level: Vec<(TypeId, Vec<usize>, bool)> = vec![(t, vec![], indirect)];
        let mut seen: Vec<TypeId> = Vec::new();
        let mut unexported: Option<bool> = None;
        for _depth in 0..64 {
            let mut found: Vec<Found> = Vec::new();
            let mut next: Vec<(TypeId, Vec<usize>, bool)> = Vec::new();
            for (typ, path, ind) in level {
                if seen.contains(&typ) {
                    continue;
                }
                seen.push(typ);
                self.complete_named(typ);
                // methods of a named type
                if self.types.named_of(typ).is_some() {
                    self.collect_methods_of(typ);
                    if let Some((func, sig)) = self.method_of(typ, name) {
                        let recv_ptr = self.method_has_ptr_recv(func);
                        if self.obj(func).pkg != cur_pkg && !is_exported(name) {
                            unexported = Some(false);
                        } else {
                            found.push(Found::Method {
                                func,
                                path: path.clone(),
                                recv_type: typ,
                                pointer_recv: recv_ptr,
                                indirect: ind,
                                sig,
                            });
                            continue;
                        }
                    }
                }
                let u = self.types.under(typ);
                match self.types.get(u).clone() {
                    Type::Struct(fields) => {
                        for (i, f) in fields.iter().enumerate() {
                            if f.name == name {
                                if f.pkg != cur_pkg && !is_exported(name) {
                                    unexported = Some(true);
                                    continue;
                                }
                                found.push(Found::Field {
                                    path: path.clone(),
                                    index: i,
                                    typ: f.typ,
                                    indirect: ind,
                                });
                            }
                            if f.embedded {
                                let mut p = path.clone();
                                p.push(i);
                                let (ft, fi) = match self.types.get(f.typ).clone() {
                                    Type::Pointer(e) => (e, true),
                                    _ => (f.typ, ind),
                                };
                                next.push((ft, p, fi));
                            }
                        }
                    }
                    Type::Interface { methods, .. } => {
                        if let Some(m) = methods.iter().find(|m| m.name == name) {
                            if m.pkg != cur_pkg && !is_exported(name) && m.pkg != u32::MAX {
                                unexported = Some(false);
                            } else {
                                found.push(Found::IfaceMethod {
                                    name: name.to_string(),
                                    path: path.clone(),
                                    sig: m.sig,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            match found.len() {
                0 => {}
                1 => return found.pop().unwrap_or(Found::Missing),
                _ => return Found::Ambiguous,
            }
            if next.is_empty() {
                break;
            }
            level = next;
        }
        match unexported {
            Some(field) => Found::Unexported(field),
            None => Found::Missing,
        }
    }

    fn collect_methods_of(&mut self, t: TypeId) {
        let origin = self.types.named_of(t).and_then(|n| n.origin.clone());
        match origin {
            Some((gidx, _)) => {
                if let Some(g) = self.generic_by_index(gidx) {
                    self.collect_methods(g);
                }
            }
            None => self.collect_methods(t),
        }
    }

    /// The method `name` declared on named type `t` (instantiated if `t` is an instance), with
    /// its signature without the receiver.
    pub(super) fn method_of(&mut self, t: TypeId, name: &str) -> Option<(ObjId, TypeId)> {
        let n = self.types.named_of(t)?.clone();
        let (decl_t, map) = match &n.origin {
            Some((gidx, args)) => {
                let g = self.generic_by_index(*gidx)?;
                let tps = self.types.named_of(g)?.tparams.clone();
                (
                    g,
                    tps.into_iter()
                        .zip(args.iter().copied())
                        .collect::<Vec<_>>(),
                )
            }
            None => (t, vec![]),
        };
        let m = self
            .types
            .named_of(decl_t)?
            .methods
            .iter()
            .find(|(m, _)| m == name)?
            .1;
        let func = ObjId(m);
        let sig = self.obj(func).typ;
        let Type::Func {
            params,
            results,
            variadic,
        } = self.types.get(sig).clone()
        else {
            return None;
        };
        let plain = self
            .types
            .func(params.get(1..).unwrap_or(&[]).to_vec(), results, variadic);
        let plain = self.subst(plain, &map);
        Some((func, plain))
    }

    pub(super) fn method_has_ptr_recv(&self, func: ObjId) -> bool {
        let sig = self.obj(func).typ;
        match self.types.get(sig) {
            Type::Func { params, .. } => params
                .first()
                .is_some_and(|r| matches!(self.types.get(*r), Type::Pointer(_))),
            _ => false,
        }
    }

    /// Checks that `t` implements interface `iface`; on failure returns gc's reason, e.g.
    /// "T does not implement I (missing method N)".
    pub(super) fn implements(&mut self, t: TypeId, iface: TypeId) -> Result<(), String> {
        self.complete_named(iface);
        let Type::Interface {
            methods,
            terms,
            comparable,
        } = self.types.get(self.types.under(iface)).clone()
        else {
            return Ok(());
        };
        let ts = self.types.display(t);
        let is = self.types.display(iface);
        if self.types.is_type_param(t) {
            // A type parameter implements an interface through its constraint.
            let c = self
                .types
                .tparam_of(t)
                .map(|p| p.constraint)
                .unwrap_or(TypeId::INVALID);
            if c == iface {
                return Ok(());
            }
            if let Type::Interface { methods: cm, .. } = self.types.get(self.types.under(c)).clone()
            {
                for m in &methods {
                    if !cm.iter().any(|x| x.name == m.name) {
                        return Err(format!(
                            "{ts} does not implement {is} (missing method {})",
                            m.name
                        ));
                    }
                }
            }
            if comparable && !self.types.comparable(t) {
                return Err(format!("{ts} does not satisfy comparable"));
            }
            if let Some(terms) = &terms {
                // every type in t's type set must be in iface's
                let tt = self.types.tparam_terms(t);
                match tt {
                    Some(tt)
                        if tt
                            .iter()
                            .all(|x| terms.iter().any(|y| self.term_includes(y, x.typ))) => {}
                    _ => return Err(format!("{ts} does not satisfy {is}")),
                }
            }
            return Ok(());
        }
        for m in &methods {
            if self.types.is_interface(t) {
                let Type::Interface { methods: tm, .. } =
                    self.types.get(self.types.under(t)).clone()
                else {
                    continue;
                };
                match tm.iter().find(|x| x.name == m.name) {
                    Some(x) if x.sig == m.sig => {}
                    Some(_) => {
                        return Err(format!(
                            "{ts} does not implement {is} (wrong type for method {})",
                            m.name
                        ))
                    }
                    None => {
                        return Err(format!(
                            "{ts} does not implement {is} (missing method {})",
                            m.name
                        ))
                    }
                }
                continue;
            }
            match self.lookup_field_or_method(t, &m.name) {
                Found::Method {
                    pointer_recv,
                    indirect,
                    sig,
                    path,
                    ..
                } => {
                    if sig != m.sig {
                        let mut have = String::new();
                        self.types.write_sig(&mut have, sig, 0);
                        let mut want = String::new();
                        self.types.write_sig(&mut want, m.sig, 0);
                        return Err(format!("{ts} does not implement {is} (wrong type for method {})\n\t\thave {}{have}\n\t\twant {}{want}", m.name, m.name, m.name));
                    }
                    let is_ptr = matches!(self.types.get(t), Type::Pointer(_));
                    if pointer_recv && !is_ptr && !indirect && path.is_empty() {
                        return Err(format!(
                            "{ts} does not implement {is} (method {} has pointer receiver)",
                            m.name
                        ));
                    }
                    if pointer_recv && !is_ptr && !indirect {
                        return Err(format!(
                            "{ts} does not implement {is} (method {} has pointer receiver)",
                            m.name
                        ));
                    }
                }
                Found::IfaceMethod { sig, .. } => {
                    if sig != m.sig {
                        return Err(format!(
                            "{ts} does not implement {is} (wrong type for method {})",
                            m.name
                        ));
                    }
                }
                Found::Field { .. } => {
                    return Err(format!(
                        "{ts} does not implement {is} (missing method {})",
                        m.name
                    ))
                }
                _ => {
                    return Err(format!(
                        "{ts} does not implement {is} (missing method {})",
                        m.name
                    ))
                }
            }
        }
        if let Some(terms) = &terms {
            if !terms.iter().any(|x| self.term_includes(x, t)) {
                let list = self.types.terms_string(terms);
                if terms.len() == 1 && !terms[0].tilde {
                    return Err(format!("{ts} does not satisfy {is}"));
                }
                return Err(format!(
                    "{ts} does not satisfy {is} ({ts} missing in {list})"
                ));
            }
        }
        if comparable && !self.types.comparable(t) {
            return Err(format!("{ts} does not satisfy comparable"));
        }
        Ok(())
    }

    fn term_includes(&self, term: &Term, t: TypeId) -> bool {
        if term.tilde {
            self.types.under(term.typ) == self.types.under(t)
        } else {
            term.typ == t
        }
    }
}

fn intersect_terms(prev: Option<Vec<Term>>, new: Vec<Term>) -> Vec<Term> {
    match prev {
        None => new,
        Some(p) => {
            let both: Vec<Term> = new
                .iter()
                .copied()
                .filter(|t| p.iter().any(|x| x.typ == t.typ))
                .collect();
            both
        }
    }
}

fn embedded_name(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Selector { sel, .. } => sel.name.clone(),
        ExprKind::Star(x) | ExprKind::Paren(x) => embedded_name(x),
        ExprKind::Index { x, .. } => embedded_name(x),
        _ => "_".into(),
    }
}

/// Whether a name is exported (starts with an upper-case letter).
pub(super) fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}
