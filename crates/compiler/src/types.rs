//! Go types as the checker sees them; models go/types (types2) Type, with an interning arena.
//!
//! Invariants:
//! - Structural types (pointer, slice, array, map, chan, func, struct, interface, tuple) are
//!   interned: two `TypeId`s are equal exactly when the types are identical (Go spec "Type
//!   identity"). Named types are unique per declaration and per instantiation.
//! - `Named::underlying` is never itself a `Named` once resolved (`TypeId::INVALID` until then).

use std::collections::HashMap;
use std::fmt::Write;

use crate::ast::ChanDir;

/// Index of a type in `Types`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// Predeclared basic kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basic {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
}

impl Basic {
    /// Go's name (`untyped int` for untyped kinds).
    pub fn name(self) -> &'static str {
        use Basic::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            String => "string",
            UnsafePointer => "unsafe.Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    pub fn is_integer(self) -> bool {
        use Basic::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }

    pub fn is_unsigned(self) -> bool {
        use Basic::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }

    pub fn is_float(self) -> bool {
        matches!(self, Basic::Float32 | Basic::Float64 | Basic::UntypedFloat)
    }

    pub fn is_complex(self) -> bool {
        matches!(self, Basic::Complex64 | Basic::Complex128)
    }

    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }

    pub fn is_string(self) -> bool {
        matches!(self, Basic::String | Basic::UntypedString)
    }

    pub fn is_boolean(self) -> bool {
        matches!(self, Basic::Bool | Basic::UntypedBool)
    }

    pub fn is_untyped(self) -> bool {
        use Basic::*;
        matches!(
            self,
            UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedString | UntypedNil
        )
    }

    pub fn is_ordered(self) -> bool {
        self.is_integer() || self.is_float() || self.is_string()
    }

    /// Size in bits of sized integer kinds (int and uint are 64 bits, as on amd64).
    pub fn int_bits(self) -> Option<u32> {
        use Basic::*;
        Some(match self {
            Int8 | Uint8 => 8,
            Int16 | Uint16 => 16,
            Int32 | Uint32 => 32,
            Int | Int64 | Uint | Uint64 | Uintptr => 64,
            _ => return None,
        })
    }
}

/// A struct field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StructField {
    pub name: String,
    pub typ: TypeId,
    pub embedded: bool,
    /// Package that declared the field (unexported names are package-local).
    pub pkg: u32,
    pub tag: Option<String>,
}

/// A method signature in an interface.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IfaceMethod {
    pub name: String,
    pub sig: TypeId,
    pub pkg: u32,
}

/// A term of a type set: `~T` or `T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub tilde: bool,
    pub typ: TypeId,
}

/// Type kinds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Basic(Basic),
    Named(u32),
    Pointer(TypeId),
    Slice(TypeId),
    Array(u64, TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Func {
        params: Vec<TypeId>,
        results: Vec<TypeId>,
        variadic: bool,
    },
    Struct(Vec<StructField>),
    /// A flattened interface: all methods (sorted by name), and the type-set terms if the
    /// interface restricts them (`None` = all types); `comparable` for the predeclared constraint.
    Interface {
        methods: Vec<IfaceMethod>,
        terms: Option<Vec<Term>>,
        comparable: bool,
    },
    Tuple(Vec<TypeId>),
    TypeParam(u32),
}

/// A declared (possibly generic, possibly instantiated) named type.
#[derive(Clone, Debug)]
pub struct Named {
    pub name: String,
    /// Package index (`Types::pkg_names`).
    pub pkg: u32,
    pub underlying: TypeId,
    /// Methods: (name, func object id in the checker).
    pub methods: Vec<(String, u32)>,
    /// Type parameters of a generic declaration.
    pub tparams: Vec<TypeId>,
    /// For an instance: the generic type and the arguments.
    pub origin: Option<(u32, Vec<TypeId>)>,
}

/// A type parameter.
#[derive(Clone, Debug)]
pub struct TypeParam {
    pub name: String,
    pub constraint: TypeId,
    pub index: u32,
}

/// The type arena.
#[derive(Clone, Debug, Default)]
pub struct Types {
    types: Vec<Type>,
    interned: HashMap<Type, TypeId>,
    pub named: Vec<Named>,
    pub tparams: Vec<TypeParam>,
    /// Package names by package index, for qualifying named types (index 0 is the user's package).
    pub pkg_names: Vec<String>,
    /// Instances by (generic named index, args).
    pub instances: HashMap<(u32, Vec<TypeId>), TypeId>,
    /// How to spell aliased types in messages (see `AliasNames`).
    pub names: AliasNames,
}

