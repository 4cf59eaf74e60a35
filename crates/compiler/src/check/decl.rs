//! Declarations: package-level objects checked lazily in dependency order (constants with iota, variables,
//! types with their underlying types and generic instances, functions and method receivers) and function
//! bodies; models types2 decl.go and signature.go.

use super::*;

impl<'a> Checker<'a> {
    /// Declares a package-level object (lazily, once).
    pub(super) fn obj_decl(&mut self, o: ObjId) {
        match self.obj(o).state {
            DeclState::Done => return,
            DeclState::InProgress => {
                if self.obj(o).kind != ObjKind::TypeName && self.obj(o).kind != ObjKind::Func {
                    let (at, name) = (self.obj(o).pos, self.obj(o).name.clone());
                    let file = self.obj(o).file;
                    let saved = self.cur_file;
                    self.cur_file = file;
                    self.error(
                        at,
                        format!("initialization cycle or invalid recursive reference to {name}"),
                    );
                    self.cur_file = saved;
                    self.obj_mut(o).typ = self.types.basic(Basic::Invalid);
                }
                return;
            }
            DeclState::Unchecked => {}
        }
        let Some(decl) = self.obj(o).decl else { return };
        self.obj_mut(o).state = DeclState::InProgress;
        let saved = (
            self.cur_file,
            self.cur_scope,
            std::mem::take(&mut self.fctx),
            std::mem::take(&mut self.func_vars),
        );
        let file = match decl {
            DeclRef::Const(f, ..)
            | DeclRef::Var(f, ..)
            | DeclRef::Type(f, ..)
            | DeclRef::Func(f, ..) => f,
        };
        self.cur_file = file;
        self.cur_scope = self.file_scopes[file as usize];
        let files = self.files;
        match decl {
            DeclRef::Const(f, di, si, ni) => {
                if let Decl::Const(specs) = &files[f as usize].decls[di as usize] {
                    self.const_spec(o, specs, si as usize, ni as usize);
                }
            }
            DeclRef::Var(f, di, si, _) => {
                if let Decl::Var(specs) = &files[f as usize].decls[di as usize] {
                    let spec = &specs[si as usize];
                    let objs: Vec<ObjId> = spec
                        .names
                        .iter()
                        .map(|n| self.info.defs.get(&n.id).copied().unwrap_or(o))
                        .collect();
                    for &x in &objs {
                        self.obj_mut(x).state = DeclState::InProgress;
                    }
                    self.var_spec(&objs, spec);
                    for &x in &objs {
                        self.obj_mut(x).state = DeclState::Done;
                    }
                }
            }
            DeclRef::Type(f, di, si) => {
                if let Decl::Type(specs) = &files[f as usize].decls[di as usize] {
                    self.type_decl(o, &specs[si as usize]);
                }
            }
            DeclRef::Func(f, di) => {
                if let Decl::Func(fd) = &files[f as usize].decls[di as usize] {
                    self.func_decl(o, fd, f, di);
                }
            }
        }
        self.obj_mut(o).state = DeclState::Done;
        self.cur_file = saved.0;
        self.cur_scope = saved.1;
        self.fctx = saved.2;
        self.func_vars = saved.3;
    }

    pub(super) fn func_decl(&mut self, o: ObjId, fd: &'a ast::FuncDecl, file: u32, di: u32) {
        self.open_scope(true);
        let tparams = self.declare_tparams(&fd.tparams);
        let sig = self.func_type(&fd.typ, None);
        self.close_scope();
        let ob = self.obj_mut(o);
        ob.typ = sig;
        ob.tparams = tparams;
        if fd.body.is_some() {
            self.bodies.push((file, di));
        }
    }

    /// Declares type parameters in the current scope and resolves their constraints.
    pub(super) fn declare_tparams(&mut self, fields: &'a [ast::Field]) -> Vec<TypeId> {
        let mut tps = Vec::new();
        let mut pending = Vec::new();
        for f in fields {
            for n in &f.names {
                let idx = tps.len() as u32;
                let tp = self.types.new_type_param(&n.name, idx);
                let o = self.new_obj(&n.name, ObjKind::TypeName, tp, n.span.lo);
                self.info.defs.insert(n.id, o);
                self.declare(self.cur_scope, o);
                tps.push(tp);
                pending.push((tp, f));
            }
        }
        for (tp, f) in pending {
            let c = self.constraint_type(&f.typ);
            if let Type::TypeParam(i) = self.types.get(tp).clone() {
                self.types.tparams[i as usize].constraint = c;
            }
        }
        tps
    }

