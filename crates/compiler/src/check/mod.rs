//! Name resolution and type checking for the supported Go subset; models
//! cmd/compile/internal/types2 (check.go, resolver.go, decl.go) and reports gc's messages.
//!
//! Invariants:
//! - Package-level objects are declared lazily and exactly once (`DeclState`); a reference to an
//!   object still being declared is a cycle.
//! - Only errors in the user's file (file 0) are reported; the embedded prelude must check
//!   cleanly (a test asserts it).
//! - Every checked expression has an entry in `Info::types`, keyed by its `NodeId`.

mod assignments;
mod branches;
mod builtins;
mod call;
mod decl;
mod expr;
mod lookup;
mod operators;
mod selectors;
mod stmt;

use std::collections::HashMap;

use crate::ast::{self, Decl, Expr, ExprKind, File, FuncDecl, NodeId};
use crate::constant::ConstValue;
use crate::diagnostic::{self, Diagnostic, RawError};
use crate::prelude;
use crate::types::{Basic, Type, TypeId, Types};

pub use lookup::Selection;

/// Index of an object in `Info::objects`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjId(pub u32);

/// Index of a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ScopeId(pub u32);

/// Predeclared functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
}

impl Builtin {
    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Append => "append",
            Cap => "cap",
            Clear => "clear",
            Close => "close",
            Complex => "complex",
            Copy => "copy",
            Delete => "delete",
            Imag => "imag",
            Len => "len",
            Make => "make",
            Max => "max",
            Min => "min",
            New => "new",
            Panic => "panic",
            Print => "print",
            Println => "println",
            Real => "real",
            Recover => "recover",
        }
    }
}

/// What an object is.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjKind {
    /// A variable, parameter, result or struct field.
    Var,
    Const(ConstValue),
    TypeName,
    /// A function or method; `decl` locates its declaration.
    Func,
    /// An imported package (index into `Info::packages`).
    PkgName(u32),
    Builtin(Builtin),
    Nil,
    Label,
}

/// Where a package-level object is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclRef {
    /// file, decl index, spec index, name index
    Const(u32, u32, u32, u32),
    Var(u32, u32, u32, u32),
    Type(u32, u32, u32),
    Func(u32, u32),
}

/// Lazy declaration state of package-level objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclState {
    Unchecked,
    InProgress,
    Done,
}

/// A named language entity.
#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    pub typ: TypeId,
    /// Package index (0 = the user's package).
    pub pkg: u32,
    /// File index and byte offset of the declaring identifier.
    pub file: u32,
    pub pos: u32,
    pub used: bool,
    pub decl: Option<DeclRef>,
    pub state: DeclState,
    /// For methods: the receiver's base named type.
    pub recv_base: Option<TypeId>,
    /// For generic functions: the type parameters.
    pub tparams: Vec<TypeId>,
}

/// A package known to the checker.
#[derive(Clone, Debug)]
pub struct Package {
    pub name: String,
    pub path: String,
    pub scope: ScopeId,
    /// File index in `CheckedFile::files`.
    pub file: u32,
}

#[derive(Clone, Debug, Default)]
struct Scope {
    parent: Option<ScopeId>,
    names: HashMap<String, ObjId>,
}

/// The recorded type and constant value of an expression.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeAndValue {
    pub typ: TypeId,
    /// The constant value, for constant expressions.
    pub value: Option<ConstValue>,
    /// The expression denotes a type.
    pub is_type: bool,
}

/// Type information the lowering uses.
#[derive(Clone, Debug, Default)]
pub struct Info {
    pub types: HashMap<NodeId, TypeAndValue>,
    /// Identifier -> the object it declares.
    pub defs: HashMap<NodeId, ObjId>,
    /// Identifier -> the object it refers to.
    pub uses: HashMap<NodeId, ObjId>,
    /// Selector expression -> what it selects.
    pub selections: HashMap<NodeId, Selection>,
    /// Generic function or type expression -> inferred or explicit type arguments.
    pub instances: HashMap<NodeId, Vec<TypeId>>,
    /// Type switch case clause, by (file index, offset of its `case`/`default` keyword) -> the
    /// variable the clause declares (`switch v := x.(type)`).
    pub implicits: HashMap<(u32, u32), ObjId>,
    pub objects: Vec<Object>,
    pub packages: Vec<Package>,
}

/// A type-checked file plus the prelude packages it imports.
#[derive(Clone, Debug)]
pub struct CheckedFile {
    /// The user's file is `files[0]`; the others are prelude package sources.
    pub files: Vec<File>,
    pub info: Info,
    pub types: Types,
    /// The user's package-level function `main`, if declared.
    pub main: Option<ObjId>,
}

