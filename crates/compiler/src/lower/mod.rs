//! Lowering: a type-checked file (plus the prelude packages it uses) to `runtime::program::Program`;
//! plays the part of cmd/compile's walk/ssagen passes for our register machine.
//!
//! - Only functions reachable from package initialisation and `main.main` are lowered (so prelude code a
//!   program does not use costs nothing and cannot fail).
//! - Generic functions and types are monomorphised: one runtime function per instantiation.
//! - Variables whose address is taken or that a closure captures are boxed (see [`escape`]).
//! - Prelude functions without a body are intrinsics, mapped to instructions, runtime ops or natives
//!   (see [`intrinsics`]).
//!
//! Debugging: `GOROSCOPE_DUMP_LOWER=1` prints every lowered function's code with source lines to stderr.
//!
//! Invariants: every emitted instruction carries the span of the source construct it came from; anything
//! we cannot lower is reported as `not supported by Goroscope yet: <feature>`, never miscompiled.

mod escape;
mod fx;
mod initorder;
mod intrinsics;
mod thunks;

use std::collections::{BTreeMap, HashMap};

use runtime::program::{
    Const, ConstId, Func, FuncId, Global, Instr, NativeIdx, Program, Reg, SourceSpan,
};
use runtime::types::{
    builtin, ChanDir as RChanDir, Field as RField, IfaceMethod as RIfaceMethod, Method, MethodImpl,
    Receiver, TypeId as RT, TypeKind,
};

use crate::ast::{ChanDir, Decl, File, FuncDecl};
use crate::check::{CheckedFile, DeclRef, ObjId};
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::types::{Basic, Type, TypeId as CT, Types};

/// Compiles one Go source file to a runtime program.
pub fn compile(file_name: &str, src: &str) -> Result<Program, Vec<Diagnostic>> {
    let checked = crate::check::check(file_name, src)?;
    let mut l = Lowerer::new(&checked, file_name, src);
    // A bug in the lowering must surface as a diagnostic, never as a crash of the host.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| l.run()));
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(vec![l.diagnostic(&e)]),
        Err(_) => {
            return Err(vec![Diagnostic {
                file: file_name.to_string(),
                line: 1,
                col: 1,
                message: "not supported by Goroscope yet: this program (internal lowering error)"
                    .into(),
            }])
        }
    }
    let mut program = std::mem::take(&mut l.p);
    if std::env::var_os("GOROSCOPE_DUMP_LOWER").is_some() {
        for f in &program.funcs {
            eprintln!(
                "func {} params={} results={} regs={}",
                f.name, f.params, f.results, f.regs
            );
            for (pc, (i, sp)) in f.code.iter().zip(&f.spans).enumerate() {
                eprintln!("  {pc:4} L{:<4} {i:?}", sp.line);
            }
        }
    }
    program.types.finish();
    program.layout_globals();
    if let Err(e) = program.validate() {
        return Err(vec![Diagnostic {
            file: file_name.to_string(),
            line: 1,
            col: 1,
            message: format!("not supported by Goroscope yet: internal lowering error: {e}"),
        }]);
    }
    Ok(program)
}

/// Most instantiations of one generic function (guards against instantiation cycles).
const INSTANCES_MAX: usize = 256;

/// A lowering failure: the construct at (file, offset) is not supported.
#[derive(Clone, Debug)]
pub(crate) struct Unsupported {
    pub file: u32,
    pub offset: u32,
    pub feature: String,
}

pub(crate) type R<T> = Result<T, Unsupported>;

/// Type substitution of one generic instantiation: type parameter -> type argument.
pub(crate) type Subst = std::rc::Rc<HashMap<CT, CT>>;

pub(crate) struct Lowerer<'a> {
    pub ck: &'a CheckedFile,
    pub ty: Types,
    pub p: Program,
    pub esc: escape::Escapes,
    lines: Vec<LineIndex>,
    file_name: String,
    tmap: HashMap<CT, RT>,
    /// Runtime types whose method sets were registered.
    methods_done: std::collections::HashSet<RT>,
    /// (function object, type arguments) -> function.
    fmap: HashMap<(ObjId, Vec<CT>), FuncId>,
    /// Functions declared but not yet lowered, with the user-code position that first needed them.
    queue: Vec<(FuncId, ObjId, Subst, u32)>,
    /// Package-level variable -> (offset, type).
    gmap: HashMap<ObjId, (u32, CT)>,
    global_slots: u32,
    /// Position of the user's code that led to lowering the current prelude function.
    pub user_pos: u32,
}