    /// A constraint: an interface, or a non-interface type `T` meaning `interface{ T }`.
    pub(super) fn constraint_type(&mut self, e: &'a Expr) -> TypeId {
        let t = self.type_expr(e);
        if t == TypeId::INVALID || self.types.is_interface(t) {
            return t;
        }
        let terms = vec![crate::types::Term {
            tilde: false,
            typ: t,
        }];
        self.types.intern(Type::Interface {
            methods: vec![],
            terms: Some(terms),
            comparable: false,
        })
    }

    pub(super) fn type_decl(&mut self, o: ObjId, spec: &'a ast::TypeSpec) {
        if spec.alias {
            if !spec.tparams.is_empty() {
                self.unsupported(spec.span.lo, "generic type aliases");
            }
            let t = self.type_expr(&spec.typ);
            self.obj_mut(o).typ = t;
            return;
        }
        let named = self.obj(o).typ;
        let mut scope_opened = false;
        if !spec.tparams.is_empty() {
            self.open_scope(false);
            scope_opened = true;
            let tps = self.declare_tparams(&spec.tparams);
            if let Some(n) = self.types.named_mut(named) {
                n.tparams = tps;
            }
        }
        let u = self.type_expr(&spec.typ);
        let mut under = self.types.under(u);
        if self.types.is_type_param(u) {
            self.error(
                spec.typ.span.lo,
                "cannot use a type parameter as RHS in type declaration",
            );
            under = TypeId::INVALID;
        }
        let waiting = under == TypeId::INVALID
            && self
                .types
                .named_of(u)
                .is_some_and(|n| n.underlying == TypeId::INVALID)
            && u != named;
        if waiting {
            // `type T2 T1` while T1 is still being declared: resolved when T1 is.
            self.pending_underlying.push((named, u));
        } else if under == TypeId::INVALID && u != TypeId::INVALID && !self.types.is_type_param(u) {
            // `type T U` where U is still being declared (a cycle): report like gc.
            let name = self.obj(o).name.clone();
            self.error(spec.name.span.lo, format!("invalid recursive type {name}"));
        }
        if let Some(n) = self.types.named_mut(named) {
            n.underlying = under;
        }
        if scope_opened {
            self.close_scope();
        }
        self.obj_mut(o).state = DeclState::Done;
        self.complete_underlying();
        self.complete_instances();
    }

    /// Resolves `type A B` declarations whose B has been declared meanwhile.
    pub(super) fn complete_underlying(&mut self) {
        loop {
            let mut progress = false;
            let pending = std::mem::take(&mut self.pending_underlying);
            for (a, b) in pending {
                let u = self.types.under(b);
                if u == TypeId::INVALID {
                    self.pending_underlying.push((a, b));
                    continue;
                }
                if let Some(n) = self.types.named_mut(a) {
                    n.underlying = u;
                }
                progress = true;
            }
            if !progress || self.pending_underlying.is_empty() {
                return;
            }
        }
    }

    /// Gives pending instances their substituted underlying type once their origin is known.
    pub(super) fn complete_instances(&mut self) {
        let pending = std::mem::take(&mut self.pending_instances);
        for inst in pending {
            let Some(n) = self.types.named_of(inst) else {
                continue;
            };
            let Some((origin_idx, args)) = n.origin.clone() else {
                continue;
            };
            let origin = &self.types.named[origin_idx as usize];
            if origin.underlying == TypeId::INVALID {
                self.pending_instances.push(inst);
                continue;
            }
            let (ou, tps) = (origin.underlying, origin.tparams.clone());
            let map: Vec<(TypeId, TypeId)> = tps.into_iter().zip(args).collect();
            let u = self.subst(ou, &map);
            let u = self.types.under(u);
            if let Some(n) = self.types.named_mut(inst) {
                n.underlying = u;
            }
        }
    }