/// gc prints `byte`, `rune` and `any` when the source spelled them so; our types do not keep
/// aliases, so messages follow the spelling the program uses (`byte` unless it only ever writes
/// `uint8`, `any` unless it writes `interface{}` and never `any`).
#[derive(Clone, Copy, Debug, Default)]
pub struct AliasNames {
    pub byte: bool,
    pub rune: bool,
    pub interface_literal: bool,
}

impl AliasNames {
    /// Chooses spellings from the program's tokens.
    pub fn from_source(src: &str) -> AliasNames {
        let (tokens, _) = crate::lexer::lex(src);
        let named = |n: &str| {
            tokens
                .iter()
                .any(|t| t.kind == crate::lexer::TokenKind::Name && t.lit == n)
        };
        let empty_iface = tokens.windows(3).any(|w| {
            w[0].kind == crate::lexer::TokenKind::Interface
                && w[1].kind == crate::lexer::TokenKind::LBrace
                && w[2].kind == crate::lexer::TokenKind::RBrace
        });
        AliasNames {
            byte: named("byte") || !named("uint8"),
            rune: named("rune") || !named("int32"),
            interface_literal: empty_iface && !named("any"),
        }
    }
}

impl TypeId {
    pub const INVALID: TypeId = TypeId(0);
}

const BASICS: [Basic; 25] = [
    Basic::Invalid,
    Basic::Bool,
    Basic::Int,
    Basic::Int8,
    Basic::Int16,
    Basic::Int32,
    Basic::Int64,
    Basic::Uint,
    Basic::Uint8,
    Basic::Uint16,
    Basic::Uint32,
    Basic::Uint64,
    Basic::Uintptr,
    Basic::Float32,
    Basic::Float64,
    Basic::Complex64,
    Basic::Complex128,
    Basic::String,
    Basic::UnsafePointer,
    Basic::UntypedBool,
    Basic::UntypedInt,
    Basic::UntypedRune,
    Basic::UntypedFloat,
    Basic::UntypedString,
    Basic::UntypedNil,
];

impl Types {
    /// An arena holding the basic types (`TypeId(i)` for `BASICS[i]`).
    pub fn new() -> Types {
        let mut t = Types::default();
        for b in BASICS {
            t.intern(Type::Basic(b));
        }
        t
    }

    /// The id of basic kind `b`.
    pub fn basic(&self, b: Basic) -> TypeId {
        TypeId(BASICS.iter().position(|&x| x == b).unwrap_or(0) as u32)
    }

    pub fn intern(&mut self, t: Type) -> TypeId {
        if let Some(&id) = self.interned.get(&t) {
            return id;
        }
        let id = TypeId(self.types.len() as u32);
        self.types.push(t.clone());
        self.interned.insert(t, id);
        id
    }

    /// Creates a new named type (not interned: each declaration is distinct).
    pub fn new_named(&mut self, name: &str, pkg: u32) -> TypeId {
        let idx = self.named.len() as u32;
        self.named.push(Named {
            name: name.to_string(),
            pkg,
            underlying: TypeId::INVALID,
            methods: vec![],
            tparams: vec![],
            origin: None,
        });
        let id = TypeId(self.types.len() as u32);
        self.types.push(Type::Named(idx));
        id
    }

