//! The Go syntax tree; mirrors cmd/compile/internal/syntax/nodes.go, as plain values.
//!
//! Invariants:
//! - Every expression and identifier carries a `NodeId` unique within one parse; the checker's
//!   tables (`check::Info`) are keyed by it.
//! - Every node has a `Span` from its first to its last byte; `Span::lo` is where gc reports
//!   errors about it (types2 uses `syntax.StartPos`).
//! - Types are expressions (`ExprKind::ArrayType`, `MapType`, ...), as in Go's AST, because the
//!   parser often cannot tell a type from a value (`[]int{1}`, `(*T)(x)`, `f[int]`).

use crate::diagnostic::Span;
use crate::lexer::{LitKind, Operator};

/// Identifies one expression or identifier node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// A name occurrence.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub id: NodeId,
    pub name: String,
    pub span: Span,
}

/// A whole source file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub package: Ident,
    pub imports: Vec<ImportSpec>,
    pub decls: Vec<Decl>,
    pub span: Span,
    /// One more than the largest `NodeId` used.
    pub node_count: u32,
}

/// `import name "path"`.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSpec {
    /// `None`, a name, `.` or `_`.
    pub name: Option<Ident>,
    /// The decoded import path.
    pub path: String,
    pub path_span: Span,
    pub span: Span,
}

/// A top-level or local declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    Const(Vec<ConstSpec>),
    Var(Vec<VarSpec>),
    Type(Vec<TypeSpec>),
    Func(Box<FuncDecl>),
}

/// One line of a `const` group. `typ` and `values` are empty when the line repeats the previous
/// one implicitly (`iota` continues).
#[derive(Clone, Debug, PartialEq)]
pub struct ConstSpec {
    pub names: Vec<Ident>,
    pub typ: Option<Expr>,
    pub values: Vec<Expr>,
    /// The value of `iota` on this line.
    pub iota: u32,
    pub span: Span,
}

/// `var a, b T = x, y`.
#[derive(Clone, Debug, PartialEq)]
pub struct VarSpec {
    pub names: Vec<Ident>,
    pub typ: Option<Expr>,
    pub values: Vec<Expr>,
    pub span: Span,
}

/// `type Name[P C] T` or `type Name = T`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeSpec {
    pub name: Ident,
    pub tparams: Vec<Field>,
    pub alias: bool,
    pub typ: Expr,
    pub span: Span,
}

/// `func (recv) Name[P C](params) results { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    pub recv: Option<Field>,
    pub name: Ident,
    pub tparams: Vec<Field>,
    pub typ: FuncType,
    pub body: Option<Block>,
    pub span: Span,
}

/// A parameter, result, receiver, type parameter or struct field group: `a, b T`, or one
/// unnamed `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub names: Vec<Ident>,
    pub typ: Expr,
    /// For struct fields: the tag literal text.
    pub tag: Option<String>,
    /// For struct fields: an embedded field (no names).
    pub embedded: bool,
    pub span: Span,
}

/// A function signature.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncType {
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    /// The last parameter is `...T` (its `typ` is the element type `T`).
    pub variadic: bool,
    pub span: Span,
}

/// `{ stmts }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
    /// Position of the closing brace (where gc reports `missing return`).
    pub rbrace: u32,
}

/// Channel direction in a channel type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// Array length in an array type.
#[derive(Clone, Debug, PartialEq)]
pub enum ArrayLen {
    /// `[]T`: a slice.
    Slice,
    /// `[...]T`.
    Ellipsis,
    /// `[N]T`.
    Expr(Box<Expr>),
}

/// An element of an interface type.
#[derive(Clone, Debug, PartialEq)]
pub enum InterfaceElem {
    /// `Name(params) results`.
    Method { name: Ident, typ: FuncType },
    /// An embedded interface or a type-set union `~int | string`.
    Union { terms: Vec<UnionTerm>, span: Span },
}

/// One term of a union: `~T` or `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionTerm {
    pub tilde: bool,
    pub typ: Expr,
}