/// Parses and type-checks one `package main` file. Diagnostics are gc's: sorted, at most 10 and
/// then "too many errors".
pub fn check(file_name: &str, src: &str) -> Result<CheckedFile, Vec<Diagnostic>> {
    check_with_limit(file_name, src, diagnostic::ERRORS_MAX)
}

/// Like [`check`], reporting up to `errors_max` diagnostics (gc's `-e` flag is `usize::MAX`).
pub fn check_with_limit(
    file_name: &str,
    src: &str,
    errors_max: usize,
) -> Result<CheckedFile, Vec<Diagnostic>> {
    let (file, errors) = crate::parser::parse(src);
    if !errors.is_empty() {
        return Err(diagnostic::finish_with_limit(
            file_name, src, &errors, errors_max,
        ));
    }
    let Some(file) = file else {
        return Err(diagnostic::finish(
            file_name,
            src,
            &[RawError {
                offset: 0,
                message: "syntax error: package statement must be first".into(),
                syntax: true,
                note: None,
            }],
        ));
    };
    let mut files = vec![file];
    // Load the prelude packages the file needs, transitively.
    let mut paths: Vec<String> = Vec::new();
    let mut i = 0;
    let mut next_id = 1u32 << 24;
    let mut queue: Vec<String> = files[0].imports.iter().map(|s| s.path.clone()).collect();
    while i < queue.len() {
        let path = queue[i].clone();
        i += 1;
        if paths.contains(&path) {
            continue;
        }
        let Some(psrc) = prelude::source(&path) else {
            continue;
        };
        let (pf, perrs) = crate::parser::parse_with_ids(psrc, next_id);
        next_id += 1 << 20;
        debug_assert!(
            perrs.is_empty(),
            "prelude {path} has syntax errors: {perrs:?}"
        );
        if let Some(pf) = pf {
            queue.extend(pf.imports.iter().map(|s| s.path.clone()));
            paths.push(path);
            files.push(pf);
        }
    }
    let op_assigns = synthesize_op_assigns(&files);
    let mut c = Checker::new(&files, &op_assigns);
    c.types.names = crate::types::AliasNames::from_source(src);
    c.run(&paths);
    let prelude_errors: Vec<&(u32, RawError)> = c.errors.iter().filter(|(f, _)| *f != 0).collect();
    debug_assert!(
        prelude_errors.is_empty(),
        "prelude errors: {prelude_errors:?}"
    );
    let user_errors: Vec<RawError> = c
        .errors
        .iter()
        .filter(|(f, _)| *f == 0)
        .map(|(_, e)| e.clone())
        .collect();
    if !user_errors.is_empty() {
        return Err(diagnostic::finish_with_limit(
            file_name,
            src,
            &user_errors,
            errors_max,
        ));
    }
    let main = c.main;
    let (info, types) = (std::mem::take(&mut c.info), std::mem::take(&mut c.types));
    drop(c);
    Ok(CheckedFile {
        files,
        info,
        types,
        main,
    })
}

/// Per-function context.
#[derive(Clone, Debug, Default)]
struct FuncCtx {
    /// Result types of the enclosing function.
    results: Vec<TypeId>,
    /// Named results (for bare returns).
    named_results: bool,
}

struct Checker<'a> {
    files: &'a [File],
    /// `x op= y` statements (by file and offset) as the expression `x op y`.
    op_assigns: &'a HashMap<(u32, u32), Expr>,
    types: Types,
    info: Info,
    scopes: Vec<Scope>,
    universe: ScopeId,
    /// File scope per file (holds imports).
    file_scopes: Vec<ScopeId>,
    /// Package index per file.
    file_pkg: Vec<u32>,
    cur_file: u32,
    cur_scope: ScopeId,
    errors: Vec<(u32, RawError)>,
    /// Methods per (package, receiver base type name): (file, decl index).
    method_decls: HashMap<(u32, String), Vec<(u32, u32)>>,
    /// Named types whose methods were collected.
    methods_collected: std::collections::HashSet<TypeId>,
    /// Instances whose underlying type awaits their generic type's declaration.
    pending_instances: Vec<TypeId>,
    fctx: Vec<FuncCtx>,
    /// Variables declared per function, checked for use at the function's end.
    func_vars: Vec<Vec<ObjId>>,
    /// Imports of file 0: (object, path, offset).
    imports0: Vec<(ObjId, String, u32)>,
    main: Option<ObjId>,
    /// Universe objects commonly needed.
    error_type: TypeId,
    any_type: TypeId,
    comparable_type: TypeId,
    /// Depth guard for recursive checks.
    depth: u32,
    /// Delayed function bodies: (file, decl index).
    bodies: Vec<(u32, u32)>,
    /// Set while evaluating the value of a one-variable assignment: a multi-value call there is
    /// an "assignment mismatch" (reported at this offset) rather than a single-value error.
    single_assign_at: Option<u32>,
    /// Statement nesting depth and whether "nested this deeply" was reported.
    stmt_depth: u32,
    stmt_depth_reported: bool,
    /// Package-level objects per file, in declaration order (blank ones included).
    pkg_objects: Vec<Vec<ObjId>>,
    /// `type A B` declarations waiting for B's underlying type: (A, B).
    pending_underlying: Vec<(TypeId, TypeId)>,
    /// Exact rational values of float constant expressions and objects (see `constant::Rat`).
    exact: HashMap<NodeId, crate::constant::Rat>,
    exact_obj: HashMap<ObjId, crate::constant::Rat>,
}

