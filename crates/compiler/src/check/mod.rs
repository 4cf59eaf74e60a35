//! Name resolution and type checking for the supported Go subset; models
//! cmd/compile/internal/types2 (check.go, resolver.go, decl.go) and reports gc's messages.
//!
//! Invariants:
//! - Package-level objects are declared lazily and exactly once (`DeclState`); a reference to an
//!   object still being declared is a cycle.
//! - Only errors in the user's file (file 0) are reported; the embedded prelude must check
//!   cleanly (a test asserts it).
//! - Every checked expression has an entry in `Info::types`, keyed by its `NodeId`.

mod branches;
mod call;
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
            objs.sort_by_key(|o| self.obj(*o).pos);
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
            named.sort_by_key(|o| self.obj(*o).pos);
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
            orphans.sort();
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
                    names.sort();
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

    /// Declares a package-level object (lazily, once).
    fn obj_decl(&mut self, o: ObjId) {
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

    fn func_decl(&mut self, o: ObjId, fd: &'a ast::FuncDecl, file: u32, di: u32) {
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
    fn declare_tparams(&mut self, fields: &'a [ast::Field]) -> Vec<TypeId> {
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
    fn constraint_type(&mut self, e: &'a Expr) -> TypeId {
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

    fn type_decl(&mut self, o: ObjId, spec: &'a ast::TypeSpec) {
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
    fn complete_underlying(&mut self) {
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
    fn complete_instances(&mut self) {
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

    fn const_spec(&mut self, o: ObjId, specs: &'a [ast::ConstSpec], si: usize, ni: usize) {
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

    fn set_iota(&mut self, v: Option<u32>) -> Option<u32> {
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

    fn iota_active(&self) -> bool {
        self.scopes[self.universe.0 as usize]
            .names
            .get("iota")
            .map(|o| self.obj(*o).used)
            .unwrap_or(false)
    }

    /// Checks `var a, b T = x, y` for the given (already created) objects.
    fn var_spec(&mut self, objs: &[ObjId], spec: &'a ast::VarSpec) {
        let typ = spec.typ.as_ref().map(|t| self.type_expr(t));
        self.init_vars(objs, typ, &spec.values, spec.span.lo, false);
    }

    /// Type-checks the body of a top-level function or method.
    fn func_body_decl(&mut self, file: u32, di: u32) {
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

    fn declare_recv_tparams(&mut self, recv: &'a ast::Field, _o: ObjId) {
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
    fn func_body(
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

    fn report_unused(&mut self, vars: Vec<ObjId>) {
        let mut unused: Vec<(u32, String)> = vars
            .iter()
            .filter(|v| !self.obj(**v).used)
            .map(|v| (self.obj(*v).pos, self.obj(*v).name.clone()))
            .collect();
        unused.sort();
        for (at, name) in unused {
            self.error(at, format!("declared and not used: {name}"));
        }
    }

    /// Declares a local variable (tracked for "declared and not used").
    fn declare_var(&mut self, ident: &ast::Ident, t: TypeId) -> ObjId {
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