/// `key: value` or `value` in a composite literal.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub key: Option<Expr>,
    pub value: Expr,
    pub span: Span,
}

/// An expression or type.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub id: NodeId,
    pub kind: ExprKind,
    pub span: Span,
}

/// Expression kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A parse error placeholder; errors were reported.
    Bad,
    Name(String),
    BasicLit {
        kind: LitKind,
        raw: String,
    },
    /// `T{...}`; `typ` is `None` for elided types inside another literal.
    CompositeLit {
        typ: Option<Box<Expr>>,
        elems: Vec<Element>,
        rbrace: u32,
    },
    FuncLit {
        typ: FuncType,
        body: Block,
    },
    Paren(Box<Expr>),
    Selector {
        x: Box<Expr>,
        sel: Ident,
    },
    /// `x[i]`, or an instantiation `f[int, string]`.
    Index {
        x: Box<Expr>,
        indices: Vec<Expr>,
    },
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
        full: bool,
    },
    /// `x.(T)`; `typ` is `None` for `x.(type)` in a type switch header.
    TypeAssert {
        x: Box<Expr>,
        typ: Option<Box<Expr>>,
    },
    Call {
        fun: Box<Expr>,
        args: Vec<Expr>,
        has_dots: bool,
        lparen: u32,
    },
    /// `*x`: a dereference or a pointer type.
    Star(Box<Expr>),
    Unary {
        op: Operator,
        x: Box<Expr>,
    },
    Binary {
        op: Operator,
        x: Box<Expr>,
        y: Box<Expr>,
        op_pos: u32,
    },
    /// `...T` as a parameter type; only the last parameter keeps it (as `FuncType::variadic`).
    Dots(Box<Expr>),
    ArrayType {
        len: ArrayLen,
        elem: Box<Expr>,
    },
    MapType {
        key: Box<Expr>,
        value: Box<Expr>,
    },
    ChanType {
        dir: ChanDir,
        elem: Box<Expr>,
    },
    FuncType(FuncType),
    StructType(Vec<Field>),
    InterfaceType(Vec<InterfaceElem>),
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

/// `break`, `continue`, `goto`, `fallthrough`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

/// Statement kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Bad,
    Empty,
    Expr(Expr),
    Send {
        ch: Expr,
        value: Expr,
    },
    IncDec {
        x: Expr,
        inc: bool,
    },
    /// `lhs = rhs` (op `None`) or `lhs op= rhs`.
    Assign {
        lhs: Vec<Expr>,
        op: Option<Operator>,
        rhs: Vec<Expr>,
        op_pos: u32,
    },
    /// `lhs := rhs`.
    Define {
        lhs: Vec<Expr>,
        rhs: Vec<Expr>,
        op_pos: u32,
    },
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    Branch {
        kind: BranchKind,
        label: Option<Ident>,
    },
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        els: Option<Box<Stmt>>,
    },
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        cases: Vec<CaseClause>,
        rbrace: u32,
    },
    /// `switch [init;] [bind :=] x.(type) { ... }`.
    TypeSwitch {
        init: Option<Box<Stmt>>,
        bind: Option<Ident>,
        x: Expr,
        cases: Vec<CaseClause>,
        rbrace: u32,
    },
    Select {
        cases: Vec<CommClause>,
    },
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for [key [, value] (=|:=)] range x`.
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        define: bool,
        x: Expr,
        body: Block,
    },
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
    Decl(Decl),
}

/// `case a, b:` (or `default:`, with `exprs` empty and `default` set) in a switch.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseClause {
    pub exprs: Vec<Expr>,
    pub default: bool,
    pub body: Vec<Stmt>,
    pub span: Span,
    /// Position of the colon; the implicit block of the clause starts there.
    pub colon: u32,
}

/// `case comm:` in a select; `comm` is `None` for `default`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommClause {
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

impl Expr {
    /// Strips parentheses.
    pub fn unparen(&self) -> &Expr {
        let mut e = self;
        while let ExprKind::Paren(x) = &e.kind {
            e = x;
        }
        e
    }
}