impl<'a> Checker<'a> {
    fn new(files: &'a [File], op_assigns: &'a HashMap<(u32, u32), Expr>) -> Checker<'a> {
        let mut c = Checker {
            files,
            op_assigns,
            types: Types::new(),
            info: Info::default(),
            scopes: Vec::new(),
            universe: ScopeId(0),
            file_scopes: Vec::new(),
            file_pkg: Vec::new(),
            cur_file: 0,
            cur_scope: ScopeId(0),
            errors: Vec::new(),
            method_decls: HashMap::new(),
            methods_collected: Default::default(),
            pending_instances: Vec::new(),
            fctx: Vec::new(),
            func_vars: Vec::new(),
            imports0: Vec::new(),
            main: None,
            error_type: TypeId::INVALID,
            any_type: TypeId::INVALID,
            comparable_type: TypeId::INVALID,
            depth: 0,
            bodies: Vec::new(),
            single_assign_at: None,
            stmt_depth: 0,
            stmt_depth_reported: false,
            pkg_objects: Vec::new(),
            pending_underlying: Vec::new(),
            exact: HashMap::new(),
            exact_obj: HashMap::new(),
        };
        c.types.pkg_names.push("main".into());
        c.universe = c.new_scope(None, false);
        c.declare_universe();
        c
    }

    // ---- errors

    fn error(&mut self, at: u32, message: impl Into<String>) {
        let message = message.into();
        self.errors.push((
            self.cur_file,
            RawError {
                offset: at,
                message,
                syntax: false,
                note: None,
            },
        ));
    }

    fn error_note(&mut self, at: u32, message: impl Into<String>, note_at: u32, note: String) {
        let message = message.into();
        self.errors.push((
            self.cur_file,
            RawError {
                offset: at,
                message,
                syntax: false,
                note: Some((note_at, note)),
            },
        ));
    }

    /// gc's checks of `func init` and `func main` (types2 resolver.go): no type parameters, no
    /// parameters, no results.
    fn check_entry_signature(&mut self, fd: &FuncDecl, name: &str) {
        if let Some(tp) = fd.tparams.first() {
            let at = tp.names.first().map_or(tp.span.lo, |n| n.span.lo);
            self.error(at, format!("func {name} must have no type parameters"));
        }
        if !fd.typ.params.is_empty() || !fd.typ.results.is_empty() {
            self.error(
                fd.name.span.lo,
                format!("func {name} must have no arguments and no return values"),
            );
        }
    }

    fn unsupported(&mut self, at: u32, feature: &str) {
        self.error(at, format!("not supported by Goroscope yet: {feature}"));
    }

    // ---- scopes and objects

    fn new_scope(&mut self, parent: Option<ScopeId>, is_func: bool) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        let _ = is_func;
        self.scopes.push(Scope {
            parent,
            names: HashMap::new(),
        });
        id
    }

    fn new_obj(&mut self, name: &str, kind: ObjKind, typ: TypeId, pos: u32) -> ObjId {
        let id = ObjId(self.info.objects.len() as u32);
        let pkg = self
            .file_pkg
            .get(self.cur_file as usize)
            .copied()
            .unwrap_or(0);
        self.info.objects.push(Object {
            name: name.to_string(),
            kind,
            typ,
            pkg,
            file: self.cur_file,
            pos,
            used: false,
            decl: None,
            state: DeclState::Done,
            recv_base: None,
            tparams: vec![],
        });
        id
    }

    fn obj(&self, id: ObjId) -> &Object {
        &self.info.objects[id.0 as usize]
    }

    fn obj_mut(&mut self, id: ObjId) -> &mut Object {
        &mut self.info.objects[id.0 as usize]
    }

    /// Declares `obj` in `scope`; reports gc's redeclaration error.
    fn declare(&mut self, scope: ScopeId, obj: ObjId) {
        let name = self.obj(obj).name.clone();
        if name == "_" {
            return;
        }
        if let Some(&prev) = self.scopes[scope.0 as usize].names.get(&name) {
            self.obj_mut(obj).used = true;
            let (at, prev_pos) = (self.obj(obj).pos, self.obj(prev).pos);
            self.error_note(
                at,
                format!("{name} redeclared in this block"),
                prev_pos,
                format!("other declaration of {name}"),
            );
            return;
        }
        self.scopes[scope.0 as usize].names.insert(name, obj);
    }

    fn lookup(&self, name: &str) -> Option<ObjId> {
        let mut s = Some(self.cur_scope);
        while let Some(id) = s {
            let sc = &self.scopes[id.0 as usize];
            if let Some(&o) = sc.names.get(name) {
                return Some(o);
            }
            s = sc.parent;
        }
        None
    }

    fn open_scope(&mut self, is_func: bool) {
        let s = self.new_scope(Some(self.cur_scope), is_func);
        self.cur_scope = s;
    }

    fn close_scope(&mut self) {
        if let Some(p) = self.scopes[self.cur_scope.0 as usize].parent {
            self.cur_scope = p;
        }
    }

    fn declare_universe(&mut self) {
        let u = self.universe;
        let basics = [
            ("bool", Basic::Bool),
            ("int", Basic::Int),
            ("int8", Basic::Int8),
            ("int16", Basic::Int16),
            ("int32", Basic::Int32),
            ("int64", Basic::Int64),
            ("uint", Basic::Uint),
            ("uint8", Basic::Uint8),
            ("uint16", Basic::Uint16),
            ("uint32", Basic::Uint32),
            ("uint64", Basic::Uint64),
            ("uintptr", Basic::Uintptr),
            ("float32", Basic::Float32),
            ("float64", Basic::Float64),
            ("complex64", Basic::Complex64),
            ("complex128", Basic::Complex128),
            ("string", Basic::String),
            ("byte", Basic::Uint8),
            ("rune", Basic::Int32),
        ];
        for (name, b) in basics {
            let t = self.types.basic(b);
            let o = self.new_obj(name, ObjKind::TypeName, t, 0);
            self.declare(u, o);
        }
        // error: interface{ Error() string }
        let err_named = self.types.new_named("error", u32::MAX);
        let string_t = self.types.basic(Basic::String);
        let sig = self.types.func(vec![], vec![string_t], false);
        let iface = self.types.intern(Type::Interface {
            methods: vec![crate::types::IfaceMethod {
                name: "Error".into(),
                sig,
                pkg: u32::MAX,
            }],
            terms: None,
            comparable: false,
        });
        if let Some(n) = self.types.named_mut(err_named) {
            n.underlying = iface;
        }
        self.error_type = err_named;
        let o = self.new_obj("error", ObjKind::TypeName, err_named, 0);
        self.declare(u, o);
        let any = self.types.empty_interface();
        self.any_type = any;
        let o = self.new_obj("any", ObjKind::TypeName, any, 0);
        self.declare(u, o);
        let cmp_named = self.types.new_named("comparable", u32::MAX);
        let cmp = self.types.intern(Type::Interface {
            methods: vec![],
            terms: None,
            comparable: true,
        });
        if let Some(n) = self.types.named_mut(cmp_named) {
            n.underlying = cmp;
        }
        self.comparable_type = cmp_named;
        let o = self.new_obj("comparable", ObjKind::TypeName, cmp_named, 0);
        self.declare(u, o);
        let ub = self.types.basic(Basic::UntypedBool);
        for (name, v) in [("true", true), ("false", false)] {
            let o = self.new_obj(name, ObjKind::Const(ConstValue::Bool(v)), ub, 0);
            self.declare(u, o);
        }
        let ui = self.types.basic(Basic::UntypedInt);
        let o = self.new_obj("iota", ObjKind::Const(ConstValue::Int(0)), ui, 0);
        self.declare(u, o);
        let un = self.types.basic(Basic::UntypedNil);
        let o = self.new_obj("nil", ObjKind::Nil, un, 0);
        self.declare(u, o);
        use Builtin::*;
        for b in [
            Append, Cap, Clear, Close, Complex, Copy, Delete, Imag, Len, Make, Max, Min, New,
            Panic, Print, Println, Real, Recover,
        ] {
            let o = self.new_obj(b.name(), ObjKind::Builtin(b), TypeId::INVALID, 0);
            self.declare(u, o);
        }
        // Universe names print without a package.
        self.types.pkg_names.resize(1, String::new());
    }

    // ---- driver

    fn run(&mut self, prelude_paths: &[String]) {
        // Packages: 0 = main (file 0), then prelude files in order.
        let files = self.files;
        for (fi, f) in files.iter().enumerate() {
            let pkg_idx = self.info.packages.len() as u32;
            let scope = self.new_scope(Some(self.universe), false);
            let path = if fi == 0 {
                "main".to_string()
            } else {
                prelude_paths[fi - 1].clone()
            };
            self.info.packages.push(Package {
                name: f.package.name.clone(),
                path,
                scope,
                file: fi as u32,
            });
            if fi > 0 {
                self.types.pkg_names.push(f.package.name.clone());
            } else {
                self.types.pkg_names[0] = String::new();
            }
            self.file_pkg.push(pkg_idx);
            let fs = self.new_scope(Some(scope), false);
            self.file_scopes.push(fs);
        }
        if files[0].package.name != "main" {
            self.cur_file = 0;
            let at = files[0].package.span.lo;
            self.unsupported(at, "packages other than main");
        }
        // Collect package-level objects of every file.
        for fi in 0..files.len() {
            self.collect(fi as u32);
        }
        // Imports.
        for fi in 0..files.len() {
            self.resolve_imports(fi as u32);
        }
        // Declare everything in source order, prelude packages first (dependencies), then main.
        let order: Vec<u32> = (1..files.len() as u32)
            .rev()
            .chain(std::iter::once(0))
            .collect();
        for &fi in &order {
            self.cur_file = fi;
            let scope = self.info.packages[self.file_pkg[fi as usize] as usize].scope;
            let _ = scope;
            // Every package-level object of the file, including blank (`_`) ones.
            let mut objs: Vec<ObjId> = self
                .pkg_objects
                .get(fi as usize)
                .cloned()
                .unwrap_or_default();
            runtime::util::sort_by_key(&mut objs, |o| self.obj(*o).pos);
            for o in objs {
                self.obj_decl(o);
            }
            // Methods of types declared in this package.
            let mut named: Vec<ObjId> = self.scopes[scope.0 as usize]
                .names
                .values()
                .copied()
                .filter(|o| self.obj(*o).kind == ObjKind::TypeName)
                .collect();
            runtime::util::sort_by_key(&mut named, |o| self.obj(*o).pos);
            for o in named {
                let t = self.obj(o).typ;
                self.collect_methods(t);
            }
            // Methods on undeclared receiver types.
            let pkg = self.file_pkg[fi as usize];
            let mut orphans: Vec<(u32, u32)> = Vec::new();
            for ((p, name), decls) in &self.method_decls {
                if *p == pkg && !self.scopes[scope.0 as usize].names.contains_key(name) {
                    orphans.extend(decls.iter().copied());
                }
            }
            runtime::util::sort(&mut orphans);
            for (file, di) in orphans {
                self.cur_file = file;
                if let Decl::Func(fd) = &self.files[file as usize].decls[di as usize] {
                    if let Some(recv) = &fd.recv {
                        let base = recv_base_name(&recv.typ);
                        if let Some((name, at)) = base {
                            if self.scopes[self.universe.0 as usize]
                                .names
                                .contains_key(&name)
                            {
                                self.error(
                                    recv.span.lo,
                                    format!("cannot define new methods on non-local type {name}"),
                                );
                            } else {
                                self.error(at, format!("undefined: {name}"));
                            }
                        }
                    }
                }
            }
            self.cur_file = fi;
            // Function bodies.
            let bodies = std::mem::take(&mut self.bodies);
            for (file, di) in bodies {
                self.cur_file = file;
                self.func_body_decl(file, di);
            }
            if fi == 0 {
                self.unused_imports();
            }
        }
        self.cur_file = 0;
        for (a, _) in std::mem::take(&mut self.pending_underlying) {
            if let Some(o) = self.type_obj_pub(a) {
                let (at, name, file) =
                    (self.obj(o).pos, self.obj(o).name.clone(), self.obj(o).file);
                self.cur_file = file;
                self.error(at, format!("invalid recursive type {name}"));
                self.cur_file = 0;
            }
        }
        if self.main.is_none() && files[0].package.name == "main" {
            // Reported by the linker in gc, without a position, and only if compiling succeeded.
            if self.errors.iter().all(|(f, _)| *f != 0) {
                self.errors.push((
                    0,
                    RawError {
                        offset: u32::MAX,
                        message:
                            "runtime.main_main·f: function main is undeclared in the main package"
                                .into(),
                        syntax: false,
                        note: None,
                    },
                ));
            }
        }
    }

    fn collect(&mut self, fi: u32) {
        self.cur_file = fi;
        let file = &self.files[fi as usize];
        let pkg = self.file_pkg[fi as usize];
        let scope = self.info.packages[pkg as usize].scope;
        for (di, d) in file.decls.iter().enumerate() {
            let di = di as u32;
            match d {
                Decl::Const(specs) => {
                    for (si, s) in specs.iter().enumerate() {
                        for (ni, n) in s.names.iter().enumerate() {
                            let o = self.new_obj(
                                &n.name,
                                ObjKind::Const(ConstValue::Int(0)),
                                TypeId::INVALID,
                                n.span.lo,
                            );
                            let ob = self.obj_mut(o);
                            ob.decl = Some(DeclRef::Const(fi, di, si as u32, ni as u32));
                            ob.state = DeclState::Unchecked;
                            self.info.defs.insert(n.id, o);
                            self.declare_pkg(scope, o, fi);
                        }
                    }
                }
                Decl::Var(specs) => {
                    for (si, s) in specs.iter().enumerate() {
                        for (ni, n) in s.names.iter().enumerate() {
                            let o = self.new_obj(&n.name, ObjKind::Var, TypeId::INVALID, n.span.lo);
                            let ob = self.obj_mut(o);
                            ob.decl = Some(DeclRef::Var(fi, di, si as u32, ni as u32));
                            ob.state = DeclState::Unchecked;
                            ob.used = true; // package-level variables may be unused
                            self.info.defs.insert(n.id, o);
                            self.declare_pkg(scope, o, fi);
                        }
                    }
                }
                Decl::Type(specs) => {
                    for (si, s) in specs.iter().enumerate() {
                        let t = if s.alias {
                            TypeId::INVALID
                        } else {
                            self.types.new_named(&s.name.name, pkg)
                        };
                        let o = self.new_obj(&s.name.name, ObjKind::TypeName, t, s.name.span.lo);
                        let ob = self.obj_mut(o);
                        ob.decl = Some(DeclRef::Type(fi, di, si as u32));
                        ob.state = DeclState::Unchecked;
                        self.info.defs.insert(s.name.id, o);
                        self.declare_pkg(scope, o, fi);
                    }
                }
                Decl::Func(fd) => {
                    if let Some(recv) = &fd.recv {
                        if let Some((base, _)) = recv_base_name(&recv.typ) {
                            self.method_decls
                                .entry((pkg, base))
                                .or_default()
                                .push((fi, di));
                        }
                        continue;
                    }
                    let o = self.new_obj(
                        &fd.name.name,
                        ObjKind::Func,
                        TypeId::INVALID,
                        fd.name.span.lo,
                    );
                    let ob = self.obj_mut(o);
                    ob.decl = Some(DeclRef::Func(fi, di));
                    ob.state = DeclState::Unchecked;
                    self.info.defs.insert(fd.name.id, o);
                    match fd.name.name.as_str() {
                        "init" => {
                            self.check_entry_signature(fd, "init");
                            // Still checked (its uses count), but not callable by name.
                            if self.pkg_objects.len() <= fi as usize {
                                self.pkg_objects.resize(fi as usize + 1, Vec::new());
                            }
                            self.pkg_objects[fi as usize].push(o);
                        }
                        "main" if fi == 0 => {
                            self.main = Some(o);
                            self.check_entry_signature(fd, "main");
                            self.declare_pkg(scope, o, fi);
                        }
                        _ => self.declare_pkg(scope, o, fi),
                    }
                    if fd.body.is_none() && fi == 0 {
                        self.error(fd.name.span.lo, "missing function body");
                    }
                }
            }
        }
    }

    fn declare_pkg(&mut self, scope: ScopeId, o: ObjId, fi: u32) {
        if self.pkg_objects.len() <= fi as usize {
            self.pkg_objects.resize(fi as usize + 1, Vec::new());
        }
        self.pkg_objects[fi as usize].push(o);
        self.declare(scope, o);
    }

    fn resolve_imports(&mut self, fi: u32) {
        self.cur_file = fi;
        let file = &self.files[fi as usize];
        let fs = self.file_scopes[fi as usize];
        for spec in &file.imports {
            let pkg_idx = self
                .info
                .packages
                .iter()
                .position(|p| p.path == spec.path && p.file != 0);
            let Some(pkg_idx) = pkg_idx else {
                if fi == 0 {
                    if prelude::is_std_path(&spec.path) {
                        self.unsupported(spec.path_span.lo, &format!("package {}", spec.path));
                    } else {
                        self.error(
                            spec.path_span.lo,
                            format!("package {} is not in std", spec.path),
                        );
                    }
                    // Uses of the name stay silent (one error per unsupported import).
                    let name = match &spec.name {
                        Some(n) => n.name.clone(),
                        None => spec.path.rsplit('/').next().unwrap_or("").to_string(),
                    };
                    if name != "_" && name != "." {
                        let o = self.new_obj(
                            &name,
                            ObjKind::PkgName(u32::MAX),
                            TypeId::INVALID,
                            spec.path_span.lo,
                        );
                        self.obj_mut(o).used = true;
                        self.declare(fs, o);
                    }
                }
                continue;
            };
            let pname = self.info.packages[pkg_idx].name.clone();
            match spec.name.as_ref().map(|n| n.name.as_str()) {
                Some("_") => {}
                Some(".") => {
                    // Every exported package-level name joins the file scope.
                    let pscope = self.info.packages[pkg_idx].scope;
                    let mut names: Vec<(String, ObjId)> = self.scopes[pscope.0 as usize]
                        .names
                        .iter()
                        .filter(|(n, _)| lookup::is_exported(n))
                        .map(|(n, o)| (n.clone(), *o))
                        .collect();
                    runtime::util::sort(&mut names);
                    for (n, o) in names {
                        self.scopes[fs.0 as usize].names.insert(n, o);
                    }
                }
                other => {
                    let name = other.unwrap_or(&pname).to_string();
                    let at = spec
                        .name
                        .as_ref()
                        .map(|n| n.span.lo)
                        .unwrap_or(spec.path_span.lo);
                    let o =
                        self.new_obj(&name, ObjKind::PkgName(pkg_idx as u32), TypeId::INVALID, at);
                    if let Some(n) = &spec.name {
                        self.info.defs.insert(n.id, o);
                    }
                    self.declare(fs, o);
                    if fi == 0 {
                        let shown = if other.is_some() {
                            format!("{:?} imported as {} and not used", spec.path, name)
                        } else {
                            format!("{:?} imported and not used", spec.path)
                        };
                        self.imports0.push((o, shown, spec.path_span.lo.min(at)));
                    }
                }
            }
        }
    }

    fn unused_imports(&mut self) {
        let imports = std::mem::take(&mut self.imports0);
        for (o, msg, at) in imports {
            if !self.obj(o).used {
                self.error(at, msg);
            }
        }
    }

    /// Records the type (and constant value) of an expression.
    fn record(&mut self, e: &Expr, typ: TypeId, value: Option<ConstValue>, is_type: bool) {
        self.info.types.insert(
            e.id,
            TypeAndValue {
                typ,
                value,
                is_type,
            },
        );
    }
}