    pub fn new_type_param(&mut self, name: &str, index: u32) -> TypeId {
        let idx = self.tparams.len() as u32;
        self.tparams.push(TypeParam {
            name: name.to_string(),
            constraint: TypeId::INVALID,
            index,
        });
        let id = TypeId(self.types.len() as u32);
        self.types.push(Type::TypeParam(idx));
        id
    }

    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[id.0 as usize]
    }

    pub fn named_of(&self, id: TypeId) -> Option<&Named> {
        match self.get(id) {
            Type::Named(i) => Some(&self.named[*i as usize]),
            _ => None,
        }
    }

    pub fn named_mut(&mut self, id: TypeId) -> Option<&mut Named> {
        match self.types[id.0 as usize] {
            Type::Named(i) => Some(&mut self.named[i as usize]),
            _ => None,
        }
    }

    pub fn tparam_of(&self, id: TypeId) -> Option<&TypeParam> {
        match self.get(id) {
            Type::TypeParam(i) => Some(&self.tparams[*i as usize]),
            _ => None,
        }
    }

    /// The underlying type (for type parameters: the parameter itself).
    pub fn under(&self, id: TypeId) -> TypeId {
        let mut id = id;
        for _ in 0..100 {
            match self.get(id) {
                Type::Named(i) => {
                    let u = self.named[*i as usize].underlying;
                    if u == TypeId::INVALID || u == id {
                        return TypeId::INVALID;
                    }
                    id = u;
                }
                _ => return id,
            }
        }
        TypeId::INVALID
    }

    /// The basic kind of the underlying type, if basic.
    pub fn basic_of(&self, id: TypeId) -> Option<Basic> {
        match self.get(self.under(id)) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_untyped(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Basic(b) if b.is_untyped())
    }

    pub fn is_interface(&self, id: TypeId) -> bool {
        matches!(self.get(self.under(id)), Type::Interface { .. }) && !self.is_type_param(id)
    }

    pub fn is_type_param(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::TypeParam(_))
    }

    pub fn is_named(&self, id: TypeId) -> bool {
        matches!(
            self.get(id),
            Type::Named(_) | Type::Basic(_) | Type::TypeParam(_)
        )
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Pointer(elem))
    }

    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Slice(elem))
    }

    pub fn tuple(&mut self, elems: Vec<TypeId>) -> TypeId {
        self.intern(Type::Tuple(elems))
    }

    pub fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>, variadic: bool) -> TypeId {
        self.intern(Type::Func {
            params,
            results,
            variadic,
        })
    }

    pub fn empty_interface(&mut self) -> TypeId {
        self.intern(Type::Interface {
            methods: vec![],
            terms: None,
            comparable: false,
        })
    }

    /// The core type of a type parameter's constraint if all its terms share one underlying
    /// type, or the underlying type of an ordinary type.
    pub fn core(&self, id: TypeId) -> Option<TypeId> {
        match self.get(id) {
            Type::TypeParam(i) => {
                let c = self.tparams[*i as usize].constraint;
                let Type::Interface {
                    terms: Some(terms), ..
                } = self.get(self.under(c))
                else {
                    return None;
                };
                let mut core: Option<TypeId> = None;
                for t in terms {
                    let u = self.under(t.typ);
                    match core {
                        None => core = Some(u),
                        Some(c) if c == u => {}
                        Some(c) => {
                            // channels with different directions share a core type only if elems match
                            match (self.get(c), self.get(u)) {
                                (Type::Chan(_, a), Type::Chan(_, b)) if a == b => {}
                                _ => return None,
                            }
                        }
                    }
                }
                core
            }
            _ => Some(self.under(id)),
        }
    }

    /// The type-set terms a type parameter ranges over (`None` = unrestricted).
    pub fn tparam_terms(&self, id: TypeId) -> Option<Vec<Term>> {
        let tp = self.tparam_of(id)?;
        match self.get(self.under(tp.constraint)) {
            Type::Interface { terms, .. } => terms.clone(),
            _ => None,
        }
    }

    /// The type as gc prints it in messages; named types of the user's package are unqualified.
    pub fn display(&self, id: TypeId) -> String {
        let mut s = String::new();
        self.write(&mut s, id, 0);
        s
    }

    fn write(&self, s: &mut String, id: TypeId, depth: u32) {
        if depth > 20 {
            s.push('…');
            return;
        }
        let d = depth + 1;
        match self.get(id) {
            Type::Basic(Basic::Uint8) if self.names.byte => s.push_str("byte"),
            Type::Basic(Basic::Int32) if self.names.rune => s.push_str("rune"),
            Type::Basic(b) => s.push_str(b.name()),
            Type::Named(i) => {
                let n = &self.named[*i as usize];
                if n.pkg != 0 {
                    if let Some(p) = self.pkg_names.get(n.pkg as usize) {
                        if !p.is_empty() {
                            s.push_str(p);
                            s.push('.');
                        }
                    }
                }
                s.push_str(&n.name);
                if let Some((_, args)) = &n.origin {
                    s.push('[');
                    for (k, a) in args.iter().enumerate() {
                        if k > 0 {
                            s.push(',');
                        }
                        self.write(s, *a, d);
                    }
                    s.push(']');
                }
            }
            Type::Pointer(e) => {
                s.push('*');
                self.write(s, *e, d);
            }
            Type::Slice(e) => {
                s.push_str("[]");
                self.write(s, *e, d);
            }
            Type::Array(n, e) => {
                let _ = write!(s, "[{n}]");
                self.write(s, *e, d);
            }
            Type::Map(k, v) => {
                s.push_str("map[");
                self.write(s, *k, d);
                s.push(']');
                self.write(s, *v, d);
            }
            Type::Chan(dir, e) => {
                s.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                let paren =
                    *dir != ChanDir::Send && matches!(self.get(*e), Type::Chan(ChanDir::Recv, _));
                if paren {
                    s.push('(');
                }
                self.write(s, *e, d);
                if paren {
                    s.push(')');
                }
            }
            Type::Func { .. } => {
                s.push_str("func");
                self.write_sig(s, id, d);
            }
            Type::Struct(fields) => {
                s.push_str("struct{");
                for (k, f) in fields.iter().enumerate() {
                    if k > 0 {
                        s.push_str("; ");
                    }
                    if !f.embedded {
                        s.push_str(&f.name);
                        s.push(' ');
                    }
                    self.write(s, f.typ, d);
                }
                s.push('}');
            }
            Type::Interface {
                methods,
                terms,
                comparable,
            } => {
                if methods.is_empty() && terms.is_none() && !comparable {
                    // Programs today mostly spell the empty interface `any`, and gc prints it
                    // the way it was written; we cannot tell them apart after interning.
                    s.push_str(if self.names.interface_literal {
                        "interface{}"
                    } else {
                        "any"
                    });
                    return;
                }
                s.push_str("interface{");
                let mut first = true;
                if *comparable {
                    s.push_str("comparable");
                    first = false;
                }
                for m in methods {
                    if !first {
                        s.push_str("; ");
                    }
                    first = false;
                    s.push_str(&m.name);
                    self.write_sig(s, m.sig, d);
                }
                if let Some(terms) = terms {
                    if !first {
                        s.push_str("; ");
                    }
                    self.write_terms(s, terms, d);
                }
                s.push('}');
            }
            Type::Tuple(elems) => {
                s.push('(');
                for (k, e) in elems.iter().enumerate() {
                    if k > 0 {
                        s.push_str(", ");
                    }
                    self.write(s, *e, d);
                }
                s.push(')');
            }
            Type::TypeParam(i) => s.push_str(&self.tparams[*i as usize].name),
        }
    }

    /// `~int | ~float64`.
    pub fn terms_string(&self, terms: &[Term]) -> String {
        let mut s = String::new();
        self.write_terms(&mut s, terms, 0);
        s
    }

    fn write_terms(&self, s: &mut String, terms: &[Term], d: u32) {
        for (k, t) in terms.iter().enumerate() {
            if k > 0 {
                s.push_str(" | ");
            }
            if t.tilde {
                s.push('~');
            }
            self.write(s, t.typ, d);
        }
    }

    /// Writes `(params) results` of a func type.
    pub fn write_sig(&self, s: &mut String, id: TypeId, d: u32) {
        let Type::Func {
            params,
            results,
            variadic,
        } = self.get(id)
        else {
            return;
        };
        s.push('(');
        for (k, p) in params.iter().enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            if *variadic && k + 1 == params.len() {
                s.push_str("...");
                if let Type::Slice(e) = self.get(*p) {
                    self.write(s, *e, d);
                    continue;
                }
            }
            self.write(s, *p, d);
        }
        s.push(')');
        match results.len() {
            0 => {}
            1 => {
                s.push(' ');
                self.write(s, results[0], d);
            }
            _ => {
                s.push_str(" (");
                for (k, r) in results.iter().enumerate() {
                    if k > 0 {
                        s.push_str(", ");
                    }
                    self.write(s, *r, d);
                }
                s.push(')');
            }
        }
    }

    /// Whether values of `t` can be compared with `==` (spec "Comparison operators").
    pub fn comparable(&self, t: TypeId) -> bool {
        self.comparable_depth(t, 0)
    }

    fn comparable_depth(&self, t: TypeId, depth: u32) -> bool {
        if depth > 30 {
            return true;
        }
        if let Type::TypeParam(i) = self.get(t) {
            let c = self.tparams[*i as usize].constraint;
            return match self.get(self.under(c)) {
                Type::Interface {
                    comparable: true, ..
                } => true,
                Type::Interface {
                    terms: Some(terms), ..
                } => terms
                    .iter()
                    .all(|x| self.comparable_depth(x.typ, depth + 1)),
                _ => false,
            };
        }
        match self.get(self.under(t)) {
            Type::Basic(b) => *b != Basic::UntypedNil,
            Type::Pointer(_) | Type::Chan(..) | Type::Interface { .. } => true,
            Type::Struct(fields) => fields
                .iter()
                .all(|f| self.comparable_depth(f.typ, depth + 1)),
            Type::Array(_, e) => self.comparable_depth(*e, depth + 1),
            _ => false,
        }
    }

    /// Number of types (for bounded iteration).
    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}