impl<'a> Lowerer<'a> {
    fn new(ck: &'a CheckedFile, file_name: &str, src: &str) -> Lowerer<'a> {
        let mut lines = vec![LineIndex::new(src)];
        let mut files = vec![file_name.to_string()];
        for (i, _) in ck.files.iter().enumerate().skip(1) {
            let pkg = ck.info.packages.iter().find(|p| p.file == i as u32);
            let path = pkg.map(|p| p.path.clone()).unwrap_or_default();
            let psrc = crate::prelude::source(&path).unwrap_or("");
            lines.push(LineIndex::new(psrc));
            // as Go's tracebacks name them: GOROOT-relative for std, module@version for x/sync
            let shown = match path.strip_prefix("golang.org/x/sync/") {
                Some(rest) => format!("golang.org/x/sync@v0.0.0/{rest}"),
                None => path.clone(),
            };
            let last = path.rsplit('/').next().unwrap_or("prelude");
            files.push(format!("{shown}/{last}.go"));
        }
        let p = Program {
            files,
            ..Program::default()
        };
        Lowerer {
            ck,
            ty: ck.types.clone(),
            p,
            esc: escape::analyse(&ck.files, &ck.info),
            lines,
            file_name: file_name.to_string(),
            tmap: HashMap::new(),
            methods_done: Default::default(),
            fmap: HashMap::new(),
            queue: Vec::new(),
            gmap: HashMap::new(),
            global_slots: 0,
            user_pos: 0,
        }
    }

    fn diagnostic(&self, e: &Unsupported) -> Diagnostic {
        let (file, offset, extra) = if e.file == 0 {
            (0, e.offset, String::new())
        } else {
            let (l, _) = self.lines[e.file as usize].line_col(e.offset);
            (
                0,
                self.user_pos,
                format!(" (in {}:{l})", self.p.files[e.file as usize]),
            )
        };
        let (line, col) = self.lines[file].line_col(offset);
        Diagnostic {
            file: self.file_name.clone(),
            line,
            col,
            message: format!("not supported by Goroscope yet: {}{extra}", e.feature),
        }
    }

    pub fn span(&self, file: u32, sp: Span) -> SourceSpan {
        let idx = &self.lines[file as usize];
        let (line, column) = idx.line_col(sp.lo);
        SourceSpan {
            file,
            line,
            column,
            len: sp.hi.saturating_sub(sp.lo),
        }
    }

    pub fn konst(&mut self, c: Const) -> ConstId {
        if let Some(i) = self.p.consts.iter().position(|k| *k == c) {
            return ConstId(i as u32);
        }
        self.p.consts.push(c);
        ConstId(self.p.consts.len() as u32 - 1)
    }

    /// The package-level function `name` of prelude package `pkg` (a path such as "time").
    pub fn prelude_func(&self, pkg: &str, name: &str) -> Option<ObjId> {
        let info = &self.ck.info;
        let pi = info.packages.iter().position(|p| p.path == pkg)? as u32;
        info.objects
            .iter()
            .position(|o| {
                o.pkg == pi
                    && o.name == name
                    && o.recv_base.is_none()
                    && matches!(o.kind, crate::check::ObjKind::Func)
            })
            .map(|i| ObjId(i as u32))
    }

    /// For a bodyless `time.Time` method: its Go helper `time.time<Method>(ns int64)`; for a bodyless
    /// function `time.<F>`: its Go helper `time.new<F>` (time.Time is modelled as Unix nanoseconds, see
    /// prelude/time.go).
    pub fn time_helper(&self, name: &str) -> Option<ObjId> {
        if let Some(m) = name.strip_prefix("time.Time.") {
            return self.prelude_func("time", &format!("time{m}"));
        }
        let f = name.strip_prefix("time.")?;
        self.prelude_func("time", &format!("new{f}"))
    }

    pub fn native(&mut self, name: &str) -> Option<NativeIdx> {
        let name = native_key(name);
        runtime::natives::lookup(name)?;
        if let Some(i) = self.p.native_index(name) {
            return Some(i);
        }
        self.p.natives.push(name.into());
        Some(NativeIdx(self.p.natives.len() as u32 - 1))
    }

    // ---------------------------------------------------------------- driver

    fn run(&mut self) -> R<()> {
        let entry = self.declare_func_raw("runtime.main", 0, vec![]);
        self.p.entry = entry;
        let main = self.ck.main.ok_or(Unsupported {
            file: 0,
            offset: 0,
            feature: "a program without func main".into(),
        })?;
        let main_id = self.func_for(main, vec![])?;
        // Package initialisation: prelude packages (dependencies first), then main.
        let order = self.init_order();
        let mut inits: Vec<(u32, Vec<(ObjId, u32)>)> = Vec::new();
        let mut init_funcs = Vec::new();
        for &f in &order {
            let file = &self.ck.files[f as usize];
            let mut vars = Vec::new();
            for (di, d) in file.decls.iter().enumerate() {
                match d {
                    Decl::Var(specs) => {
                        for (si, s) in specs.iter().enumerate() {
                            if !s.values.is_empty() {
                                if let Some(n) = s.names.first() {
                                    if let Some(&o) = self.ck.info.defs.get(&n.id) {
                                        vars.push((o, si as u32));
                                    }
                                }
                            }
                            let _ = di;
                        }
                    }
                    Decl::Func(fd)
                        if fd.recv.is_none() && fd.name.name == "init" && fd.body.is_some() =>
                    {
                        if let Some(&o) = self.ck.info.defs.get(&fd.name.id) {
                            init_funcs.push(o);
                        }
                    }
                    _ => {}
                }
            }
            inits.push((f, vars));
        }
        // Go names a package's init functions pkg.init.0, pkg.init.1, ... in source order.
        let mut init_ids = Vec::new();
        let mut per_pkg: BTreeMap<u32, u32> = BTreeMap::new();
        for o in init_funcs {
            let id = self.func_for(o, vec![])?;
            let pkg = self.ck.info.objects[o.0 as usize].pkg;
            let k = per_pkg.entry(pkg).or_insert(0);
            let name = format!("{}.init.{k}", self.pkg_qual(pkg));
            *k += 1;
            self.p.funcs[id.0 as usize].name = name;
            init_ids.push(id);
        }
        let body = fx::lower_entry(self, &inits, &init_ids, main_id)?;
        self.p.funcs[entry.0 as usize] = body;
        while let Some((id, obj, subst, pos)) = self.queue.pop() {
            self.user_pos = pos;
            let f = fx::lower_decl(self, id, obj, subst)?;
            self.p.funcs[id.0 as usize] = f;
        }
        Ok(())
    }

    /// The order packages initialise in (Go 1.21+ spec, "Package initialization"): repeatedly, the
    /// package with the lexically smallest import path whose imports are all initialised; main last.
    fn init_order(&self) -> Vec<u32> {
        let files = &self.ck.files;
        let file_of = |path: &str| {
            self.ck
                .info
                .packages
                .iter()
                .find(|p| p.path == path)
                .map(|p| p.file)
        };
        let imports: Vec<Vec<u32>> = files
            .iter()
            .map(|f| f.imports.iter().filter_map(|i| file_of(&i.path)).collect())
            .collect();
        let mut pending: Vec<(String, u32)> = self
            .ck
            .info
            .packages
            .iter()
            .filter(|p| p.file != 0 && (p.file as usize) < files.len())
            .map(|p| (p.path.clone(), p.file))
            .collect();
        runtime::util::sort(&mut pending);
        pending.dedup_by_key(|p| p.1);
        let mut done = vec![false; files.len()];
        let mut order = Vec::with_capacity(files.len());
        while !pending.is_empty() {
            let ready = pending
                .iter()
                .position(|(_, f)| imports[*f as usize].iter().all(|&d| done[d as usize]))
                .unwrap_or(0); // a cycle (which the checker rejects): keep going in path order
            let (_, f) = pending.remove(ready);
            done[f as usize] = true;
            order.push(f);
        }
        order.push(0);
        order
    }

    pub fn declare_func_raw(&mut self, name: &str, params: u16, results: Vec<RT>) -> FuncId {
        self.p.funcs.push(Func {
            name: name.into(),
            params,
            results: results.len() as u16,
            regs: params,
            result_types: results,
            ..Func::default()
        });
        FuncId(self.p.funcs.len() as u32 - 1)
    }

    /// The declaration of a function object.
    pub fn func_decl(&self, obj: ObjId) -> Option<(u32, &'a FuncDecl)> {
        let o = &self.ck.info.objects[obj.0 as usize];
        let ck: &'a CheckedFile = self.ck;
        if let Some(DeclRef::Func(file, di)) = o.decl {
            if let Some(Decl::Func(fd)) = ck
                .files
                .get(file as usize)
                .and_then(|f| f.decls.get(di as usize))
            {
                return Some((file, fd));
            }
        }
        // Methods may not carry a DeclRef: find the declaration by its name node.
        let file: &'a File = ck.files.get(o.file as usize)?;
        for d in &file.decls {
            if let Decl::Func(fd) = d {
                if ck.info.defs.get(&fd.name.id) == Some(&obj) {
                    return Some((o.file, fd));
                }
            }
        }
        None
    }

    /// Package qualifier used in Go function names (`main`, `sync`, `golang.org/x/sync/errgroup`).
    pub fn pkg_qual(&self, pkg: u32) -> String {
        if pkg == 0 {
            return "main".into();
        }
        match self.ck.info.packages.get(pkg as usize) {
            Some(p) if !p.path.is_empty() => p.path.clone(),
            _ => self
                .ty
                .pkg_names
                .get(pkg as usize)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// Go's name of a function or method object, e.g. `main.(*T).M`.
    pub fn func_name(&mut self, obj: ObjId, targs: &[CT]) -> String {
        let o = self.ck.info.objects[obj.0 as usize].clone();
        let q = self.pkg_qual(o.pkg);
        if let Some(base) = o.recv_base {
            let bname = self
                .ty
                .named_of(base)
                .map(|n| n.name.clone())
                .unwrap_or_default();
            let generic = self
                .ty
                .named_of(base)
                .is_some_and(|n| !n.tparams.is_empty());
            let g = if generic { "[...]" } else { "" };
            let ptr = self
                .func_decl(obj)
                .and_then(|(_, fd)| fd.recv.as_ref())
                .is_some_and(|r| matches!(r.typ.unparen().kind, crate::ast::ExprKind::Star(_)));
            if ptr {
                format!("{q}.(*{bname}{g}).{}", o.name)
            } else {
                format!("{q}.{bname}{g}.{}", o.name)
            }
        } else if !targs.is_empty() {
            format!("{q}.{}[...]", o.name)
        } else {
            format!("{q}.{}", o.name)
        }
    }

    /// The runtime function of a Go function object instantiated with `targs` (declared now, lowered later).
    pub fn func_for(&mut self, obj: ObjId, targs: Vec<CT>) -> R<FuncId> {
        if let Some(&id) = self.fmap.get(&(obj, targs.clone())) {
            return Ok(id);
        }
        let o = self.ck.info.objects[obj.0 as usize].clone();
        if !targs.is_empty() && self.fmap.keys().filter(|(f, _)| *f == obj).count() >= INSTANCES_MAX
        {
            // e.g. F[T] calling F[[]T]: Go rejects unbounded instantiation cycles too
            return Err(Unsupported {
                file: o.file,
                offset: o.pos,
                feature: format!("more than {INSTANCES_MAX} instantiations of {}", o.name),
            });
        }
        let mut subst = HashMap::new();
        if let Some(base) = o.recv_base {
            // Methods of generic types: targs are the instance's type arguments.
            if let Some(n) = self.ty.named_of(base) {
                for (tp, a) in n.tparams.clone().iter().zip(&targs) {
                    subst.insert(*tp, *a);
                }
            }
        } else {
            for (tp, a) in o.tparams.iter().zip(&targs) {
                subst.insert(*tp, *a);
            }
        }
        let subst: Subst = std::rc::Rc::new(subst);
        let sig = self.subst(o.typ, &subst);
        let Type::Func {
            params, results, ..
        } = self.ty.get(sig).clone()
        else {
            return Err(Unsupported {
                file: o.file,
                offset: o.pos,
                feature: "function type".into(),
            });
        };
        let name = self.func_name(obj, &targs);
        let mut rres = Vec::new();
        for r in &results {
            rres.push(self.rt(*r).map_err(|mut e| {
                e.feature = format!("{} in {name}", e.feature);
                e
            })?);
        }
        let id = self.declare_func_raw(&name, params.len() as u16, rres);
        self.fmap.insert((obj, targs), id);
        self.queue.push((id, obj, subst, self.user_pos));
        Ok(id)
    }

    /// Offset and type of a package-level variable (allocated on first use).
    pub fn global(&mut self, obj: ObjId) -> R<(u32, CT)> {
        if let Some(&g) = self.gmap.get(&obj) {
            return Ok(g);
        }
        let mut o = self.ck.info.objects[obj.0 as usize].clone();
        if o.typ == CT(0) {
            o.typ = self.var_decl_type(obj).unwrap_or(o.typ);
        }
        let rt = self.rt(o.typ).map_err(|mut e| {
            e.feature = format!("{} in variable {}", e.feature, o.name);
            e
        })?;
        let offset = self.global_slots;
        self.global_slots += self.slots(rt);
        let name = format!("{}.{}", self.pkg_qual(o.pkg), o.name);
        self.p.globals.push(Global {
            name,
            ty: rt,
            offset,
        });
        self.gmap.insert(obj, (offset, o.typ));
        Ok((offset, o.typ))
    }

    /// Offset of a hidden package-level variable of the lowering (e.g. math/rand's generator state).
    pub fn hidden_global(&mut self, name: &str, ty: RT) -> u32 {
        if let Some(g) = self.p.globals.iter().find(|g| g.name == name) {
            return g.offset;
        }
        let offset = self.global_slots;
        self.global_slots += self.slots(ty);
        self.p.globals.push(Global {
            name: name.to_string(),
            ty,
            offset,
        });
        offset
    }

    /// The type of a package-level variable from its declaration (for objects the checker left untyped).
    pub fn var_decl_type(&self, obj: ObjId) -> Option<CT> {
        let o = &self.ck.info.objects[obj.0 as usize];
        let Some(DeclRef::Var(f, di, si, ni)) = o.decl else {
            return None;
        };
        let Decl::Var(specs) = self.ck.files.get(f as usize)?.decls.get(di as usize)? else {
            return None;
        };
        let spec = specs.get(si as usize)?;
        let info = &self.ck.info;
        if let Some(t) = &spec.typ {
            return info.types.get(&t.id).map(|tv| tv.typ);
        }
        let v = spec.values.get(ni as usize)?;
        info.types.get(&v.id).map(|tv| self.default_type(tv.typ))
    }

    // ---------------------------------------------------------------- types

    /// Applies a substitution to a checker type.
    pub fn subst(&mut self, t: CT, m: &HashMap<CT, CT>) -> CT {
        if m.is_empty() {
            return t;
        }
        self.subst_depth(t, m, 0)
    }

    fn subst_depth(&mut self, t: CT, m: &HashMap<CT, CT>, d: u32) -> CT {
        if d > 40 {
            return t;
        }
        let d = d + 1;
        match self.ty.get(t).clone() {
            Type::Basic(_) => t,
            Type::TypeParam(_) => m.get(&t).copied().unwrap_or(t),
            Type::Pointer(e) => {
                let e = self.subst_depth(e, m, d);
                self.ty.intern(Type::Pointer(e))
            }
            Type::Slice(e) => {
                let e = self.subst_depth(e, m, d);
                self.ty.intern(Type::Slice(e))
            }
            Type::Array(n, e) => {
                let e = self.subst_depth(e, m, d);
                self.ty.intern(Type::Array(n, e))
            }
            Type::Map(k, v) => {
                let k = self.subst_depth(k, m, d);
                let v = self.subst_depth(v, m, d);
                self.ty.intern(Type::Map(k, v))
            }
            Type::Chan(dir, e) => {
                let e = self.subst_depth(e, m, d);
                self.ty.intern(Type::Chan(dir, e))
            }
            Type::Func {
                params,
                results,
                variadic,
            } => {
                let params = params.iter().map(|p| self.subst_depth(*p, m, d)).collect();
                let results = results.iter().map(|p| self.subst_depth(*p, m, d)).collect();
                self.ty.intern(Type::Func {
                    params,
                    results,
                    variadic,
                })
            }
            Type::Tuple(es) => {
                let es = es.iter().map(|p| self.subst_depth(*p, m, d)).collect();
                self.ty.intern(Type::Tuple(es))
            }
            Type::Struct(fields) => {
                let fields = fields
                    .into_iter()
                    .map(|mut f| {
                        f.typ = self.subst_depth(f.typ, m, d);
                        f
                    })
                    .collect();
                self.ty.intern(Type::Struct(fields))
            }
            Type::Interface {
                methods,
                terms,
                comparable,
            } => {
                let methods = methods
                    .into_iter()
                    .map(|mut x| {
                        x.sig = self.subst_depth(x.sig, m, d);
                        x
                    })
                    .collect();
                self.ty.intern(Type::Interface {
                    methods,
                    terms,
                    comparable,
                })
            }
            Type::Named(i) => {
                let n = self.ty.named[i as usize].clone();
                let Some((g, args)) = n.origin else {
                    // the generic type itself (a method's receiver): instantiate with the mapped parameters
                    if !n.tparams.is_empty() && n.tparams.iter().all(|tp| m.contains_key(tp)) {
                        let args: Vec<CT> = n.tparams.iter().map(|tp| m[tp]).collect();
                        return self.instantiate(i, args);
                    }
                    return t;
                };
                let new_args: Vec<CT> = args.iter().map(|a| self.subst_depth(*a, m, d)).collect();
                if new_args == args {
                    return t;
                }
                self.instantiate(g, new_args)
            }
        }
    }

    /// The instance of generic named type number `g` with `args`.
    fn instantiate(&mut self, g: u32, args: Vec<CT>) -> CT {
        if let Some(&id) = self.ty.instances.get(&(g, args.clone())) {
            return id;
        }
        let gn = self.ty.named[g as usize].clone();
        let id = self.ty.new_named(&gn.name, gn.pkg);
        self.ty.instances.insert((g, args.clone()), id);
        let m: HashMap<CT, CT> = gn
            .tparams
            .iter()
            .copied()
            .zip(args.iter().copied())
            .collect();
        let u = self.subst_depth(gn.underlying, &m, 0);
        if let Some(n) = self.ty.named_mut(id) {
            n.underlying = u;
            n.methods = gn.methods.clone();
            n.origin = Some((g, args));
        }
        id
    }

    /// The default type of an untyped type.
    pub fn default_type(&self, t: CT) -> CT {
        match self.ty.get(t) {
            Type::Basic(b) => match b {
                Basic::UntypedBool => self.ty.basic(Basic::Bool),
                Basic::UntypedInt => self.ty.basic(Basic::Int),
                Basic::UntypedRune => self.ty.basic(Basic::Int32),
                Basic::UntypedFloat => self.ty.basic(Basic::Float64),
                Basic::UntypedString => self.ty.basic(Basic::String),
                _ => t,
            },
            _ => t,
        }
    }

    /// Flat slot count of a runtime type (valid before `Types::finish`).
    pub fn slots(&self, t: RT) -> u32 {
        match self.p.types.kind(t) {
            TypeKind::Struct { fields } => fields.iter().map(|f| self.slots(f.ty)).sum(),
            TypeKind::Array { elem, len } => self.slots(*elem) * len,
            _ => 1,
        }
    }

    /// Slot offset of field `i` of a runtime struct type.
    pub fn field_offset(&self, st: RT, i: usize) -> u32 {
        match self.p.types.kind(st) {
            TypeKind::Struct { fields } => fields.iter().take(i).map(|f| self.slots(f.ty)).sum(),
            _ => 0,
        }
    }

    fn err_type(&self, what: &str) -> Unsupported {
        Unsupported {
            file: 0,
            offset: self.user_pos,
            feature: what.to_string(),
        }
    }

    /// The runtime type of a checker type.
    pub fn rt(&mut self, t: CT) -> R<RT> {
        if let Some(&r) = self.tmap.get(&t) {
            return Ok(r);
        }
        let r = match self.ty.get(t).clone() {
            Type::Basic(b) => match b {
                Basic::Bool | Basic::UntypedBool => builtin::BOOL,
                Basic::Int | Basic::UntypedInt => builtin::INT,
                Basic::Int8 => builtin::INT8,
                Basic::Int16 => builtin::INT16,
                Basic::Int32 | Basic::UntypedRune => builtin::INT32,
                Basic::Int64 => builtin::INT64,
                Basic::Uint => builtin::UINT,
                Basic::Uint8 => builtin::UINT8,
                Basic::Uint16 => builtin::UINT16,
                Basic::Uint32 => builtin::UINT32,
                Basic::Uint64 => builtin::UINT64,
                Basic::Uintptr => builtin::UINTPTR,
                Basic::Float32 => builtin::FLOAT32,
                Basic::Float64 | Basic::UntypedFloat => builtin::FLOAT64,
                Basic::String | Basic::UntypedString => builtin::STRING,
                Basic::UntypedNil => builtin::ANY,
                Basic::Complex64 | Basic::Complex128 => {
                    return Err(self.err_type("complex numbers"))
                }
                Basic::UnsafePointer => return Err(self.err_type("unsafe.Pointer")),
                Basic::Invalid => {
                    return Err(self.err_type(&format!("invalid type (#{})", t.0)));
                }
            },
            Type::Named(i) => {
                let n = self.ty.named[i as usize].clone();
                if n.pkg == u32::MAX {
                    // error, comparable
                    if n.name == "error" {
                        builtin::ERROR
                    } else {
                        builtin::ANY
                    }
                } else {
                    let q = self.pkg_qual(n.pkg);
                    let qname = format!("{q}.{}", n.name);
                    match qname.as_str() {
                        "time.Duration" => builtin::TIME_DURATION,
                        "strconv.NumError" => builtin::STRCONV_NUM_ERROR,
                        "time.Time" => {
                            let id = self.p.types.declare_named("time.Time");
                            self.p
                                .types
                                .define_named(id, TypeKind::Int(runtime::program::NumKind::I64));
                            id
                        }
                        _ => {
                            // Go shows a type with its package's name, not path: *fs.PathError.
                            let shown = q.rsplit('/').next().unwrap_or(&q);
                            let mut name = format!("{shown}.{}", n.name);
                            if let Some((_, args)) = &n.origin {
                                let mut parts = Vec::new();
                                for a in args.clone() {
                                    let ra = self.rt(a)?;
                                    parts.push(self.p.types.name(ra).to_string());
                                }
                                name = format!("{name}[{}]", parts.join(","));
                            }
                            let id = self.p.types.declare_named(&name);
                            self.tmap.insert(t, id);
                            let mut under = n.underlying;
                            if let Some((g, args)) = &n.origin {
                                let gn = self.ty.named[*g as usize].clone();
                                let m: HashMap<CT, CT> = gn
                                    .tparams
                                    .iter()
                                    .copied()
                                    .zip(args.iter().copied())
                                    .collect();
                                under = self.subst(gn.underlying, &m);
                            }
                            let kind = self.kind_of(under)?;
                            self.p.types.define_named(id, kind);
                            id
                        }
                    }
                }
            }
            Type::TypeParam(_) => {
                return Err(self.err_type(&format!(
                    "this use of a type parameter ({})",
                    self.ty.display(t)
                )));
            }
            Type::Tuple(_) => return Err(self.err_type("tuple type")),
            _ => {
                let kind = self.kind_of(t)?;
                self.p.types.intern(kind)
            }
        };
        self.tmap.insert(t, r);
        Ok(r)
    }

    fn kind_of(&mut self, t: CT) -> R<TypeKind> {
        Ok(match self.ty.get(t).clone() {
            Type::Basic(_) | Type::Named(_) => {
                let r = self.rt(t)?;
                self.p.types.kind(r).clone()
            }
            Type::Pointer(e) => TypeKind::Pointer { elem: self.rt(e)? },
            Type::Slice(e) => TypeKind::Slice { elem: self.rt(e)? },
            Type::Array(n, e) => TypeKind::Array {
                elem: self.rt(e)?,
                len: n as u32,
            },
            Type::Map(k, v) => TypeKind::Map {
                key: self.rt(k)?,
                elem: self.rt(v)?,
            },
            Type::Chan(d, e) => TypeKind::Chan {
                elem: self.rt(e)?,
                dir: match d {
                    ChanDir::Both => RChanDir::Both,
                    ChanDir::Send => RChanDir::Send,
                    ChanDir::Recv => RChanDir::Recv,
                },
            },
            Type::Func {
                params,
                results,
                variadic,
            } => {
                let mut ps = Vec::new();
                for p in params {
                    ps.push(self.rt(p)?);
                }
                let mut rs = Vec::new();
                for r in results {
                    rs.push(self.rt(r)?);
                }
                TypeKind::Func {
                    params: ps,
                    results: rs,
                    variadic,
                }
            }
            Type::Struct(fields) => {
                let mut fs = Vec::new();
                let mut off = 0;
                for f in fields {
                    let ty = self.rt(f.typ)?;
                    let name = if f.embedded {
                        self.p
                            .types
                            .name(ty)
                            .trim_start_matches('*')
                            .rsplit('.')
                            .next()
                            .unwrap_or("")
                            .to_string()
                    } else {
                        f.name.clone()
                    };
                    let name = if f.embedded {
                        f.name.clone().max(name)
                    } else {
                        name
                    };
                    fs.push(RField {
                        name,
                        ty,
                        embedded: f.embedded,
                        offset: off,
                    });
                    off += self.slots(ty);
                }
                TypeKind::Struct { fields: fs }
            }
            Type::Interface { methods, .. } => {
                let mut ms = Vec::new();
                for m in methods {
                    let name = self.p.types.name_id(&m.name);
                    let ty = self.rt(m.sig)?;
                    ms.push(RIfaceMethod { name, ty });
                }
                runtime::util::sort_by_key(&mut ms, |m| m.name);
                TypeKind::Interface { methods: ms }
            }
            Type::TypeParam(_) => return Err(self.err_type("this use of a type parameter")),
            Type::Tuple(_) => return Err(self.err_type("tuple type")),
        })
    }

    /// Registers the method set of a concrete type (and of its pointer type) for dynamic dispatch.
    pub fn ensure_methods(&mut self, t: CT) -> R<()> {
        let rt = self.rt(t)?;
        if !self.methods_done.insert(rt) {
            return Ok(());
        }
        let (base, is_ptr) = match self.ty.get(t).clone() {
            Type::Pointer(e) => (e, true),
            _ => (t, false),
        };
        let named = self
            .ty
            .named_of(base)
            .cloned()
            .filter(|n| n.pkg != u32::MAX);
        if let Some(n) = named {
            let targs: Vec<CT> = n
                .origin
                .as_ref()
                .map(|(_, a)| a.clone())
                .unwrap_or_default();
            let methods = match &n.origin {
                Some((g, _)) => self.ty.named[*g as usize].methods.clone(),
                None => n.methods.clone(),
            };
            for (name, fobj) in methods {
                let fobj = ObjId(fobj);
                let ptr_recv = self
                    .func_decl(fobj)
                    .and_then(|(_, fd)| fd.recv.as_ref())
                    .is_some_and(|r| matches!(r.typ.unparen().kind, crate::ast::ExprKind::Star(_)));
                if ptr_recv && !is_ptr {
                    continue;
                }
                let receiver = if is_ptr && !ptr_recv {
                    Receiver::Deref
                } else {
                    Receiver::AsIs
                };
                let has_body = self
                    .func_decl(fobj)
                    .is_some_and(|(_, fd)| fd.body.is_some());
                let func = if has_body {
                    self.func_for(fobj, targs.clone())?
                } else {
                    match intrinsics::method_wrapper(self, fobj, base)? {
                        Some(f) => f,
                        None => continue,
                    }
                };
                let name_id = self.p.types.name_id(&name);
                let o = self.ck.info.objects[fobj.0 as usize].clone();
                let m: HashMap<CT, CT> = n
                    .origin
                    .as_ref()
                    .map(|(g, a)| {
                        self.ty.named[*g as usize]
                            .tparams
                            .iter()
                            .copied()
                            .zip(a.iter().copied())
                            .collect()
                    })
                    .unwrap_or_default();
                let sig = self.subst(o.typ, &m);
                let sig_rt = match self.ty.get(sig).clone() {
                    Type::Func {
                        params,
                        results,
                        variadic,
                    } => {
                        let ps = params.get(1..).unwrap_or(&[]).to_vec();
                        let no_recv = self.ty.func(ps, results, variadic);
                        Some(self.rt(no_recv)?)
                    }
                    _ => None,
                };
                self.p.types.add_method(
                    rt,
                    Method {
                        name: name_id,
                        ty: sig_rt,
                        imp: MethodImpl::Func { func, receiver },
                    },
                );
            }
        }
        self.promote(base, rt, is_ptr)?;
        if !is_ptr {
            let pt = self.ty.pointer(t);
            self.ensure_methods(pt)?;
        }
        // fmt calls String/Error on elements and fields too: register the component types' methods
        let parts: Vec<CT> = match self.ty.get(self.ty.under(t)).clone() {
            Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => vec![e],
            Type::Pointer(e) => vec![e],
            Type::Map(k, v) => vec![k, v],
            Type::Struct(fields) => fields.iter().map(|f| f.typ).collect(),
            _ => vec![],
        };
        for p in parts {
            if !self.ty.is_interface(p) && !matches!(self.ty.get(p), Type::TypeParam(_)) {
                self.ensure_methods(p)?;
            }
        }
        Ok(())
    }

    /// Adds the methods promoted from embedded fields of struct type `base` to the method table of `rt`
    /// (`base` or `*base`), through generated wrappers that select the field.
    fn promote(&mut self, base: CT, rt: RT, is_ptr: bool) -> R<()> {
        let Type::Struct(fields) = self.ty.get(self.ty.under(base)).clone() else {
            return Ok(());
        };
        let srt = self.rt(base)?;
        let outer_name = self.p.types.name(rt).to_string();
        for (i, f) in fields.iter().enumerate() {
            if !f.embedded {
                continue;
            }
            let off = self.field_offset(srt, i);
            let ft = f.typ;
            let frt = self.rt(ft)?;
            if self.ty.is_interface(ft) {
                let TypeKind::Interface { methods } = self.p.types.kind(frt).clone() else {
                    continue;
                };
                for m in methods {
                    if self.p.types.method(rt, m.name).is_some() {
                        continue;
                    }
                    let (np, results) = match self.p.types.kind(m.ty).clone() {
                        TypeKind::Func {
                            params, results, ..
                        } => (params.len() as u16, results),
                        _ => continue,
                    };
                    let name = format!("{outer_name}.{}", self.p.types.name_str(m.name));
                    let func =
                        promoted_iface_wrapper(self, &name, is_ptr, off, frt, m.name, np, results);
                    self.p.types.add_method(
                        rt,
                        Method {
                            name: m.name,
                            ty: Some(m.ty),
                            imp: MethodImpl::Func {
                                func,
                                receiver: Receiver::AsIs,
                            },
                        },
                    );
                }
                continue;
            }
            let (elem_ct, embedded_ptr) = match self.ty.get(ft).clone() {
                Type::Pointer(e) => (e, true),
                _ => (ft, false),
            };
            let ptr_ct = self.ty.pointer(elem_ct);
            self.ensure_methods(elem_ct)?;
            let ert = self.rt(elem_ct)?;
            let eprt = self.rt(ptr_ct)?;
            // candidate table: *E's when reachable by pointer, else E's
            let table_rt = if embedded_ptr || is_ptr { eprt } else { ert };
            let methods = self.p.types.desc(table_rt).methods.clone();
            for m in methods {
                if self.p.types.method(rt, m.name).is_some() {
                    continue;
                }
                let MethodImpl::Func {
                    func: target,
                    receiver,
                } = m.imp
                else {
                    continue;
                };
                let (np, results) = {
                    let f = &self.p.funcs[target.0 as usize];
                    (f.params.saturating_sub(1), f.result_types.clone())
                };
                // how the target wants its receiver
                let wants_ptr = table_rt == eprt && receiver == Receiver::AsIs;
                let name = format!("{outer_name}.{}", self.p.types.name_str(m.name));
                let func = promoted_wrapper(
                    self,
                    &name,
                    PromoteRecv {
                        outer_ptr: is_ptr,
                        off,
                        field_rt: frt,
                        embedded_ptr,
                        wants_ptr,
                        elem_rt: ert,
                    },
                    target,
                    np,
                    results,
                );
                self.p.types.add_method(
                    rt,
                    Method {
                        name: m.name,
                        ty: m.ty,
                        imp: MethodImpl::Func {
                            func,
                            receiver: Receiver::AsIs,
                        },
                    },
                );
            }
        }
        Ok(())
    }

    /// Whether a checker type is an interface.
    pub fn is_iface(&self, t: CT) -> bool {
        self.ty.is_interface(t)
    }
}

/// How a promoted-method wrapper reaches the embedded receiver.
struct PromoteRecv {
    outer_ptr: bool,
    off: u32,
    field_rt: RT,
    embedded_ptr: bool,
    wants_ptr: bool,
    elem_rt: RT,
}

fn push_func(
    l: &mut Lowerer<'_>,
    name: &str,
    params: u16,
    regs: u16,
    results: Vec<RT>,
    code: Vec<Instr>,
) -> FuncId {
    let f = Func {
        name: name.to_string(),
        params,
        results: results.len() as u16,
        regs,
        result_types: results,
        recover_pc: None,
        spans: vec![SourceSpan::default(); code.len()],
        code,
        selects: vec![],
        locals: vec![],
    };
    l.p.funcs.push(f);
    FuncId(l.p.funcs.len() as u32 - 1)
}

/// Loads the embedded field (value) from the outer receiver in r0 into `dst`.
fn load_field(code: &mut Vec<Instr>, outer_ptr: bool, off: u32, ty: RT, dst: Reg) {
    if outer_ptr {
        code.push(Instr::LoadField {
            dst,
            ptr: Reg(0),
            offset: off,
            ty,
        });
    } else {
        code.push(Instr::GetField {
            dst,
            src: Reg(0),
            offset: off,
            ty,
        });
    }
}

fn promoted_wrapper(
    l: &mut Lowerer<'_>,
    name: &str,
    r: PromoteRecv,
    target: FuncId,
    np: u16,
    results: Vec<RT>,
) -> FuncId {
    let n = np + 1;
    let args = Reg(n);
    let mut code = Vec::new();
    match (r.embedded_ptr, r.wants_ptr) {
        (true, true) => load_field(&mut code, r.outer_ptr, r.off, r.field_rt, args),
        (true, false) => {
            load_field(&mut code, r.outer_ptr, r.off, r.field_rt, args);
            code.push(Instr::Load {
                dst: args,
                ptr: args,
                ty: r.elem_rt,
            });
        }
        (false, true) => code.push(Instr::FieldAddr {
            dst: args,
            ptr: Reg(0),
            offset: r.off,
        }),
        (false, false) => load_field(&mut code, r.outer_ptr, r.off, r.field_rt, args),
    }
    for i in 1..n {
        code.push(Instr::Move {
            dst: Reg(n + i),
            src: Reg(i),
        });
    }
    let dst = Reg(2 * n);
    code.push(Instr::Call {
        func: target,
        args,
        dst,
    });
    code.push(Instr::Return {
        src: dst,
        count: results.len() as u16,
    });
    let regs = 2 * n + (results.len() as u16).max(1);
    push_func(l, name, n, regs, results, code)
}

#[allow(clippy::too_many_arguments)]
fn promoted_iface_wrapper(
    l: &mut Lowerer<'_>,
    name: &str,
    outer_ptr: bool,
    off: u32,
    field_rt: RT,
    method: runtime::program::NameId,
    np: u16,
    results: Vec<RT>,
) -> FuncId {
    let n = np + 1;
    let recv = Reg(n);
    let mut code = Vec::new();
    load_field(&mut code, outer_ptr, off, field_rt, recv);
    let dst = Reg(n + 1);
    code.push(Instr::CallMethod {
        recv,
        method,
        args: Reg(1),
        dst,
    });
    code.push(Instr::Return {
        src: dst,
        count: results.len() as u16,
    });
    let regs = n + 1 + (results.len() as u16).max(1);
    push_func(l, name, n, regs, results, code)
}

/// The runtime's name of the native for the Go function `name`: the runtime registers natives under the last
/// element of the package path ("utf8.RuneCount" for "unicode/utf8.RuneCount").
pub(crate) fn native_key(name: &str) -> &str {
    match name {
        // the prelude's vars strconv.ErrRange/ErrSyntax take these natives' values
        "strconv.errRange" => return "strconv.ErrRange",
        "strconv.errSyntax" => return "strconv.ErrSyntax",
        _ => {}
    }
    match name.rfind('/') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Looks up the native implementing the Go function `name` (see [`native_key`]).
pub(crate) fn lookup_native(name: &str) -> Option<&'static runtime::natives::Native> {
    runtime::natives::lookup(native_key(name))
}