/// Builds `x op y` for every `x op= y` statement, keyed by (file, statement offset). The
/// operands keep their node ids (their types are recorded once); the binary node gets an id
/// outside every file's range.
fn synthesize_op_assigns(files: &[File]) -> HashMap<(u32, u32), Expr> {
    fn walk_block(fi: u32, stmts: &[ast::Stmt], out: &mut HashMap<(u32, u32), Expr>) {
        for s in stmts {
            walk_stmt(fi, s, out);
        }
    }
    fn walk_expr(fi: u32, e: &Expr, out: &mut HashMap<(u32, u32), Expr>) {
        // Function literals contain statements.
        match &e.kind {
            ExprKind::FuncLit { body, .. } => walk_block(fi, &body.stmts, out),
            ExprKind::Call { fun, args, .. } => {
                walk_expr(fi, fun, out);
                for a in args {
                    walk_expr(fi, a, out);
                }
            }
            ExprKind::CompositeLit { elems, .. } => {
                for el in elems {
                    if let Some(k) = &el.key {
                        walk_expr(fi, k, out);
                    }
                    walk_expr(fi, &el.value, out);
                }
            }
            ExprKind::Paren(x)
            | ExprKind::Star(x)
            | ExprKind::Unary { x, .. }
            | ExprKind::Selector { x, .. }
            | ExprKind::TypeAssert { x, .. } => walk_expr(fi, x, out),
            ExprKind::Binary { x, y, .. } => {
                walk_expr(fi, x, out);
                walk_expr(fi, y, out);
            }
            ExprKind::Index { x, indices } => {
                walk_expr(fi, x, out);
                for i in indices {
                    walk_expr(fi, i, out);
                }
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                walk_expr(fi, x, out);
                for i in [lo, hi, max].into_iter().flatten() {
                    walk_expr(fi, i, out);
                }
            }
            _ => {}
        }
    }
    fn walk_stmt(fi: u32, s: &ast::Stmt, out: &mut HashMap<(u32, u32), Expr>) {
        use ast::StmtKind as K;
        match &s.kind {
            K::Assign {
                lhs,
                op: Some(op),
                rhs,
                op_pos,
            } => {
                if let (Some(l), Some(r)) = (lhs.first(), rhs.first()) {
                    let id = NodeId((1 << 31) | out.len() as u32);
                    let kind = ExprKind::Binary {
                        op: *op,
                        x: Box::new(l.clone()),
                        y: Box::new(r.clone()),
                        op_pos: *op_pos,
                    };
                    out.insert(
                        (fi, s.span.lo),
                        Expr {
                            id,
                            kind,
                            span: s.span,
                        },
                    );
                    walk_expr(fi, r, out);
                }
            }
            K::Assign { lhs, rhs, .. } | K::Define { lhs, rhs, .. } => {
                for e in lhs.iter().chain(rhs) {
                    walk_expr(fi, e, out);
                }
            }
            K::Expr(e) | K::Go(e) | K::Defer(e) => walk_expr(fi, e, out),
            K::Send { ch, value } => {
                walk_expr(fi, ch, out);
                walk_expr(fi, value, out);
            }
            K::IncDec { x, .. } => walk_expr(fi, x, out),
            K::Return(es) => {
                for e in es {
                    walk_expr(fi, e, out);
                }
            }
            K::Block(b) => walk_block(fi, &b.stmts, out),
            K::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    walk_stmt(fi, i, out);
                }
                walk_expr(fi, cond, out);
                walk_block(fi, &then.stmts, out);
                if let Some(e) = els {
                    walk_stmt(fi, e, out);
                }
            }
            K::Switch {
                init, tag, cases, ..
            } => {
                if let Some(i) = init {
                    walk_stmt(fi, i, out);
                }
                if let Some(t) = tag {
                    walk_expr(fi, t, out);
                }
                for c in cases {
                    for e in &c.exprs {
                        walk_expr(fi, e, out);
                    }
                    walk_block(fi, &c.body, out);
                }
            }
            K::TypeSwitch { init, x, cases, .. } => {
                if let Some(i) = init {
                    walk_stmt(fi, i, out);
                }
                walk_expr(fi, x, out);
                for c in cases {
                    walk_block(fi, &c.body, out);
                }
            }
            K::Select { cases } => {
                for c in cases {
                    if let Some(comm) = &c.comm {
                        walk_stmt(fi, comm, out);
                    }
                    walk_block(fi, &c.body, out);
                }
            }
            K::For {
                init,
                cond,
                post,
                body,
            } => {
                for st in [init, post].into_iter().flatten() {
                    walk_stmt(fi, st, out);
                }
                if let Some(c) = cond {
                    walk_expr(fi, c, out);
                }
                walk_block(fi, &body.stmts, out);
            }
            K::Range { x, body, .. } => {
                walk_expr(fi, x, out);
                walk_block(fi, &body.stmts, out);
            }
            K::Labeled { stmt, .. } => walk_stmt(fi, stmt, out),
            K::Decl(d) => walk_decl(fi, d, out),
            K::Bad | K::Empty | K::Branch { .. } => {}
        }
    }
    fn walk_decl(fi: u32, d: &Decl, out: &mut HashMap<(u32, u32), Expr>) {
        match d {
            Decl::Func(fd) => {
                if let Some(b) = &fd.body {
                    walk_block(fi, &b.stmts, out);
                }
            }
            Decl::Var(specs) => {
                for s in specs {
                    for v in &s.values {
                        walk_expr(fi, v, out);
                    }
                }
            }
            Decl::Const(_) | Decl::Type(_) => {}
        }
    }
    let mut out = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        for d in &f.decls {
            walk_decl(fi as u32, d, &mut out);
        }
    }
    out
}

/// The base type name of a receiver type expression (`T`, `*T`, `T[P]`, `*T[P]`) and its offset.
fn recv_base_name(e: &Expr) -> Option<(String, u32)> {
    match &e.kind {
        ExprKind::Name(n) => Some((n.clone(), e.span.lo)),
        ExprKind::Star(x) | ExprKind::Paren(x) => recv_base_name(x),
        ExprKind::Index { x, .. } => recv_base_name(x),
        _ => None,
    }
}