    pub(super) fn const_spec(
        &mut self,
        o: ObjId,
        specs: &'a [ast::ConstSpec],
        si: usize,
        ni: usize,
    ) {
        // An omitted type and value list repeat the previous ones (spec "Constant declarations").
        let spec = &specs[si];
        let mut src = spec;
        let mut k = si;
        while src.values.is_empty() && src.typ.is_none() && k > 0 {
            k -= 1;
            src = &specs[k];
        }
        let iota = spec.iota;
        let typ = src.typ.as_ref().map(|t| self.type_expr(t));
        let inherited = k != si;
        let value_expr = src.values.get(ni);
        let (t, v) = match value_expr {
            Some(e) => {
                let saved_iota = self.set_iota(Some(iota));
                let mut x = self.expr(e, typ);
                self.set_iota(saved_iota);
                let ctx = "constant declaration";
                if let Some(t) = typ {
                    self.assignment(&mut x, t, ctx);
                }
                match (&x.mode, x.typ) {
                    (expr::Mode::Constant(v), t) => (t, v.clone()),
                    (expr::Mode::Invalid, _) => (TypeId::INVALID, ConstValue::Int(0)),
                    _ => {
                        let s = self.operand_string(&x);
                        self.error(e.span.lo, format!("{s} is not constant"));
                        (TypeId::INVALID, ConstValue::Int(0))
                    }
                }
            }
            None => {
                let at = spec.names[ni].span.lo;
                self.error(at, "missing init expr for const declaration");
                (TypeId::INVALID, ConstValue::Int(0))
            }
        };
        if ni == spec.names.len() - 1 && src.values.len() > spec.names.len() && !inherited {
            let at = src.values[spec.names.len()].span.lo;
            self.error(at, "extra init expr");
        }
        if let Some(e) = value_expr {
            if let Some(&r) = self.exact.get(&e.id) {
                if matches!(v, ConstValue::Float(_)) {
                    self.exact_obj.insert(o, r);
                }
            }
        }
        let ob = self.obj_mut(o);
        ob.typ = t;
        ob.kind = ObjKind::Const(v);
    }

    pub(super) fn set_iota(&mut self, v: Option<u32>) -> Option<u32> {
        let iota = self.scopes[self.universe.0 as usize]
            .names
            .get("iota")
            .copied();
        let io = iota?;
        let prev = match &self.obj(io).kind {
            ObjKind::Const(ConstValue::Int(i)) if self.obj(io).used => Some(*i as u32),
            _ => None,
        };
        let ob = self.obj_mut(io);
        match v {
            Some(n) => {
                ob.kind = ObjKind::Const(ConstValue::Int(n as i128));
                ob.used = true;
            }
            None => ob.used = false,
        }
        prev
    }

    pub(super) fn iota_active(&self) -> bool {
        self.scopes[self.universe.0 as usize]
            .names
            .get("iota")
            .map(|o| self.obj(*o).used)
            .unwrap_or(false)
    }

    /// Checks `var a, b T = x, y` for the given (already created) objects.
    pub(super) fn var_spec(&mut self, objs: &[ObjId], spec: &'a ast::VarSpec) {
        let typ = spec.typ.as_ref().map(|t| self.type_expr(t));
        self.init_vars(objs, typ, &spec.values, spec.span.lo, false);
    }

    /// Type-checks the body of a top-level function or method.
    pub(super) fn func_body_decl(&mut self, file: u32, di: u32) {
        let files = self.files;
        let Decl::Func(fd) = &files[file as usize].decls[di as usize] else {
            return;
        };
        let Some(body) = &fd.body else { return };
        let Some(&o) = self.info.defs.get(&fd.name.id) else {
            return;
        };
        self.cur_scope = self.file_scopes[file as usize];
        self.open_scope(true);
        // Type parameters and receiver.
        if let Some(recv) = &fd.recv {
            self.declare_recv_tparams(recv, o);
        } else {
            let tps = self.obj(o).tparams.clone();
            let mut k = 0;
            for f in &fd.tparams {
                for n in &f.names {
                    if let Some(&tp) = tps.get(k) {
                        let to = self.new_obj(&n.name, ObjKind::TypeName, tp, n.span.lo);
                        self.declare(self.cur_scope, to);
                    }
                    k += 1;
                }
            }
        }
        let sig = self.obj(o).typ;
        self.func_body(fd.recv.as_ref(), &fd.typ, sig, body);
        self.close_scope();
    }

