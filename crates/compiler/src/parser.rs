//! Recursive-descent parser for Go source files; mirrors cmd/compile/internal/syntax/parser.go.
//!
//! Error recovery follows gc: a syntax error skips to a synchronising token (`advance`), parsing
//! goes on, and every error is collected with gc's wording ("syntax error: unexpected name y in
//! argument list; possibly missing comma or )").
//! Invariants:
//! - Every loop consumes at least one token per iteration or stops: the parser always terminates.
//! - Recursion depth is bounded (`DEPTH_MAX`); deeper input is reported, never a stack overflow.

use crate::ast::*;
use crate::diagnostic::{RawError, Span};
use crate::lexer::{lex, LitKind, Operator, Token, TokenKind as T};
use crate::printer::{expr_string, stmt_string};

/// Nesting limit for expressions, types and blocks (guards the Rust stack against garbage input).
const DEPTH_MAX: u32 = 100;

/// Longest chain of binary operators of one precedence level (`a + b + ...`).
const CHAIN_MAX: u32 = 90;

/// Parses a file. Returns the tree (possibly partial) and every lexical and syntax error.
pub fn parse(src: &str) -> (Option<File>, Vec<RawError>) {
    let (tokens, lex_errors) = lex(src);
    let mut p = Parser {
        tokens,
        idx: 0,
        errors: Vec::new(),
        xnest: 0,
        fnest: 0,
        next_id: 0,
        depth: 0,
        first_error: false,
        params_close: 0,
    };
    // Lexical errors are interleaved with syntax errors in source order, as gc's scanner reports
    // them while the parser runs.
    let file = p.file();
    let mut errors = lex_errors;
    errors.extend(p.errors);
    runtime::util::sort_by_key(&mut errors, |e| e.offset);
    (file, errors)
}

/// Parses a file with node ids starting at `first_id` (used for the embedded prelude packages,
/// whose ids must not collide with the user's).
pub fn parse_with_ids(src: &str, first_id: u32) -> (Option<File>, Vec<RawError>) {
    let (tokens, lex_errors) = lex(src);
    let mut p = Parser {
        tokens,
        idx: 0,
        errors: Vec::new(),
        xnest: 0,
        fnest: 0,
        next_id: first_id,
        depth: 0,
        first_error: false,
        params_close: 0,
    };
    let file = p.file();
    let mut errors = lex_errors;
    errors.extend(p.errors);
    (file, errors)
}

struct Parser {
    tokens: Vec<Token>,
    idx: usize,
    errors: Vec<RawError>,
    /// Expression nesting: -1 inside if/for/switch headers, where `{` ends the expression.
    xnest: i32,
    /// Function nesting; statement keywords synchronise only inside functions.
    fnest: u32,
    next_id: u32,
    depth: u32,
    first_error: bool,
    /// Offset of the closing token of the last parameter list.
    params_close: u32,
}

impl Parser {
    // ---- tokens

    fn tok(&self) -> T {
        self.tokens[self.idx].kind
    }

    fn cur(&self) -> &Token {
        &self.tokens[self.idx]
    }

    fn peek(&self, n: usize) -> T {
        self.tokens
            .get(self.idx + n)
            .map(|t| t.kind)
            .unwrap_or(T::Eof)
    }

    fn pos(&self) -> u32 {
        self.cur().span.lo
    }

    fn op(&self) -> Option<Operator> {
        self.cur().op
    }

    fn is_op(&self, op: Operator) -> bool {
        self.tok() == T::Operator && self.op() == Some(op)
    }

    fn prev_end(&self) -> u32 {
        if self.idx == 0 {
            0
        } else {
            self.tokens[self.idx - 1].span.hi
        }
    }

    fn next(&mut self) {
        if self.tok() != T::Eof {
            self.idx += 1;
        }
    }

    fn got(&mut self, t: T) -> bool {
        if self.tok() == t {
            self.next();
            true
        } else {
            false
        }
    }

    fn want(&mut self, t: T) {
        if !self.got(t) {
            self.syntax_error(&format!("expected {}", t.as_str()));
            self.advance(&[]);
        }
    }

    fn new_id(&mut self) -> NodeId {
        let id = NodeId(self.next_id);
        self.next_id += 1;
        id
    }

    fn expr(&mut self, kind: ExprKind, span: Span) -> Expr {
        Expr {
            id: self.new_id(),
            kind,
            span,
        }
    }

    fn bad_expr(&mut self) -> Expr {
        let at = self.pos();
        self.expr(ExprKind::Bad, Span::at(at))
    }

    // ---- errors

    fn error_at(&mut self, offset: u32, message: String) {
        self.first_error = true;
        self.errors.push(RawError {
            offset,
            message,
            syntax: true,
            note: None,
        });
    }

    /// An error gc reports without the "syntax error: " prefix.
    fn plain_error_at(&mut self, offset: u32, message: String) {
        self.first_error = true;
        self.errors.push(RawError {
            offset,
            message,
            syntax: false,
            note: None,
        });
    }

    fn syntax_error(&mut self, msg: &str) {
        let at = self.pos();
        self.syntax_error_at(at, msg);
    }

    /// gc's syntaxErrorAt: messages starting with "in ", "at ", "after " or "expected " are
    /// prefixed with the current token ("unexpected X").
    fn syntax_error_at(&mut self, at: u32, msg: &str) {
        if self.tok() == T::Eof && self.first_error {
            return;
        }
        let suffix = if msg.is_empty() {
            String::new()
        } else if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {msg}")
        } else if msg.starts_with("expected ") {
            format!(", {msg}")
        } else {
            self.error_at(at, format!("syntax error: {msg}"));
            return;
        };
        let t = self.cur();
        let tok = match t.kind {
            T::Name => format!("name {}", t.lit),
            T::Semi => t.lit.clone(),
            T::Literal(_) => format!("literal {}", t.lit),
            T::Operator => t.op.map(|o| o.as_str()).unwrap_or("op").to_string(),
            T::AssignOp => format!("{}=", t.op.map(|o| o.as_str()).unwrap_or("op")),
            T::IncOp => {
                let o = t.op.map(|o| o.as_str()).unwrap_or("+");
                format!("{o}{o}")
            }
            k => k.as_str().to_string(),
        };
        self.error_at(at, format!("syntax error: unexpected {tok}{suffix}"));
    }

    /// Skips tokens until one in `follow` (or a statement keyword inside a function). With an
    /// empty `follow`, skips exactly one token.
    fn advance(&mut self, follow: &[T]) {
        if follow.is_empty() {
            self.next();
            return;
        }
        loop {
            let t = self.tok();
            if t == T::Eof || follow.contains(&t) {
                return;
            }
            if self.fnest > 0
                && matches!(
                    t,
                    T::Break
                        | T::Const
                        | T::Continue
                        | T::Defer
                        | T::Fallthrough
                        | T::For
                        | T::Go
                        | T::Goto
                        | T::If
                        | T::Return
                        | T::Select
                        | T::Switch
                        | T::Type
                        | T::Var
                )
            {
                return;
            }
            self.next();
        }
    }

    fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > DEPTH_MAX {
            let at = self.pos();
            if !self
                .errors
                .iter()
                .any(|e| e.message.contains("nesting too deep"))
            {
                self.error_at(at, "syntax error: nesting too deep".into());
            }
            // Skip everything: deep garbage cannot be recovered from meaningfully.
            while self.tok() != T::Eof {
                self.next();
            }
            return false;
        }
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- file

    fn file(&mut self) -> Option<File> {
        let lo = self.pos();
        if !self.got(T::Package) {
            // `go build` rejects the file in cmd/go (go/parser) before gc sees it.
            let t = self.cur();
            let found = match t.kind {
                T::Name | T::Literal(_) => t.lit.clone(),
                T::Semi if t.lit != "semicolon" => t.lit.clone(),
                k => format!(
                    "'{}'",
                    if k == T::Semi {
                        ";"
                    } else if k == T::Comma {
                        ","
                    } else {
                        k.as_str()
                    }
                ),
            };
            let at = self.pos();
            self.plain_error_at(at, format!("expected 'package', found {found}"));
            return None;
        }
        let package = self.name();
        self.want(T::Semi);
        if self.first_error {
            return None;
        }
        let mut imports = Vec::new();
        let mut decls = Vec::new();
        let mut prev = T::Import;
        while self.tok() != T::Eof {
            if self.tok() == T::Import && prev != T::Import {
                self.syntax_error("imports must appear before other declarations");
            }
            prev = self.tok();
            match self.tok() {
                T::Import => {
                    self.next();
                    self.group(|p| {
                        if let Some(spec) = p.import_spec() {
                            imports.push(spec);
                        }
                    });
                }
                T::Const => {
                    self.next();
                    decls.push(Decl::Const(self.const_group()));
                }
                T::Type => {
                    self.next();
                    let mut specs = Vec::new();
                    self.group(|p| specs.push(p.type_spec()));
                    decls.push(Decl::Type(specs));
                }
                T::Var => {
                    self.next();
                    let mut specs = Vec::new();
                    self.group(|p| specs.push(p.var_spec()));
                    decls.push(Decl::Var(specs));
                }
                T::Func => {
                    self.next();
                    if let Some(f) = self.func_decl() {
                        decls.push(Decl::Func(Box::new(f)));
                    }
                }
                _ => {
                    let after_empty_func = self.tok() == T::LBrace
                        && matches!(decls.last(), Some(Decl::Func(f)) if f.body.is_none());
                    if after_empty_func {
                        self.syntax_error("unexpected semicolon or newline before {");
                    } else {
                        self.syntax_error("non-declaration statement outside function body");
                    }
                    self.advance(&[T::Import, T::Const, T::Type, T::Var, T::Func]);
                    continue;
                }
            }
            if self.tok() != T::Eof && !self.got(T::Semi) {
                self.syntax_error("after top level declaration");
                self.advance(&[T::Import, T::Const, T::Type, T::Var, T::Func]);
            }
        }
        let hi = self.pos();
        Some(File {
            package,
            imports,
            decls,
            span: Span::new(lo, hi),
            node_count: self.next_id,
        })
    }

    /// `f | "(" { f ";" } ")"`.
    fn group(&mut self, mut f: impl FnMut(&mut Self)) {
        if self.got(T::LParen) {
            while self.tok() != T::Eof && self.tok() != T::RParen {
                let before = self.idx;
                f(self);
                if !self.got(T::Semi) && self.tok() != T::RParen {
                    self.syntax_error(
                        "in grouped declaration; possibly missing semicolon or newline or )",
                    );
                    self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                    if self.tok() != T::RParen {
                        return;
                    }
                }
                if self.idx == before {
                    self.next();
                }
            }
            self.want(T::RParen);
        } else {
            f(self);
        }
    }

    fn import_spec(&mut self) -> Option<ImportSpec> {
        let lo = self.pos();
        let name = match self.tok() {
            T::Name => Some(self.name()),
            T::Dot => {
                let id = self.new_id();
                let span = self.cur().span;
                self.next();
                Some(Ident {
                    id,
                    name: ".".into(),
                    span,
                })
            }
            _ => None,
        };
        match self.tok() {
            T::Literal(LitKind::String) => {
                let t = self.cur().clone();
                self.next();
                let path =
                    String::from_utf8_lossy(&crate::lexer::unquote_string(&t.lit)).into_owned();
                Some(ImportSpec {
                    name,
                    path,
                    path_span: t.span,
                    span: Span::new(lo, t.span.hi),
                })
            }
            T::Literal(_) => {
                let at = self.pos();
                self.next();
                self.syntax_error_at(at, "import path must be a string");
                None
            }
            _ => {
                self.syntax_error("missing import path");
                self.advance(&[T::Semi, T::RParen]);
                None
            }
        }
    }

    fn const_group(&mut self) -> Vec<ConstSpec> {
        let mut specs = Vec::new();
        let mut iota = 0;
        self.group(|p| {
            let lo = p.pos();
            let mut names = vec![p.name()];
            while p.got(T::Comma) {
                names.push(p.name());
            }
            let mut typ = None;
            let mut values = Vec::new();
            if p.tok() != T::Eof && p.tok() != T::Semi && p.tok() != T::RParen {
                if p.tok() != T::Assign && p.tok() != T::Define {
                    typ = p.type_or_nil();
                }
                if p.got_assign() {
                    values = p.expr_list();
                }
            }
            let hi = p.prev_end();
            specs.push(ConstSpec {
                names,
                typ,
                values,
                iota,
                span: Span::new(lo, hi),
            });
            iota += 1;
        });
        specs
    }

    fn got_assign(&mut self) -> bool {
        match self.tok() {
            T::Define => {
                self.syntax_error("expected =");
                self.next();
                true
            }
            T::Assign => {
                self.next();
                true
            }
            _ => false,
        }
    }

    fn var_spec(&mut self) -> VarSpec {
        let lo = self.pos();
        let mut names = vec![self.name()];
        while self.got(T::Comma) {
            names.push(self.name());
        }
        let mut typ = None;
        let mut values = Vec::new();
        if self.got_assign() {
            values = self.expr_list();
        } else {
            typ = Some(self.type_());
            if self.got_assign() {
                values = self.expr_list();
            }
        }
        VarSpec {
            names,
            typ,
            values,
            span: Span::new(lo, self.prev_end()),
        }
    }

    fn type_spec(&mut self) -> TypeSpec {
        let lo = self.pos();
        let name = self.name();
        let mut tparams = Vec::new();
        let alias;
        let typ;
        if self.tok() == T::LBrack && self.is_type_params_ahead() {
            self.next();
            tparams = self.param_list(T::RBrack, true);
            alias = self.got(T::Assign);
            typ = self.type_();
        } else {
            alias = self.got(T::Assign);
            match self.type_or_nil() {
                Some(t) => typ = t,
                None => {
                    typ = self.bad_expr();
                    self.syntax_error("in type declaration");
                    self.advance(&[T::Semi, T::RParen]);
                }
            }
        }
        TypeSpec {
            name,
            tparams,
            alias,
            typ,
            span: Span::new(lo, self.prev_end()),
        }
    }

    /// At `[` after a type name: `[P any]`, `[K comparable, V any]` are type parameters,
    /// `[]T`, `[N]T`, `[...]T` are array or slice types.
    fn is_type_params_ahead(&self) -> bool {
        if self.peek(1) != T::Name {
            return false;
        }
        !matches!(
            self.peek(2),
            T::RBrack | T::Dot | T::Operator | T::Star | T::LParen
        ) || {
            // `[P *C]` or `[P ~int | string]` are parameters; `[N*2]T` is an array.
            self.peek(2) == T::Operator && self.tokens[self.idx + 2].op == Some(Operator::Tilde)
        }
    }

    fn func_decl(&mut self) -> Option<FuncDecl> {
        let lo = self.tokens[self.idx.saturating_sub(1)].span.lo;
        let mut recv = None;
        let mut is_method = false;
        if self.tok() == T::LParen {
            is_method = true;
            let rpos = self.pos();
            self.next();
            let mut list = self.param_list(T::RParen, false);
            match list.len() {
                0 => self.error_at(rpos, "method has no receiver".into()),
                1 => recv = list.pop(),
                _ => {
                    self.error_at(rpos, "method has multiple receivers".into());
                    recv = Some(list.swap_remove(0));
                }
            }
        }
        if self.tok() != T::Name {
            let msg = if is_method {
                "expected name"
            } else {
                "expected name or ("
            };
            self.syntax_error(msg);
            self.advance(&[T::LBrace, T::Semi]);
            if self.tok() == T::LBrace {
                self.fnest += 1;
                let _ = self.block();
                self.fnest -= 1;
            }
            return None;
        }
        let name = self.name();
        let mut tparams = Vec::new();
        if self.tok() == T::LBrack {
            let at = self.pos();
            if is_method {
                self.syntax_error_at(at, "method must have no type parameters");
            }
            self.next();
            tparams = self.param_list(T::RBrack, true);
            if tparams.is_empty() {
                self.error_at(at, "syntax error: empty type parameter list".into());
            }
        }
        let typ = self.signature(lo);
        let mut body = None;
        if self.tok() == T::LBrace {
            self.fnest += 1;
            body = Some(self.block());
            self.fnest -= 1;
        }
        Some(FuncDecl {
            recv,
            name,
            tparams,
            typ,
            body,
            span: Span::new(lo, self.prev_end()),
        })
    }

    /// `(params) results` after `func` [name].
    fn signature(&mut self, lo: u32) -> FuncType {
        let mut params = Vec::new();
        if self.tok() == T::LParen {
            self.next();
            params = self.param_list(T::RParen, false);
        } else {
            self.want(T::LParen);
        }
        let mut variadic = false;
        if let Some(last) = params.last_mut() {
            if let Some(elem) = take_dots(&mut last.typ) {
                last.typ = elem;
                variadic = true;
            }
        }
        // `...` anywhere else is an error.
        let n = params.len();
        for (i, f) in params.iter_mut().enumerate() {
            if i + 1 < n {
                if let Some(elem) = take_dots(&mut f.typ) {
                    let at = f.typ.span.lo;
                    f.typ = elem;
                    self.errors.push(RawError {
                        offset: at,
                        message: "can only use ... with final parameter in list".into(),
                        syntax: false,
                        note: None,
                    });
                }
            }
        }
        let results = self.func_result();
        FuncType {
            params,
            results,
            variadic,
            span: Span::new(lo, self.prev_end()),
        }
    }

    fn func_result(&mut self) -> Vec<Field> {
        if self.tok() == T::LParen {
            self.next();
            return self.param_list(T::RParen, false);
        }
        let lo = self.pos();
        match self.type_or_nil() {
            Some(t) => {
                let span = Span::new(lo, t.span.hi);
                vec![Field {
                    names: vec![],
                    typ: t,
                    tag: None,
                    embedded: false,
                    span,
                }]
            }
            None => vec![],
        }
    }

    /// A parameter list after `(` or `[`, through the closing token. Type parameter lists
    /// (`tparams`) require names and accept constraint unions.
    fn param_list(&mut self, close: T, tparams: bool) -> Vec<Field> {
        struct Par {
            name: Option<Ident>,
            typ: Option<Expr>,
            lo: u32,
        }
        let mut list: Vec<Par> = Vec::new();
        let outer = self.xnest;
        self.xnest = 0;
        let mut named = 0;
        let mut typed = 0;
        let ctx = if close == T::RBrack {
            "type parameter list"
        } else {
            "parameter list"
        };
        while self.tok() != T::Eof && self.tok() != close {
            let before = self.idx;
            let lo = self.pos();
            let (name, typ) = self.param_decl(tparams, close);
            if name.is_none() && typ.is_none() {
                // error reported in param_decl
            } else {
                if name.is_some() && typ.is_some() {
                    named += 1;
                }
                if typ.is_some() {
                    typed += 1;
                }
                list.push(Par { name, typ, lo });
            }
            if !self.got(T::Comma) && self.tok() != close {
                let c = if close == T::RParen { ")" } else { "]" };
                self.syntax_error(&format!("in {ctx}; possibly missing comma or {c}"));
                self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                if self.tok() != close {
                    self.xnest = outer;
                    return self.finish_params(
                        list.into_iter().map(|p| (p.name, p.typ, p.lo)).collect(),
                        named,
                        typed,
                        tparams,
                    );
                }
            }
            if self.idx == before {
                self.next();
            }
        }
        self.params_close = self.pos();
        self.want(close);
        self.xnest = outer;
        self.finish_params(
            list.into_iter().map(|p| (p.name, p.typ, p.lo)).collect(),
            named,
            typed,
            tparams,
        )
    }

    fn finish_params(
        &mut self,
        list: Vec<(Option<Ident>, Option<Expr>, u32)>,
        named: usize,
        typed: usize,
        tparams: bool,
    ) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        if list.is_empty() {
            return out;
        }
        if named == 0 && !tparams {
            // All entries are types.
            for (name, typ, lo) in list {
                let typ = match (name, typ) {
                    (Some(n), None) => Expr {
                        id: n.id,
                        span: n.span,
                        kind: ExprKind::Name(n.name),
                    },
                    (_, Some(t)) => t,
                    (None, None) => continue,
                };
                let span = Span::new(lo, typ.span.hi);
                out.push(Field {
                    names: vec![],
                    typ,
                    tag: None,
                    embedded: false,
                    span,
                });
            }
            return out;
        }
        // Some are named: every entry must be named; types distribute right to left.
        let mut err: Option<u32> = None;
        let mut cur: Option<Expr> = None;
        let mut fields: Vec<(Ident, Expr, u32)> = Vec::new();
        for (name, typ, lo) in list.into_iter().rev() {
            match (name, typ) {
                (name, Some(t)) => {
                    let n = match name {
                        Some(n) => n,
                        None => {
                            err = Some(t.span.lo);
                            Ident {
                                id: self.new_id(),
                                name: "_".into(),
                                span: Span::at(t.span.lo),
                            }
                        }
                    };
                    cur = Some(t.clone());
                    fields.push((n, t, lo));
                }
                (Some(n), None) => match &cur {
                    Some(t) => fields.push((n, t.clone(), lo)),
                    None => {
                        err = Some(n.span.lo);
                        let bad = Expr {
                            id: self.new_id(),
                            kind: ExprKind::Bad,
                            span: n.span,
                        };
                        fields.push((n, bad, lo));
                    }
                },
                (None, None) => {}
            }
        }
        fields.reverse();
        if let Some(at) = err {
            let (msg, at) = if !tparams {
                ("mixed named and unnamed parameters", at)
            } else if named == typed {
                ("missing type constraint", self.params_close)
            } else {
                ("missing type parameter name", at)
            };
            self.error_at(at, format!("syntax error: {msg}"));
        }
        // Group consecutive names sharing one type expression (by id) into one field.
        for (n, t, lo) in fields {
            if let Some(last) = out.last_mut() {
                if last.typ.id == t.id {
                    last.names.push(n);
                    continue;
                }
            }
            let span = Span::new(lo, t.span.hi);
            // Each group gets fresh ids for its shared type? The type expression is shared by id.
            out.push(Field {
                names: vec![n],
                typ: t,
                tag: None,
                embedded: false,
                span,
            });
        }
        out
    }

    /// One parameter: `name`, `name T`, `name ...T`, `T`, `...T`; in type parameter lists also
    /// constraint unions.
    fn param_decl(&mut self, tparams: bool, close: T) -> (Option<Ident>, Option<Expr>) {
        if self.tok() == T::Name {
            let name = self.name();
            match self.tok() {
                T::Dot => {
                    let x = self.name_expr(name);
                    let t = self.qualified_rest(x);
                    return (None, Some(self.maybe_union(t, tparams)));
                }
                T::LBrack => {
                    return match self.array_or_targs(name) {
                        (Some(n), t) => (Some(n), Some(self.maybe_union(t, tparams))),
                        (None, t) => (None, Some(self.maybe_union(t, tparams))),
                    };
                }
                T::Operator if tparams && self.op() == Some(Operator::Or) => {
                    let x = self.name_expr(name);
                    return (None, Some(self.maybe_union(x, tparams)));
                }
                _ => {}
            }
            if self.tok() == T::DotDotDot {
                let t = self.dots_type();
                return (Some(name), Some(t));
            }
            if tparams && self.is_op(Operator::Tilde) {
                let t = self.constraint_union();
                return (Some(name), Some(t));
            }
            if self.starts_type() {
                let t = self.type_();
                let t = self.maybe_union(t, tparams);
                return (Some(name), Some(t));
            }
            return (Some(name), None);
        }
        if self.tok() == T::DotDotDot {
            return (None, Some(self.dots_type()));
        }
        if tparams && self.is_op(Operator::Tilde) {
            return (None, Some(self.constraint_union()));
        }
        match self.type_or_nil() {
            Some(t) => (None, Some(t)),
            None => {
                self.syntax_error(&format!("expected {}", close.as_str()));
                self.advance(&[T::Comma, close]);
                (None, None)
            }
        }
    }

    /// After `name` at `[`: either `name [N]Elem` / `name []Elem` (a named field or parameter of
    /// array type; returns the name) or `name[Args]` (an instantiated type; returns no name).
    fn array_or_targs(&mut self, name: Ident) -> (Option<Ident>, Expr) {
        if self.peek(1) == T::RBrack || self.peek(1) == T::DotDotDot {
            let t = self.type_();
            return (Some(name), t);
        }
        let lb = self.pos();
        self.next();
        self.xnest += 1;
        let args = self.type_list();
        self.xnest -= 1;
        let rb = self.pos();
        self.want(T::RBrack);
        if args.len() == 1 && self.starts_type() {
            let elem = self.type_();
            let len = args.into_iter().next().unwrap_or_else(|| self.bad_expr());
            let span = Span::new(lb, elem.span.hi);
            let t = self.expr(
                ExprKind::ArrayType {
                    len: ArrayLen::Expr(Box::new(len)),
                    elem: Box::new(elem),
                },
                span,
            );
            return (Some(name), t);
        }
        let span = Span::new(name.span.lo, rb + 1);
        let x = self.name_expr(name);
        let mut t = self.expr(
            ExprKind::Index {
                x: Box::new(x),
                indices: args,
            },
            span,
        );
        if self.tok() == T::Dot {
            t = self.qualified_rest(t);
        }
        (None, t)
    }

    fn dots_type(&mut self) -> Expr {
        let lo = self.pos();
        self.next();
        let elem = match self.type_or_nil() {
            Some(t) => t,
            None => {
                self.syntax_error("... is missing type");
                self.bad_expr()
            }
        };
        let span = Span::new(lo, elem.span.hi);
        self.expr(ExprKind::Dots(Box::new(elem)), span)
    }

    fn starts_type(&self) -> bool {
        matches!(
            self.tok(),
            T::Name
                | T::LBrack
                | T::Star
                | T::LParen
                | T::Func
                | T::Chan
                | T::Map
                | T::Struct
                | T::Interface
                | T::Arrow
        )
    }

    fn maybe_union(&mut self, first: Expr, tparams: bool) -> Expr {
        if !(tparams && self.is_op(Operator::Or)) {
            return first;
        }
        let lo = first.span.lo;
        let mut terms = vec![UnionTerm {
            tilde: false,
            typ: first,
        }];
        while self.is_op(Operator::Or) {
            self.next();
            terms.push(self.union_term());
        }
        let span = Span::new(lo, self.prev_end());
        self.expr(
            ExprKind::InterfaceType(vec![InterfaceElem::Union { terms, span }]),
            span,
        )
    }

    fn union_term(&mut self) -> UnionTerm {
        let tilde = if self.is_op(Operator::Tilde) {
            self.next();
            true
        } else {
            false
        };
        let typ = match self.type_or_nil() {
            Some(t) => t,
            None => {
                self.syntax_error("expected ~ term or type");
                self.advance(&[T::Operator, T::RBrace, T::RParen, T::RBrack, T::Semi]);
                self.bad_expr()
            }
        };
        UnionTerm { tilde, typ }
    }

    /// `~T | U` in a type parameter list, as an implicit interface.
    fn constraint_union(&mut self) -> Expr {
        let lo = self.pos();
        let mut terms = vec![self.union_term()];
        while self.is_op(Operator::Or) {
            self.next();
            terms.push(self.union_term());
        }
        let span = Span::new(lo, self.prev_end());
        self.expr(
            ExprKind::InterfaceType(vec![InterfaceElem::Union { terms, span }]),
            span,
        )
    }

    fn type_list(&mut self) -> Vec<Expr> {
        let mut list = Vec::new();
        while self.tok() != T::RBrack && self.tok() != T::Eof {
            let before = self.idx;
            list.push(self.type_or_expr());
            if !self.got(T::Comma) {
                break;
            }
            if self.idx == before {
                break;
            }
        }
        list
    }

    fn type_or_expr(&mut self) -> Expr {
        self.expr_()
    }

    // ---- names

    fn name(&mut self) -> Ident {
        if self.tok() == T::Name {
            let t = self.cur().clone();
            self.next();
            return Ident {
                id: self.new_id(),
                name: t.lit,
                span: t.span,
            };
        }
        let at = self.pos();
        self.syntax_error("expected name");
        self.advance(&[]);
        Ident {
            id: self.new_id(),
            name: "_".into(),
            span: Span::at(at),
        }
    }

    fn name_expr(&mut self, n: Ident) -> Expr {
        Expr {
            id: n.id,
            span: n.span,
            kind: ExprKind::Name(n.name),
        }
    }

    fn qualified_rest(&mut self, x: Expr) -> Expr {
        let mut x = x;
        if self.got(T::Dot) {
            let sel = self.name();
            let span = Span::new(x.span.lo, sel.span.hi);
            x = self.expr(
                ExprKind::Selector {
                    x: Box::new(x),
                    sel,
                },
                span,
            );
        }
        if self.tok() == T::LBrack {
            self.next();
            self.xnest += 1;
            let args = self.type_list();
            self.xnest -= 1;
            let hi = self.pos() + 1;
            self.want(T::RBrack);
            let span = Span::new(x.span.lo, hi);
            x = self.expr(
                ExprKind::Index {
                    x: Box::new(x),
                    indices: args,
                },
                span,
            );
        }
        x
    }

    // ---- types

    fn type_(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                let b = self.bad_expr();
                self.syntax_error("expected type");
                self.advance(&[T::Comma, T::Colon, T::Semi, T::RParen, T::RBrack, T::RBrace]);
                b
            }
        }
    }

    fn type_or_nil(&mut self) -> Option<Expr> {
        if !self.enter() {
            return Some(self.bad_expr());
        }
        let r = self.type_or_nil_inner();
        self.leave();
        r
    }

    fn type_or_nil_inner(&mut self) -> Option<Expr> {
        let lo = self.pos();
        match self.tok() {
            T::Star => {
                self.next();
                let elem = self.type_();
                let span = Span::new(lo, elem.span.hi);
                Some(self.expr(ExprKind::Star(Box::new(elem)), span))
            }
            T::Arrow => {
                // <-chan T
                self.next();
                if self.tok() != T::Chan {
                    self.syntax_error("expected chan");
                    return Some(self.bad_expr());
                }
                self.next();
                let elem = self.chan_elem();
                let span = Span::new(lo, elem.span.hi);
                Some(self.expr(
                    ExprKind::ChanType {
                        dir: ChanDir::Recv,
                        elem: Box::new(elem),
                    },
                    span,
                ))
            }
            T::Func => {
                self.next();
                let sig = self.signature(lo);
                let span = sig.span;
                Some(self.expr(ExprKind::FuncType(sig), span))
            }
            T::LBrack => {
                self.next();
                if self.got(T::RBrack) {
                    let elem = self.type_();
                    let span = Span::new(lo, elem.span.hi);
                    return Some(self.expr(
                        ExprKind::ArrayType {
                            len: ArrayLen::Slice,
                            elem: Box::new(elem),
                        },
                        span,
                    ));
                }
                let len = if self.tok() == T::DotDotDot && self.peek(1) == T::RBrack {
                    self.next();
                    ArrayLen::Ellipsis
                } else {
                    self.xnest += 1;
                    let e = self.expr_();
                    self.xnest -= 1;
                    ArrayLen::Expr(Box::new(e))
                };
                self.want(T::RBrack);
                let elem = self.type_();
                let span = Span::new(lo, elem.span.hi);
                Some(self.expr(
                    ExprKind::ArrayType {
                        len,
                        elem: Box::new(elem),
                    },
                    span,
                ))
            }
            T::Chan => {
                self.next();
                let mut dir = ChanDir::Both;
                if self.got(T::Arrow) {
                    dir = ChanDir::Send;
                }
                let elem = self.chan_elem();
                let span = Span::new(lo, elem.span.hi);
                Some(self.expr(
                    ExprKind::ChanType {
                        dir,
                        elem: Box::new(elem),
                    },
                    span,
                ))
            }
            T::Map => {
                self.next();
                self.want(T::LBrack);
                let key = self.type_();
                self.want(T::RBrack);
                let value = self.type_();
                let span = Span::new(lo, value.span.hi);
                Some(self.expr(
                    ExprKind::MapType {
                        key: Box::new(key),
                        value: Box::new(value),
                    },
                    span,
                ))
            }
            T::Struct => Some(self.struct_type()),
            T::Interface => Some(self.interface_type()),
            T::Name => {
                let n = self.name();
                let x = self.name_expr(n);
                Some(self.qualified_rest(x))
            }
            T::LParen => {
                self.next();
                let t = self.type_();
                let hi = self.pos() + 1;
                self.want(T::RParen);
                Some(self.expr(ExprKind::Paren(Box::new(t)), Span::new(lo, hi)))
            }
            _ => None,
        }
    }

    fn chan_elem(&mut self) -> Expr {
        match self.type_or_nil() {
            Some(t) => t,
            None => {
                self.syntax_error("missing channel element type");
                self.bad_expr()
            }
        }
    }

    fn struct_type(&mut self) -> Expr {
        let lo = self.pos();
        self.want(T::Struct);
        self.want(T::LBrace);
        let mut fields = Vec::new();
        while self.tok() != T::Eof && self.tok() != T::RBrace {
            let before = self.idx;
            if let Some(f) = self.field_decl() {
                fields.push(f);
            }
            if !self.got(T::Semi) && self.tok() != T::RBrace {
                self.syntax_error("in struct type; possibly missing semicolon or newline or }");
                self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                if self.tok() != T::RBrace {
                    break;
                }
            }
            if self.idx == before {
                self.next();
            }
        }
        let hi = self.pos() + 1;
        self.want(T::RBrace);
        self.expr(ExprKind::StructType(fields), Span::new(lo, hi))
    }

    fn field_decl(&mut self) -> Option<Field> {
        let lo = self.pos();
        let mut f = match self.tok() {
            T::Name => {
                let n = self.name();
                if self.tok() == T::Dot
                    || self.tok() == T::Semi
                    || self.tok() == T::RBrace
                    || matches!(self.tok(), T::Literal(LitKind::String))
                {
                    // embedded T or pkg.T
                    let x = self.name_expr(n);
                    let t = self.qualified_rest(x);
                    Field {
                        names: vec![],
                        span: Span::new(lo, t.span.hi),
                        typ: t,
                        tag: None,
                        embedded: true,
                    }
                } else if self.tok() == T::LBrack {
                    match self.array_or_targs(n) {
                        (Some(n), t) => Field {
                            names: vec![n],
                            span: Span::new(lo, t.span.hi),
                            typ: t,
                            tag: None,
                            embedded: false,
                        },
                        (None, t) => Field {
                            names: vec![],
                            span: Span::new(lo, t.span.hi),
                            typ: t,
                            tag: None,
                            embedded: true,
                        },
                    }
                } else {
                    let mut names = vec![n];
                    while self.got(T::Comma) {
                        names.push(self.name());
                    }
                    let t = self.type_();
                    Field {
                        names,
                        span: Span::new(lo, t.span.hi),
                        typ: t,
                        tag: None,
                        embedded: false,
                    }
                }
            }
            T::Star => {
                self.next();
                let n = self.name();
                let x = self.name_expr(n);
                let t = self.qualified_rest(x);
                let span = Span::new(lo, t.span.hi);
                let t = self.expr(ExprKind::Star(Box::new(t)), span);
                Field {
                    names: vec![],
                    span,
                    typ: t,
                    tag: None,
                    embedded: true,
                }
            }
            T::LParen => {
                self.syntax_error("cannot parenthesize embedded type");
                self.advance(&[T::Semi, T::RBrace]);
                return None;
            }
            _ => {
                self.syntax_error("expected field name or embedded type");
                self.advance(&[T::Semi, T::RBrace]);
                return None;
            }
        };
        if let T::Literal(LitKind::String) = self.tok() {
            f.tag = Some(self.cur().lit.clone());
            self.next();
        }
        Some(f)
    }

    fn interface_type(&mut self) -> Expr {
        let lo = self.pos();
        self.want(T::Interface);
        self.want(T::LBrace);
        let mut elems = Vec::new();
        while self.tok() != T::Eof && self.tok() != T::RBrace {
            let before = self.idx;
            if self.tok() == T::Name && self.peek(1) == T::LParen {
                let name = self.name();
                let at = self.pos();
                let typ = self.signature(at);
                elems.push(InterfaceElem::Method { name, typ });
            } else if self.tok() == T::Name
                && self.peek(1) == T::LBrack
                && self.peek(2) != T::RBrack
                && {
                    // method with type parameters: `M[P any]()` is an error in Go
                    false
                }
            {
            } else {
                let elo = self.pos();
                let mut terms = vec![self.union_term()];
                while self.is_op(Operator::Or) {
                    self.next();
                    terms.push(self.union_term());
                }
                elems.push(InterfaceElem::Union {
                    terms,
                    span: Span::new(elo, self.prev_end()),
                });
            }
            if !self.got(T::Semi) && self.tok() != T::RBrace {
                self.syntax_error("in interface type; possibly missing semicolon or newline or }");
                self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                if self.tok() != T::RBrace {
                    break;
                }
            }
            if self.idx == before {
                self.next();
            }
        }
        let hi = self.pos() + 1;
        self.want(T::RBrace);
        self.expr(ExprKind::InterfaceType(elems), Span::new(lo, hi))
    }

    // ---- expressions

    fn expr_list(&mut self) -> Vec<Expr> {
        let mut list = vec![self.expr_()];
        while self.got(T::Comma) {
            list.push(self.expr_());
        }
        list
    }

    fn expr_(&mut self) -> Expr {
        if !self.enter() {
            return self.bad_expr();
        }
        let e = self.binary_expr(None, 0);
        self.leave();
        e
    }

    fn binary_expr(&mut self, x: Option<Expr>, prec: u8) -> Expr {
        let mut x = match x {
            Some(x) => x,
            None => self.unary_expr(),
        };
        let mut chain = 0;
        loop {
            let (t, op) = (self.tok(), self.op());
            let Some(op) = op else { break };
            if !(t == T::Operator || t == T::Star) || op.prec() <= prec {
                break;
            }
            let op_pos = self.pos();
            self.next();
            if !self.enter() {
                return x;
            }
            let y = self.binary_expr(None, op.prec());
            self.leave();
            // Left-nested chains (`a + b + c ...`) build deep trees iteratively; later stages
            // recurse over them, so their length is bounded too.
            chain += 1;
            if chain > CHAIN_MAX {
                if chain == CHAIN_MAX + 1 {
                    self.plain_error_at(
                        op_pos,
                        "not supported by Goroscope yet: expressions this long".into(),
                    );
                }
                continue;
            }
            let span = Span::new(x.span.lo, y.span.hi);
            x = self.expr(
                ExprKind::Binary {
                    op,
                    x: Box::new(x),
                    y: Box::new(y),
                    op_pos,
                },
                span,
            );
        }
        x
    }

    fn unary_expr(&mut self) -> Expr {
        if !self.enter() {
            return self.bad_expr();
        }
        let e = self.unary_expr_inner();
        self.leave();
        e
    }

    fn unary_expr_inner(&mut self) -> Expr {
        let lo = self.pos();
        match self.tok() {
            T::Operator | T::Star => {
                let op = self.op();
                match op {
                    Some(Operator::Mul) if self.tok() == T::Star => {
                        self.next();
                        let x = self.unary_expr();
                        let span = Span::new(lo, x.span.hi);
                        return self.expr(ExprKind::Star(Box::new(x)), span);
                    }
                    Some(
                        op @ (Operator::Add
                        | Operator::Sub
                        | Operator::Not
                        | Operator::Xor
                        | Operator::And
                        | Operator::Tilde),
                    ) => {
                        self.next();
                        let x = self.unary_expr();
                        let span = Span::new(lo, x.span.hi);
                        return self.expr(ExprKind::Unary { op, x: Box::new(x) }, span);
                    }
                    _ => {}
                }
            }
            T::Arrow => {
                self.next();
                if self.tok() == T::Chan {
                    // <-chan T (a type)
                    self.next();
                    let elem = self.chan_elem();
                    let span = Span::new(lo, elem.span.hi);
                    let t = self.expr(
                        ExprKind::ChanType {
                            dir: ChanDir::Recv,
                            elem: Box::new(elem),
                        },
                        span,
                    );
                    return self.pexpr_loop(t, true);
                }
                let x = self.unary_expr();
                let span = Span::new(lo, x.span.hi);
                return self.expr(
                    ExprKind::Unary {
                        op: Operator::Recv,
                        x: Box::new(x),
                    },
                    span,
                );
            }
            _ => {}
        }
        self.pexpr(true)
    }

    fn operand(&mut self, keep_parens: bool) -> Expr {
        let lo = self.pos();
        match self.tok() {
            T::Name => {
                let n = self.name();
                self.name_expr(n)
            }
            T::Literal(kind) => {
                let t = self.cur().clone();
                self.next();
                self.expr(ExprKind::BasicLit { kind, raw: t.lit }, t.span)
            }
            T::LParen => {
                self.next();
                self.xnest += 1;
                let x = self.expr_();
                self.xnest -= 1;
                let hi = self.pos() + 1;
                self.want(T::RParen);
                let _ = keep_parens;
                self.expr(ExprKind::Paren(Box::new(x)), Span::new(lo, hi))
            }
            T::Func => {
                self.next();
                let sig = self.signature(lo);
                if self.tok() == T::LBrace {
                    self.xnest += 1;
                    self.fnest += 1;
                    let body = self.block();
                    self.fnest -= 1;
                    self.xnest -= 1;
                    let span = Span::new(lo, body.span.hi);
                    return self.expr(ExprKind::FuncLit { typ: sig, body }, span);
                }
                let span = sig.span;
                self.expr(ExprKind::FuncType(sig), span)
            }
            T::LBrack | T::Chan | T::Map | T::Struct | T::Interface => self.type_(),
            _ => {
                let x = self.bad_expr();
                self.syntax_error("expected expression");
                self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                x
            }
        }
    }

    fn pexpr(&mut self, keep_parens: bool) -> Expr {
        let x = self.operand(keep_parens);
        self.pexpr_loop(x, keep_parens)
    }

    fn pexpr_loop(&mut self, mut x: Expr, _keep_parens: bool) -> Expr {
        let mut chain = 0;
        loop {
            let pos = self.pos();
            // Selector, index and call chains nest to the left; bound them like binary chains.
            chain += 1;
            if chain > CHAIN_MAX && matches!(self.tok(), T::Dot | T::LBrack | T::LParen | T::LBrace)
            {
                self.plain_error_at(
                    pos,
                    "not supported by Goroscope yet: expressions this long".into(),
                );
                while self.tok() != T::Eof {
                    self.next();
                }
                return x;
            }
            match self.tok() {
                T::Dot => {
                    self.next();
                    match self.tok() {
                        T::Name => {
                            let sel = self.name();
                            let span = Span::new(x.span.lo, sel.span.hi);
                            x = self.expr(
                                ExprKind::Selector {
                                    x: Box::new(x),
                                    sel,
                                },
                                span,
                            );
                        }
                        T::LParen => {
                            self.next();
                            if self.got(T::Type) {
                                let hi = self.pos() + 1;
                                self.want(T::RParen);
                                let span = Span::new(x.span.lo, hi);
                                x = self.expr(
                                    ExprKind::TypeAssert {
                                        x: Box::new(x),
                                        typ: None,
                                    },
                                    span,
                                );
                            } else {
                                let t = self.type_();
                                let hi = self.pos() + 1;
                                self.want(T::RParen);
                                let span = Span::new(x.span.lo, hi);
                                x = self.expr(
                                    ExprKind::TypeAssert {
                                        x: Box::new(x),
                                        typ: Some(Box::new(t)),
                                    },
                                    span,
                                );
                            }
                        }
                        _ => {
                            self.syntax_error("expected name or (");
                            self.advance(&[T::Semi, T::RParen]);
                        }
                    }
                }
                T::LBrack => {
                    self.next();
                    self.xnest += 1;
                    let mut lo_idx = None;
                    if self.tok() != T::Colon {
                        let i = self.expr_();
                        if self.got(T::Comma) || self.tok() == T::RBrack {
                            // x[i] or x[T1, T2] (instantiation)
                            let mut indices = vec![i];
                            while self.tok() != T::RBrack && self.tok() != T::Eof {
                                let before = self.idx;
                                indices.push(self.type_or_expr());
                                if !self.got(T::Comma) || self.idx == before {
                                    break;
                                }
                            }
                            self.xnest -= 1;
                            let hi = self.pos() + 1;
                            self.want(T::RBrack);
                            let span = Span::new(x.span.lo, hi);
                            x = self.expr(
                                ExprKind::Index {
                                    x: Box::new(x),
                                    indices,
                                },
                                span,
                            );
                            continue;
                        }
                        lo_idx = Some(Box::new(i));
                    }
                    // slice
                    if self.tok() != T::Colon {
                        self.syntax_error("expected comma, : or ]");
                        self.advance(&[T::Comma, T::Colon, T::RBrack]);
                    }
                    self.got(T::Colon);
                    let mut hi_idx = None;
                    let mut max = None;
                    let mut full = false;
                    if self.tok() != T::Colon && self.tok() != T::RBrack {
                        hi_idx = Some(Box::new(self.expr_()));
                    }
                    if self.tok() == T::Colon {
                        full = true;
                        let cpos = self.pos();
                        self.next();
                        if hi_idx.is_none() {
                            self.plain_error_at(
                                cpos,
                                "middle index required in 3-index slice".into(),
                            );
                        }
                        if self.tok() != T::RBrack {
                            max = Some(Box::new(self.expr_()));
                        } else {
                            let at = self.pos();
                            self.plain_error_at(at, "final index required in 3-index slice".into());
                        }
                    }
                    self.xnest -= 1;
                    let hi = self.pos() + 1;
                    self.want(T::RBrack);
                    let span = Span::new(x.span.lo, hi);
                    x = self.expr(
                        ExprKind::Slice {
                            x: Box::new(x),
                            lo: lo_idx,
                            hi: hi_idx,
                            max,
                            full,
                        },
                        span,
                    );
                }
                T::LParen => {
                    self.next();
                    self.xnest += 1;
                    let mut args = Vec::new();
                    let mut has_dots = false;
                    let mut missing_close = false;
                    while self.tok() != T::Eof && self.tok() != T::RParen {
                        let before = self.idx;
                        args.push(self.type_or_expr());
                        has_dots = self.got(T::DotDotDot);
                        if !self.got(T::Comma) && self.tok() != T::RParen {
                            self.syntax_error("in argument list; possibly missing comma or )");
                            self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                            missing_close = self.tok() != T::RParen;
                            break;
                        }
                        if has_dots || self.idx == before {
                            break;
                        }
                    }
                    self.xnest -= 1;
                    let hi = self.pos() + 1;
                    if !missing_close {
                        self.want(T::RParen);
                    }
                    let span = Span::new(x.span.lo, hi);
                    x = self.expr(
                        ExprKind::Call {
                            fun: Box::new(x),
                            args,
                            has_dots,
                            lparen: pos,
                        },
                        span,
                    );
                }
                T::LBrace => {
                    let t = x.unparen();
                    let ok = match &t.kind {
                        ExprKind::Name(_) | ExprKind::Selector { .. } => self.xnest >= 0,
                        ExprKind::Index { .. } => self.xnest >= 0,
                        ExprKind::ArrayType { .. }
                        | ExprKind::StructType(_)
                        | ExprKind::MapType { .. } => true,
                        _ => false,
                    };
                    if !ok {
                        break;
                    }
                    if !std::ptr::eq(t, &x) {
                        self.syntax_error("cannot parenthesize type in composite literal");
                    }
                    let lo = x.span.lo;
                    let (elems, rbrace) = self.complit_body();
                    x = self.expr(
                        ExprKind::CompositeLit {
                            typ: Some(Box::new(x)),
                            elems,
                            rbrace,
                        },
                        Span::new(lo, rbrace + 1),
                    );
                }
                _ => break,
            }
        }
        x
    }

    /// `{ elem, key: elem, ... }` of a composite literal.
    fn complit_body(&mut self) -> (Vec<Element>, u32) {
        self.want(T::LBrace);
        self.xnest += 1;
        let mut elems = Vec::new();
        let mut missing_close = false;
        while self.tok() != T::Eof && self.tok() != T::RBrace {
            let before = self.idx;
            let lo = self.pos();
            let mut value = self.bare_complit_expr();
            let mut key = None;
            if self.got(T::Colon) {
                key = Some(value);
                value = self.bare_complit_expr();
            }
            elems.push(Element {
                key,
                value,
                span: Span::new(lo, self.prev_end()),
            });
            if !self.got(T::Comma) && self.tok() != T::RBrace {
                self.syntax_error("in composite literal; possibly missing comma or }");
                self.advance(&[T::RParen, T::RBrack, T::RBrace]);
                if self.tok() != T::RBrace {
                    missing_close = true;
                    break;
                }
            }
            if self.idx == before {
                self.next();
            }
        }
        self.xnest -= 1;
        let rbrace = self.pos();
        if !missing_close {
            self.want(T::RBrace);
        }
        (elems, rbrace)
    }

    fn bare_complit_expr(&mut self) -> Expr {
        if self.tok() == T::LBrace {
            let lo = self.pos();
            if !self.enter() {
                return self.bad_expr();
            }
            let (elems, rbrace) = self.complit_body();
            self.leave();
            return self.expr(
                ExprKind::CompositeLit {
                    typ: None,
                    elems,
                    rbrace,
                },
                Span::new(lo, rbrace + 1),
            );
        }
        self.expr_()
    }

    // ---- statements

    fn block(&mut self) -> Block {
        let lo = self.pos();
        if !self.got(T::LBrace) {
            self.syntax_error("expected {");
            self.advance(&[T::Name, T::RBrace]);
            let rb = self.pos();
            self.got(T::RBrace);
            return Block {
                stmts: vec![],
                span: Span::new(lo, rb + 1),
                rbrace: rb,
            };
        }
        if !self.enter() {
            let at = self.pos();
            return Block {
                stmts: vec![],
                span: Span::new(lo, at),
                rbrace: at,
            };
        }
        let stmts = self.stmt_list();
        self.leave();
        let rbrace = self.pos();
        self.want(T::RBrace);
        Block {
            stmts,
            span: Span::new(lo, rbrace + 1),
            rbrace,
        }
    }

    fn block_ctx(&mut self, context: &str) -> Block {
        if self.tok() != T::LBrace {
            let lo = self.pos();
            self.syntax_error(&format!("expected {{ after {context}"));
            self.advance(&[T::Name, T::RBrace]);
            let rb = self.pos();
            if self.got(T::RBrace) {
                return Block {
                    stmts: vec![],
                    span: Span::new(lo, rb + 1),
                    rbrace: rb,
                };
            }
            let stmts = self.stmt_list();
            let rbrace = self.pos();
            self.want(T::RBrace);
            return Block {
                stmts,
                span: Span::new(lo, rbrace + 1),
                rbrace,
            };
        }
        self.block()
    }

    fn stmt_list(&mut self) -> Vec<Stmt> {
        let mut list = Vec::new();
        while !matches!(self.tok(), T::Eof | T::RBrace | T::Case | T::Default) {
            let before = self.idx;
            let Some(s) = self.stmt_or_nil() else { break };
            let is_empty = matches!(s.kind, StmtKind::Empty);
            list.push(s);
            if !self.got(T::Semi) && self.tok() != T::RBrace {
                self.syntax_error("at end of statement");
                self.advance(&[T::Semi, T::RBrace, T::Case, T::Default]);
                self.got(T::Semi);
            }
            if self.idx == before && !is_empty {
                self.next();
            }
            if is_empty && self.idx == before {
                break;
            }
        }
        list
    }

    fn stmt_or_nil(&mut self) -> Option<Stmt> {
        if !self.enter() {
            return None;
        }
        let r = self.stmt_or_nil_inner();
        self.leave();
        r
    }

    fn stmt_or_nil_inner(&mut self) -> Option<Stmt> {
        let lo = self.pos();
        if self.tok() == T::Name {
            let lhs = self.expr_list();
            if lhs.len() == 1 && self.tok() == T::Colon {
                if let ExprKind::Name(n) = &lhs[0].kind {
                    let label = Ident {
                        id: lhs[0].id,
                        name: n.clone(),
                        span: lhs[0].span,
                    };
                    return self.labeled_stmt(label);
                }
            }
            return Some(self.simple_stmt(Some(lhs), None));
        }
        match self.tok() {
            T::Var => {
                self.next();
                let mut specs = Vec::new();
                self.group(|p| specs.push(p.var_spec()));
                return Some(Stmt {
                    kind: StmtKind::Decl(Decl::Var(specs)),
                    span: Span::new(lo, self.prev_end()),
                });
            }
            T::Const => {
                self.next();
                let specs = self.const_group();
                return Some(Stmt {
                    kind: StmtKind::Decl(Decl::Const(specs)),
                    span: Span::new(lo, self.prev_end()),
                });
            }
            T::Type => {
                self.next();
                let mut specs = Vec::new();
                self.group(|p| specs.push(p.type_spec()));
                return Some(Stmt {
                    kind: StmtKind::Decl(Decl::Type(specs)),
                    span: Span::new(lo, self.prev_end()),
                });
            }
            _ => {}
        }
        match self.tok() {
            T::LBrace => {
                let b = self.block();
                let span = b.span;
                Some(Stmt {
                    kind: StmtKind::Block(b),
                    span,
                })
            }
            T::Operator | T::Star => match self.op() {
                Some(
                    Operator::Add
                    | Operator::Sub
                    | Operator::Mul
                    | Operator::And
                    | Operator::Xor
                    | Operator::Not,
                ) => Some(self.simple_stmt(None, None)),
                _ => None,
            },
            T::Literal(_)
            | T::Func
            | T::LParen
            | T::LBrack
            | T::Struct
            | T::Map
            | T::Chan
            | T::Interface
            | T::Arrow => Some(self.simple_stmt(None, None)),
            T::For => Some(self.for_stmt()),
            T::Switch => Some(self.switch_stmt()),
            T::Select => Some(self.select_stmt()),
            T::If => Some(self.if_stmt()),
            T::Fallthrough => {
                let span = self.cur().span;
                self.next();
                Some(Stmt {
                    kind: StmtKind::Branch {
                        kind: BranchKind::Fallthrough,
                        label: None,
                    },
                    span,
                })
            }
            T::Break | T::Continue => {
                let kind = if self.tok() == T::Break {
                    BranchKind::Break
                } else {
                    BranchKind::Continue
                };
                self.next();
                let label = if self.tok() == T::Name {
                    Some(self.name())
                } else {
                    None
                };
                Some(Stmt {
                    kind: StmtKind::Branch { kind, label },
                    span: Span::new(lo, self.prev_end()),
                })
            }
            T::Go | T::Defer => {
                let is_go = self.tok() == T::Go;
                let kw = if is_go { "go" } else { "defer" };
                self.next();
                let x = self.pexpr(true);
                let x = if let ExprKind::Paren(inner) = x.kind {
                    self.plain_error_at(
                        x.span.lo,
                        format!("expression in {kw} must not be parenthesized"),
                    );
                    *inner
                } else {
                    x
                };
                let span = Span::new(lo, x.span.hi);
                Some(Stmt {
                    kind: if is_go {
                        StmtKind::Go(x)
                    } else {
                        StmtKind::Defer(x)
                    },
                    span,
                })
            }
            T::Goto => {
                self.next();
                let label = Some(self.name());
                Some(Stmt {
                    kind: StmtKind::Branch {
                        kind: BranchKind::Goto,
                        label,
                    },
                    span: Span::new(lo, self.prev_end()),
                })
            }
            T::Return => {
                self.next();
                let mut results = Vec::new();
                if self.tok() != T::Semi && self.tok() != T::RBrace {
                    results = self.expr_list();
                }
                Some(Stmt {
                    kind: StmtKind::Return(results),
                    span: Span::new(lo, self.prev_end()),
                })
            }
            T::Semi => Some(Stmt {
                kind: StmtKind::Empty,
                span: Span::at(lo),
            }),
            _ => None,
        }
    }

    fn labeled_stmt(&mut self, label: Ident) -> Option<Stmt> {
        let colon = self.pos();
        self.want(T::Colon);
        if self.tok() == T::RBrace {
            let at = self.pos();
            let span = Span::new(label.span.lo, at);
            return Some(Stmt {
                kind: StmtKind::Labeled {
                    label,
                    stmt: Box::new(Stmt {
                        kind: StmtKind::Empty,
                        span: Span::at(at),
                    }),
                },
                span,
            });
        }
        match self.stmt_or_nil() {
            Some(s) => {
                let span = Span::new(label.span.lo, s.span.hi);
                Some(Stmt {
                    kind: StmtKind::Labeled {
                        label,
                        stmt: Box::new(s),
                    },
                    span,
                })
            }
            None => {
                self.syntax_error_at(colon, "missing statement after label");
                None
            }
        }
    }

    /// Simple statements; `keyword` is `For` in a for header (range allowed) or `Switch`.
    fn simple_stmt(&mut self, lhs: Option<Vec<Expr>>, keyword: Option<T>) -> Stmt {
        if keyword == Some(T::For) && self.tok() == T::Range {
            return self.range_clause(None, false);
        }
        let lhs = match lhs {
            Some(l) => l,
            None => self.expr_list(),
        };
        let lo = lhs[0].span.lo;
        if lhs.len() == 1 && self.tok() != T::Assign && self.tok() != T::Define {
            let pos = self.pos();
            match self.tok() {
                T::AssignOp => {
                    let op = self.op();
                    self.next();
                    let rhs = self.expr_();
                    let span = Span::new(lo, rhs.span.hi);
                    return Stmt {
                        kind: StmtKind::Assign {
                            lhs,
                            op,
                            rhs: vec![rhs],
                            op_pos: pos,
                        },
                        span,
                    };
                }
                T::IncOp => {
                    let inc = self.op() == Some(Operator::Add);
                    self.next();
                    let x = lhs.into_iter().next().unwrap_or_else(|| self.bad_expr());
                    let span = Span::new(lo, self.prev_end());
                    return Stmt {
                        kind: StmtKind::IncDec { x, inc },
                        span,
                    };
                }
                T::Arrow => {
                    self.next();
                    let value = self.expr_();
                    let ch = lhs.into_iter().next().unwrap_or_else(|| self.bad_expr());
                    let span = Span::new(lo, value.span.hi);
                    return Stmt {
                        kind: StmtKind::Send { ch, value },
                        span,
                    };
                }
                _ => {
                    let x = lhs.into_iter().next().unwrap_or_else(|| self.bad_expr());
                    let span = x.span;
                    return Stmt {
                        kind: StmtKind::Expr(x),
                        span,
                    };
                }
            }
        }
        match self.tok() {
            T::Assign | T::Define => {
                let define = self.tok() == T::Define;
                let op_pos = self.pos();
                self.next();
                if keyword == Some(T::For) && self.tok() == T::Range {
                    return self.range_clause(Some(lhs), define);
                }
                let rhs = self.expr_list();
                if keyword == Some(T::Switch) && define && rhs.len() == 1 && lhs.len() == 1 {
                    if let (ExprKind::TypeAssert { typ: None, .. }, ExprKind::Name(_)) =
                        (&rhs[0].kind, &lhs[0].kind)
                    {
                        // switch v := x.(type): keep as Define; the switch statement unpacks it.
                    }
                }
                let hi = rhs.last().map(|e| e.span.hi).unwrap_or(op_pos);
                let span = Span::new(lo, hi);
                if define {
                    Stmt {
                        kind: StmtKind::Define { lhs, rhs, op_pos },
                        span,
                    }
                } else {
                    Stmt {
                        kind: StmtKind::Assign {
                            lhs,
                            op: None,
                            rhs,
                            op_pos,
                        },
                        span,
                    }
                }
            }
            _ => {
                self.syntax_error("expected := or = or comma");
                self.advance(&[T::Semi, T::RBrace]);
                let x = lhs.into_iter().next().unwrap_or_else(|| self.bad_expr());
                let span = x.span;
                Stmt {
                    kind: StmtKind::Expr(x),
                    span,
                }
            }
        }
    }

    fn range_clause(&mut self, lhs: Option<Vec<Expr>>, define: bool) -> Stmt {
        let lo = lhs
            .as_ref()
            .and_then(|l| l.first())
            .map(|e| e.span.lo)
            .unwrap_or(self.pos());
        self.next(); // range
        let x = self.expr_();
        let mut key = None;
        let mut value = None;
        if let Some(l) = lhs {
            let mut it = l.into_iter();
            key = it.next();
            value = it.next();
            if let Some(extra) = it.next() {
                self.errors.push(RawError {
                    offset: extra.span.lo,
                    message: "range clause permits at most two iteration variables".into(),
                    syntax: false,
                    note: None,
                });
            }
        }
        let span = Span::new(lo, x.span.hi);
        // The body is filled in by for_stmt.
        Stmt {
            kind: StmtKind::Range {
                key,
                value,
                define,
                x,
                body: Block {
                    stmts: vec![],
                    span: Span::at(span.hi),
                    rbrace: span.hi,
                },
            },
            span,
        }
    }

    /// if/for/switch headers: returns (init, cond-statement). Mirrors gc's `header`.
    fn header(&mut self, keyword: T) -> (Option<Stmt>, Option<Stmt>, Option<Stmt>, bool) {
        // returns (init, cond, post, is_range)
        self.next(); // keyword
        if self.tok() == T::LBrace {
            if keyword == T::If {
                self.syntax_error("missing condition in if statement");
            }
            return (None, None, None, false);
        }
        let outer = self.xnest;
        self.xnest = -1;
        let mut init = None;
        if self.tok() != T::Semi {
            if self.got(T::Var) {
                self.syntax_error(&format!(
                    "var declaration not allowed in {} initializer",
                    keyword.as_str()
                ));
            }
            let s = self.simple_stmt(None, Some(keyword));
            if matches!(s.kind, StmtKind::Range { .. }) {
                self.xnest = outer;
                return (Some(s), None, None, true);
            }
            init = Some(s);
        }
        let mut cond_stmt = None;
        let mut post = None;
        let mut semi: Option<(u32, String)> = None;
        if self.tok() != T::LBrace {
            if self.tok() == T::Semi {
                semi = Some((self.pos(), self.cur().lit.clone()));
                self.next();
            } else {
                self.want(T::LBrace);
                if self.tok() != T::LBrace {
                    self.advance(&[T::LBrace, T::RBrace]);
                }
            }
            if keyword == T::For {
                if self.tok() != T::Semi {
                    if self.tok() == T::LBrace {
                        self.syntax_error("expected for loop condition");
                        self.xnest = outer;
                        return (init, None, None, false);
                    }
                    cond_stmt = Some(self.simple_stmt(None, None));
                }
                self.want(T::Semi);
                if self.tok() != T::LBrace {
                    let s = self.simple_stmt(None, None);
                    if let StmtKind::Define { op_pos, .. } = &s.kind {
                        let at = *op_pos;
                        self.syntax_error_at(at, "cannot declare in post statement of for loop");
                    }
                    post = Some(s);
                }
            } else if self.tok() != T::LBrace {
                cond_stmt = Some(self.simple_stmt(None, Some(keyword)));
            }
        } else {
            cond_stmt = init.take();
        }
        self.xnest = outer;
        match &cond_stmt {
            None => {
                if keyword == T::If {
                    if let Some((at, lit)) = semi {
                        if lit != "semicolon" {
                            self.syntax_error_at(
                                at,
                                &format!("unexpected {lit}, expected {{ after if clause"),
                            );
                        } else {
                            self.syntax_error_at(at, "missing condition in if statement");
                        }
                    }
                }
            }
            Some(Stmt {
                kind: StmtKind::Expr(_),
                ..
            }) => {}
            Some(s) if keyword == T::Switch && is_type_switch_guard(s) => {}
            Some(s) => {
                let text = match &s.kind {
                    StmtKind::Assign {
                        lhs, op: None, rhs, ..
                    } => {
                        format!(
                            "assignment {} = {}",
                            emphasize_list(lhs),
                            emphasize_list(rhs)
                        )
                    }
                    _ => stmt_string(s),
                };
                let at = match &s.kind {
                    StmtKind::Assign { op_pos, .. } | StmtKind::Define { op_pos, .. } => *op_pos,
                    _ => s.span.lo,
                };
                self.syntax_error_at(at, &format!("cannot use {text} as value"));
            }
        }
        (init, cond_stmt, post, false)
    }

    fn if_stmt(&mut self) -> Stmt {
        let lo = self.pos();
        let (init, cond, _, _) = self.header(T::If);
        let cond = match cond {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => e,
            _ => {
                let at = self.pos();
                self.expr(ExprKind::Bad, Span::at(at))
            }
        };
        let then = self.block_ctx("if clause");
        let mut els = None;
        if self.got(T::Else) {
            match self.tok() {
                T::If => els = Some(Box::new(self.if_stmt())),
                T::LBrace => {
                    let b = self.block();
                    let span = b.span;
                    els = Some(Box::new(Stmt {
                        kind: StmtKind::Block(b),
                        span,
                    }));
                }
                _ => {
                    self.syntax_error("else must be followed by if or statement block");
                    self.advance(&[T::Name, T::RBrace]);
                }
            }
        }
        Stmt {
            kind: StmtKind::If {
                init: init.map(Box::new),
                cond,
                then,
                els,
            },
            span: Span::new(lo, self.prev_end()),
        }
    }

    fn for_stmt(&mut self) -> Stmt {
        let lo = self.pos();
        let (init, cond, post, is_range) = self.header(T::For);
        let body = self.block_ctx("for clause");
        let span = Span::new(lo, self.prev_end());
        if is_range {
            if let Some(Stmt {
                kind:
                    StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        ..
                    },
                ..
            }) = init
            {
                return Stmt {
                    kind: StmtKind::Range {
                        key,
                        value,
                        define,
                        x,
                        body,
                    },
                    span,
                };
            }
        }
        let cond = match cond {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => Some(e),
            Some(_) => Some(self.expr(ExprKind::Bad, Span::at(lo))),
            None => None,
        };
        Stmt {
            kind: StmtKind::For {
                init: init.map(Box::new),
                cond,
                post: post.map(Box::new),
                body,
            },
            span,
        }
    }

    fn switch_stmt(&mut self) -> Stmt {
        let lo = self.pos();
        let (init, tag, _, _) = self.header(T::Switch);
        if !self.got(T::LBrace) {
            self.syntax_error("missing { after switch clause");
            self.advance(&[T::Case, T::Default, T::RBrace]);
        }
        let mut cases = Vec::new();
        while self.tok() != T::Eof && self.tok() != T::RBrace {
            let before = self.idx;
            cases.push(self.case_clause());
            if self.idx == before {
                self.next();
            }
        }
        let rbrace = self.pos();
        self.want(T::RBrace);
        let span = Span::new(lo, self.prev_end());
        let init = init.map(Box::new);
        match tag {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => {
                if let ExprKind::TypeAssert { typ: None, x } = e.kind {
                    return Stmt {
                        kind: StmtKind::TypeSwitch {
                            init,
                            bind: None,
                            x: *x,
                            cases,
                            rbrace,
                        },
                        span,
                    };
                }
                Stmt {
                    kind: StmtKind::Switch {
                        init,
                        tag: Some(e),
                        cases,
                        rbrace,
                    },
                    span,
                }
            }
            Some(Stmt {
                kind: StmtKind::Define {
                    mut lhs, mut rhs, ..
                },
                ..
            }) if lhs.len() == 1 && rhs.len() == 1 => {
                let l = lhs.pop();
                let r = rhs.pop();
                match (l, r) {
                    (
                        Some(Expr {
                            id,
                            kind: ExprKind::Name(n),
                            span: nspan,
                        }),
                        Some(Expr {
                            kind: ExprKind::TypeAssert { typ: None, x },
                            ..
                        }),
                    ) => {
                        let bind = Some(Ident {
                            id,
                            name: n,
                            span: nspan,
                        });
                        Stmt {
                            kind: StmtKind::TypeSwitch {
                                init,
                                bind,
                                x: *x,
                                cases,
                                rbrace,
                            },
                            span,
                        }
                    }
                    _ => Stmt {
                        kind: StmtKind::Switch {
                            init,
                            tag: None,
                            cases,
                            rbrace,
                        },
                        span,
                    },
                }
            }
            _ => Stmt {
                kind: StmtKind::Switch {
                    init,
                    tag: None,
                    cases,
                    rbrace,
                },
                span,
            },
        }
    }

    fn case_clause(&mut self) -> CaseClause {
        let lo = self.pos();
        let mut exprs = Vec::new();
        let mut default = false;
        match self.tok() {
            T::Case => {
                self.next();
                exprs = self.expr_list();
            }
            T::Default => {
                self.next();
                default = true;
            }
            _ => {
                self.syntax_error("expected case or default or }");
                self.advance(&[T::Colon, T::Case, T::Default, T::RBrace]);
            }
        }
        let colon = self.pos();
        self.want(T::Colon);
        let body = self.stmt_list();
        CaseClause {
            exprs,
            default,
            body,
            span: Span::new(lo, self.prev_end()),
            colon,
        }
    }

    fn select_stmt(&mut self) -> Stmt {
        let lo = self.pos();
        self.next();
        if !self.got(T::LBrace) {
            self.syntax_error("missing { after select clause");
            self.advance(&[T::Case, T::Default, T::RBrace]);
        }
        let mut cases = Vec::new();
        while self.tok() != T::Eof && self.tok() != T::RBrace {
            let before = self.idx;
            let clo = self.pos();
            let mut comm = None;
            match self.tok() {
                T::Case => {
                    self.next();
                    comm = Some(Box::new(self.simple_stmt(None, None)));
                }
                T::Default => {
                    self.next();
                }
                _ => {
                    self.syntax_error("expected case or default or }");
                    self.advance(&[T::Colon, T::Case, T::Default, T::RBrace]);
                }
            }
            self.want(T::Colon);
            let body = self.stmt_list();
            cases.push(CommClause {
                comm,
                body,
                span: Span::new(clo, self.prev_end()),
            });
            if self.idx == before {
                self.next();
            }
        }
        self.want(T::RBrace);
        Stmt {
            kind: StmtKind::Select { cases },
            span: Span::new(lo, self.prev_end()),
        }
    }
}

fn is_type_switch_guard(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Define { lhs, rhs, .. } => {
            lhs.len() == 1
                && rhs.len() == 1
                && matches!(rhs[0].kind, ExprKind::TypeAssert { typ: None, .. })
                && matches!(lhs[0].kind, ExprKind::Name(_))
        }
        _ => false,
    }
}

fn emphasize_list(list: &[Expr]) -> String {
    if list.len() == 1 {
        let s = expr_string(&list[0]);
        if let ExprKind::Binary { .. } = list[0].kind {
            return format!("({s})");
        }
        return s;
    }
    list.iter().map(expr_string).collect::<Vec<_>>().join(", ")
}

/// If `t` is `...T`, returns `T`.
fn take_dots(t: &mut Expr) -> Option<Expr> {
    if let ExprKind::Dots(x) = &mut t.kind {
        let placeholder = Expr {
            id: x.id,
            kind: ExprKind::Bad,
            span: x.span,
        };
        return Some(std::mem::replace(x, placeholder));
    }
    None
}