    pub(super) fn declare_recv_tparams(&mut self, recv: &'a ast::Field, _o: ObjId) {
        // `func (l *List[T]) M()`: T names the type's own parameter.
        let mut t = &recv.typ;
        if let ExprKind::Star(x) = &t.kind {
            t = x;
        }
        if let ExprKind::Index { x, indices } = &t.kind {
            if let ExprKind::Name(base) = &x.kind {
                let Some(bo) = self.lookup(base) else { return };
                let bt = self.obj(bo).typ;
                let tps = self
                    .types
                    .named_of(bt)
                    .map(|n| n.tparams.clone())
                    .unwrap_or_default();
                for (i, ix) in indices.iter().enumerate() {
                    if let (ExprKind::Name(n), Some(&tp)) = (&ix.kind, tps.get(i)) {
                        let to = self.new_obj(n, ObjKind::TypeName, tp, ix.span.lo);
                        self.info.defs.insert(ix.id, to);
                        self.declare(self.cur_scope, to);
                    }
                }
            }
        }
    }

    /// Checks a function body with parameters declared from the signature `sig`.
    pub(super) fn func_body(
        &mut self,
        recv: Option<&'a ast::Field>,
        ft: &'a ast::FuncType,
        sig: TypeId,
        body: &'a ast::Block,
    ) {
        let Type::Func {
            params,
            results,
            variadic,
        } = self.types.get(sig).clone()
        else {
            return;
        };
        let mut pi = 0;
        let mut param_objs = Vec::new();
        if let Some(r) = recv {
            let rt = params.first().copied().unwrap_or(TypeId::INVALID);
            for n in &r.names {
                let o = self.new_obj(&n.name, ObjKind::Var, rt, n.span.lo);
                self.obj_mut(o).used = true;
                self.info.defs.insert(n.id, o);
                param_objs.push(o);
            }
            pi = 1;
        }
        for (k, f) in ft.params.iter().enumerate() {
            let is_last = k + 1 == ft.params.len();
            if f.names.is_empty() {
                pi += 1;
                continue;
            }
            for n in &f.names {
                let mut t = params.get(pi).copied().unwrap_or(TypeId::INVALID);
                if variadic && is_last {
                    t = params.last().copied().unwrap_or(t);
                }
                let o = self.new_obj(&n.name, ObjKind::Var, t, n.span.lo);
                self.obj_mut(o).used = true;
                self.info.defs.insert(n.id, o);
                param_objs.push(o);
                pi += 1;
            }
        }
        let mut ri = 0;
        let mut named_results = false;
        for f in &ft.results {
            if f.names.is_empty() {
                ri += 1;
                continue;
            }
            named_results = true;
            for n in &f.names {
                let t = results.get(ri).copied().unwrap_or(TypeId::INVALID);
                let o = self.new_obj(&n.name, ObjKind::Var, t, n.span.lo);
                self.obj_mut(o).used = true;
                self.info.defs.insert(n.id, o);
                param_objs.push(o);
                ri += 1;
            }
        }
        for o in param_objs {
            self.declare(self.cur_scope, o);
        }
        self.fctx.push(FuncCtx {
            results: results.clone(),
            named_results,
        });
        self.func_vars.push(Vec::new());
        // gc checks labels and branches right after parsing (syntax/branches.go).
        for (at, msg) in branches::check_branches(body, &|o| format!("\u{1}{o}\u{1}")) {
            self.error(at, msg);
        }
        self.stmt_list(&body.stmts);
        if !results.is_empty() && !stmt::is_terminating_list(&body.stmts) {
            self.error(body.rbrace, "missing return");
        }
        self.fctx.pop();
        let vars = self.func_vars.pop().unwrap_or_default();
        self.report_unused(vars);
    }

    pub(super) fn report_unused(&mut self, vars: Vec<ObjId>) {
        let mut unused: Vec<(u32, String)> = vars
            .iter()
            .filter(|v| !self.obj(**v).used)
            .map(|v| (self.obj(*v).pos, self.obj(*v).name.clone()))
            .collect();
        runtime::util::sort(&mut unused);
        for (at, name) in unused {
            self.error(at, format!("declared and not used: {name}"));
        }
    }

    /// Declares a local variable (tracked for "declared and not used").
    pub(super) fn declare_var(&mut self, ident: &ast::Ident, t: TypeId) -> ObjId {
        let o = self.new_obj(&ident.name, ObjKind::Var, t, ident.span.lo);
        self.info.defs.insert(ident.id, o);
        if ident.name != "_" {
            if let Some(v) = self.func_vars.last_mut() {
                v.push(o);
            } else {
                self.obj_mut(o).used = true;
            }
        }
        o
    }
}
