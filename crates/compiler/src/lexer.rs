//! Go tokens with automatic semicolon insertion; mirrors cmd/compile/internal/syntax/scanner.go.
//!
//! Invariants:
//! - `lex` always ends the token list with exactly one `Eof` token.
//! - A `Semi` token's `lit` is "semicolon" (written), "newline" (inserted at a newline or a
//!   comment spanning lines) or "EOF" (inserted at the end), as gc's scanner sets it; the parser
//!   prints it in "unexpected newline" messages.
//! - Literal tokens keep their exact source text; `unquote_*` and `parse_int_lit` decode it.

use crate::diagnostic::{RawError, Span};

/// Token kinds, named as in Go's syntax package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Eof,
    Name,
    Literal(LitKind),
    /// An operator other than `*`, `<-`, `=` and `:=`; its `Operator` is in the token.
    Operator,
    /// `op=`.
    AssignOp,
    /// `++` or `--`.
    IncOp,
    Assign,
    Define,
    Arrow,
    Star,
    LParen,
    LBrack,
    LBrace,
    RParen,
    RBrack,
    RBrace,
    Comma,
    Semi,
    Colon,
    Dot,
    DotDotDot,
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

/// Kinds of basic literals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

/// Operators, with Go's spelling as `Display`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    Not,
    Recv,
    Tilde,
    OrOr,
    AndAnd,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    And,
    AndNot,
    Shl,
    Shr,
}

/// Binary precedence levels (syntax/tokens.go): 0 means "not a binary operator".
pub const PREC_OROR: u8 = 1;
const PREC_ANDAND: u8 = 2;
const PREC_CMP: u8 = 3;
const PREC_ADD: u8 = 4;
const PREC_MUL: u8 = 5;

impl Operator {
    /// Go's spelling.
    pub fn as_str(self) -> &'static str {
        use Operator::*;
        match self {
            Not => "!",
            Recv => "<-",
            Tilde => "~",
            OrOr => "||",
            AndAnd => "&&",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
            Add => "+",
            Sub => "-",
            Or => "|",
            Xor => "^",
            Mul => "*",
            Div => "/",
            Rem => "%",
            And => "&",
            AndNot => "&^",
            Shl => "<<",
            Shr => ">>",
        }
    }

    /// Binary precedence, 0 for unary-only operators.
    pub fn prec(self) -> u8 {
        use Operator::*;
        match self {
            OrOr => PREC_OROR,
            AndAnd => PREC_ANDAND,
            Eql | Neq | Lss | Leq | Gtr | Geq => PREC_CMP,
            Add | Sub | Or | Xor => PREC_ADD,
            Mul | Div | Rem | And | AndNot | Shl | Shr => PREC_MUL,
            Not | Recv | Tilde => 0,
        }
    }

    /// Whether this is a comparison operator.
    pub fn is_comparison(self) -> bool {
        self.prec() == PREC_CMP
    }
}

impl std::fmt::Display for Operator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// Source text for names and literals; "semicolon"/"newline"/"EOF" for `Semi`.
    pub lit: String,
    /// The operator of `Operator`, `AssignOp`, `IncOp`, `Star` (Mul) and `Arrow` (Recv) tokens.
    pub op: Option<Operator>,
}

impl TokenKind {
    /// Go's spelling of delimiters and keywords, as `tokstring` prints them.
    pub fn as_str(self) -> &'static str {
        use TokenKind::*;
        match self {
            Eof => "EOF",
            Name => "name",
            Literal(_) => "literal",
            Operator => "op",
            AssignOp => "op=",
            IncOp => "opop",
            Assign => "=",
            Define => ":=",
            Arrow => "<-",
            Star => "*",
            LParen => "(",
            LBrack => "[",
            LBrace => "{",
            RParen => ")",
            RBrack => "]",
            RBrace => "}",
            Comma => "comma",
            Semi => "semicolon or newline",
            Colon => ":",
            Dot => ".",
            DotDotDot => "...",
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
        }
    }

    /// Whether this token is a keyword.
    pub fn is_keyword(self) -> bool {
        use TokenKind::*;
        matches!(
            self,
            Break
                | Case
                | Chan
                | Const
                | Continue
                | Default
                | Defer
                | Else
                | Fallthrough
                | For
                | Func
                | Go
                | Goto
                | If
                | Import
                | Interface
                | Map
                | Package
                | Range
                | Return
                | Select
                | Struct
                | Switch
                | Type
                | Var
        )
    }
}

fn keyword(s: &str) -> Option<TokenKind> {
    use TokenKind::*;
    Some(match s {
        "break" => Break,
        "case" => Case,
        "chan" => Chan,
        "const" => Const,
        "continue" => Continue,
        "default" => Default,
        "defer" => Defer,
        "else" => Else,
        "fallthrough" => Fallthrough,
        "for" => For,
        "func" => Func,
        "go" => Go,
        "goto" => Goto,
        "if" => If,
        "import" => Import,
        "interface" => Interface,
        "map" => Map,
        "package" => Package,
        "range" => Range,
        "return" => Return,
        "select" => Select,
        "struct" => Struct,
        "switch" => Switch,
        "type" => Type,
        "var" => Var,
        _ => return None,
    })
}

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    errors: Vec<RawError>,
    nlsemi: bool,
}

/// Splits `src` into tokens, inserting semicolons as the Go spec says.
/// Lexical errors are reported with gc's texts; lexing always continues.
pub fn lex(src: &str) -> (Vec<Token>, Vec<RawError>) {
    let mut s = Scanner {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        tokens: Vec::new(),
        errors: Vec::new(),
        nlsemi: false,
    };
    s.run();
    (s.tokens, s.errors)
}

fn is_letter(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

fn fmt_u(c: char) -> String {
    // Go's %#U: U+0040 '@'
    format!("U+{:04X} '{}'", c as u32, c)
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.bytes.get(self.pos + n).copied()
    }

    fn cur_char(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn error(&mut self, offset: usize, message: String) {
        self.errors.push(RawError {
            offset: offset as u32,
            message,
            syntax: false,
            note: None,
        });
    }

    fn push(&mut self, kind: TokenKind, lo: usize, lit: String, op: Option<Operator>) {
        self.nlsemi = matches!(
            kind,
            TokenKind::Name
                | TokenKind::Literal(_)
                | TokenKind::Break
                | TokenKind::Continue
                | TokenKind::Fallthrough
                | TokenKind::Return
                | TokenKind::RParen
                | TokenKind::RBrack
                | TokenKind::RBrace
                | TokenKind::IncOp
        );
        self.tokens.push(Token {
            kind,
            span: Span::new(lo as u32, self.pos as u32),
            lit,
            op,
        });
    }

    fn semi(&mut self, at: usize, lit: &str) {
        self.tokens.push(Token {
            kind: TokenKind::Semi,
            span: Span::new(at as u32, at as u32 + 1),
            lit: lit.to_string(),
            op: None,
        });
        self.nlsemi = false;
    }

    fn run(&mut self) {
        loop {
            // Skip white space, but a newline after a semicolon-eligible token is a token.
            while let Some(b) = self.peek() {
                if b == b' ' || b == b'\t' || b == b'\r' || (b == b'\n' && !self.nlsemi) {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            let lo = self.pos;
            let Some(b) = self.peek() else {
                if self.nlsemi {
                    let at = self.src.len();
                    self.tokens.push(Token {
                        kind: TokenKind::Semi,
                        span: Span::at(at as u32),
                        lit: "EOF".into(),
                        op: None,
                    });
                    self.nlsemi = false;
                }
                self.tokens.push(Token {
                    kind: TokenKind::Eof,
                    span: Span::at(self.src.len() as u32),
                    lit: String::new(),
                    op: None,
                });
                return;
            };
            if b == b'\n' {
                self.pos += 1;
                self.semi(lo, "newline");
                continue;
            }
            if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
                let c = self.cur_char().unwrap_or('\u{fffd}');
                if b >= 0x80 && !is_letter(c) {
                    self.pos += c.len_utf8();
                    self.error(lo, format!("invalid character {} in identifier", fmt_u(c)));
                    continue;
                }
                self.ident(lo);
                continue;
            }
            if b.is_ascii_digit()
                || (b == b'.' && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()))
            {
                self.number(lo);
                continue;
            }
            match b {
                b'"' => self.std_string(lo),
                b'`' => self.raw_string(lo),
                b'\'' => self.rune(lo),
                b'/' if self.peek_at(1) == Some(b'/') => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'/' if self.peek_at(1) == Some(b'*') => {
                    self.pos += 2;
                    let mut newline = false;
                    let mut closed = false;
                    while let Some(c) = self.peek() {
                        if c == b'*' && self.peek_at(1) == Some(b'/') {
                            self.pos += 2;
                            closed = true;
                            break;
                        }
                        if c == b'\n' {
                            newline = true;
                        }
                        self.pos += 1;
                    }
                    if !closed {
                        self.error(lo, "comment not terminated".into());
                    }
                    if newline && self.nlsemi {
                        self.semi(lo, "newline");
                    }
                }
                _ => self.operator(lo, b),
            }
        }
    }

    fn ident(&mut self, lo: usize) {
        while let Some(c) = self.cur_char() {
            if is_ident_char(c) {
                self.pos += c.len_utf8();
            } else if (c as u32) >= 0x80 {
                self.error(
                    self.pos,
                    format!("invalid character {} in identifier", fmt_u(c)),
                );
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        let text = &self.src[lo..self.pos];
        match keyword(text) {
            Some(k) => self.push(k, lo, String::new(), None),
            None => self.push(TokenKind::Name, lo, text.to_string(), None),
        }
    }

    fn operator(&mut self, lo: usize, b: u8) {
        use Operator as O;
        use TokenKind as T;
        let next = self.peek_at(1);
        let next2 = self.peek_at(2);
        // (kind, length, operator)
        let (kind, len, op) = match (b, next) {
            (b'(', _) => (T::LParen, 1, None),
            (b'[', _) => (T::LBrack, 1, None),
            (b'{', _) => (T::LBrace, 1, None),
            (b')', _) => (T::RParen, 1, None),
            (b']', _) => (T::RBrack, 1, None),
            (b'}', _) => (T::RBrace, 1, None),
            (b',', _) => (T::Comma, 1, None),
            (b';', _) => {
                self.pos += 1;
                self.semi(lo, "semicolon");
                return;
            }
            (b':', Some(b'=')) => (T::Define, 2, None),
            (b':', _) => (T::Colon, 1, None),
            (b'.', Some(b'.')) if next2 == Some(b'.') => (T::DotDotDot, 3, None),
            (b'.', _) => (T::Dot, 1, None),
            (b'+', Some(b'+')) => (T::IncOp, 2, Some(O::Add)),
            (b'-', Some(b'-')) => (T::IncOp, 2, Some(O::Sub)),
            (b'+', Some(b'=')) => (T::AssignOp, 2, Some(O::Add)),
            (b'-', Some(b'=')) => (T::AssignOp, 2, Some(O::Sub)),
            (b'+', _) => (T::Operator, 1, Some(O::Add)),
            (b'-', _) => (T::Operator, 1, Some(O::Sub)),
            (b'*', Some(b'=')) => (T::AssignOp, 2, Some(O::Mul)),
            (b'*', _) => (T::Star, 1, Some(O::Mul)),
            (b'/', Some(b'=')) => (T::AssignOp, 2, Some(O::Div)),
            (b'/', _) => (T::Operator, 1, Some(O::Div)),
            (b'%', Some(b'=')) => (T::AssignOp, 2, Some(O::Rem)),
            (b'%', _) => (T::Operator, 1, Some(O::Rem)),
            (b'&', Some(b'&')) => (T::Operator, 2, Some(O::AndAnd)),
            (b'&', Some(b'^')) if next2 == Some(b'=') => (T::AssignOp, 3, Some(O::AndNot)),
            (b'&', Some(b'^')) => (T::Operator, 2, Some(O::AndNot)),
            (b'&', Some(b'=')) => (T::AssignOp, 2, Some(O::And)),
            (b'&', _) => (T::Operator, 1, Some(O::And)),
            (b'|', Some(b'|')) => (T::Operator, 2, Some(O::OrOr)),
            (b'|', Some(b'=')) => (T::AssignOp, 2, Some(O::Or)),
            (b'|', _) => (T::Operator, 1, Some(O::Or)),
            (b'^', Some(b'=')) => (T::AssignOp, 2, Some(O::Xor)),
            (b'^', _) => (T::Operator, 1, Some(O::Xor)),
            (b'<', Some(b'-')) => (T::Arrow, 2, Some(O::Recv)),
            (b'<', Some(b'<')) if next2 == Some(b'=') => (T::AssignOp, 3, Some(O::Shl)),
            (b'<', Some(b'<')) => (T::Operator, 2, Some(O::Shl)),
            (b'<', Some(b'=')) => (T::Operator, 2, Some(O::Leq)),
            (b'<', _) => (T::Operator, 1, Some(O::Lss)),
            (b'>', Some(b'>')) if next2 == Some(b'=') => (T::AssignOp, 3, Some(O::Shr)),
            (b'>', Some(b'>')) => (T::Operator, 2, Some(O::Shr)),
            (b'>', Some(b'=')) => (T::Operator, 2, Some(O::Geq)),
            (b'>', _) => (T::Operator, 1, Some(O::Gtr)),
            (b'=', Some(b'=')) => (T::Operator, 2, Some(O::Eql)),
            (b'=', _) => (T::Assign, 1, None),
            (b'!', Some(b'=')) => (T::Operator, 2, Some(O::Neq)),
            (b'!', _) => (T::Operator, 1, Some(O::Not)),
            (b'~', _) => (T::Operator, 1, Some(O::Tilde)),
            _ => {
                let c = self.cur_char().unwrap_or('\u{fffd}');
                self.pos += c.len_utf8();
                self.error(
                    lo,
                    format!("invalid character {} in source", fmt_u_short(c)),
                );
                return;
            }
        };
        self.pos += len;
        self.push(kind, lo, String::new(), op);
    }

    fn number(&mut self, lo: usize) {
        let mut kind = LitKind::Int;
        let mut base = 10;
        let b = self.bytes;
        if b[self.pos] == b'0'
            && matches!(
                b.get(self.pos + 1),
                Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B')
            )
        {
            base = match b[self.pos + 1] | 0x20 {
                b'x' => 16,
                b'o' => 8,
                _ => 2,
            };
            self.pos += 2;
        }
        let digits_start = self.pos;
        let mut saw_digits = false;
        let mut invalid: Option<usize> = None;
        let mut eat_digits = |s: &mut Self, hex: bool| {
            while let Some(c) = s.peek() {
                let ok = c == b'_' || c.is_ascii_digit() || (hex && c.is_ascii_hexdigit());
                if !ok {
                    break;
                }
                if c != b'_' {
                    saw_digits = true;
                    let v = (c as char).to_digit(16).unwrap_or(0);
                    if v >= base && invalid.is_none() {
                        invalid = Some(s.pos);
                    }
                }
                s.pos += 1;
            }
        };
        eat_digits(self, base == 16);
        if self.peek() == Some(b'.') {
            if base == 2 || base == 8 {
                self.error(
                    self.pos,
                    format!("invalid radix point in {} literal", base_name(base)),
                );
            }
            kind = LitKind::Float;
            self.pos += 1;
            eat_digits(self, base == 16);
        }
        if !saw_digits && base != 10 {
            self.error(
                digits_start,
                format!("{} literal has no digits", base_name(base)),
            );
        }
        if let Some(e) = self.peek() {
            let e = e | 0x20;
            if (e == b'e' && base == 10) || e == b'p' {
                kind = LitKind::Float;
                self.pos += 1;
                if matches!(self.peek(), Some(b'+' | b'-')) {
                    self.pos += 1;
                }
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_digit() || c == b'_') {
                    self.pos += 1;
                }
                if start == self.pos {
                    self.error(lo, "exponent has no digits".into());
                }
            } else if base == 16 && kind == LitKind::Float {
                self.error(lo, "hexadecimal mantissa requires a 'p' exponent".into());
            }
        }
        if self.peek() == Some(b'i') {
            kind = LitKind::Imag;
            self.pos += 1;
        }
        if kind == LitKind::Int {
            if let Some(at) = invalid {
                self.error(
                    at,
                    format!(
                        "invalid digit {:?} in {} literal",
                        b[at] as char,
                        base_name(base)
                    ),
                );
            }
        }
        let text = &self.src[lo..self.pos];
        if text.contains('_') && !underscores_ok(text, digits_start - lo) {
            self.error(lo, "'_' must separate successive digits".into());
        }
        self.push(TokenKind::Literal(kind), lo, text.to_string(), None);
    }

    fn escape(&mut self, quote: u8) -> bool {
        // self.pos is at the byte after the backslash
        let lo = self.pos;
        let Some(c) = self.peek() else { return false };
        let (n, base, max): (usize, u32, u32) = match c {
            b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
                self.pos += 1;
                return true;
            }
            c if c == quote => {
                self.pos += 1;
                return true;
            }
            b'0'..=b'7' => (3, 8, 255),
            b'x' => {
                self.pos += 1;
                (2, 16, 255)
            }
            b'u' => {
                self.pos += 1;
                (4, 16, 0x10ffff)
            }
            b'U' => {
                self.pos += 1;
                (8, 16, 0x10ffff)
            }
            _ => {
                if c == b'\n' {
                    self.error(lo, "unknown escape".into());
                    return false;
                }
                self.error(lo, "unknown escape".into());
                let ch = self.cur_char().map(char::len_utf8).unwrap_or(1);
                self.pos += ch;
                return false;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            let Some(d) = self.peek().and_then(|c| (c as char).to_digit(base)) else {
                let ch = self.cur_char();
                match ch {
                    Some(ch) if ch != '\n' && ch as u32 != quote as u32 => {
                        self.error(
                            self.pos,
                            format!("invalid character {:?} in {} escape", ch, base_name(base)),
                        );
                    }
                    _ => self.error(self.pos, "escape sequence not terminated".into()),
                }
                return false;
            };
            x = x.saturating_mul(base).saturating_add(d);
            self.pos += 1;
        }
        if x > max && base == 8 {
            self.error(lo, format!("octal escape value {x} > 255"));
            return false;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            self.error(
                lo,
                format!("escape is invalid Unicode code point {}", fmt_u_code(x)),
            );
            return false;
        }
        true
    }

    fn std_string(&mut self, lo: usize) {
        self.pos += 1;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(b'"');
                }
                Some(b'\n') => {
                    self.error(self.pos, "newline in string".into());
                    break;
                }
                None => {
                    self.error(lo, "string not terminated".into());
                    break;
                }
                Some(_) => {
                    let n = self.cur_char().map(char::len_utf8).unwrap_or(1);
                    self.pos += n;
                }
            }
        }
        let lit = &self.src[lo..self.pos];
        // Only `\x` and octal escapes can make a literal that is not valid UTF-8 ("\xff").
        // String constants are UTF-8 text in the checker and lowering, so such a literal would
        // silently change its bytes: refuse it instead of giving a wrong result.
        if lit.contains('\\') && std::str::from_utf8(&unquote_string(lit)).is_err() {
            self.error(
                lo,
                "not supported by Goroscope yet: string literal with invalid UTF-8".into(),
            );
        }
        self.push(
            TokenKind::Literal(LitKind::String),
            lo,
            lit.to_string(),
            None,
        );
    }

    fn raw_string(&mut self, lo: usize) {
        self.pos += 1;
        loop {
            match self.peek() {
                Some(b'`') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    self.error(lo, "string not terminated".into());
                    break;
                }
                Some(_) => {
                    let n = self.cur_char().map(char::len_utf8).unwrap_or(1);
                    self.pos += n;
                }
            }
        }
        self.push(
            TokenKind::Literal(LitKind::String),
            lo,
            self.src[lo..self.pos].to_string(),
            None,
        );
    }

    fn rune(&mut self, lo: usize) {
        self.pos += 1;
        let mut n = 0;
        let mut ok = true;
        loop {
            match self.peek() {
                Some(b'\'') => {
                    if ok {
                        if n == 0 {
                            self.error(
                                lo,
                                "empty rune literal or unescaped ' in rune literal".into(),
                            );
                            ok = false;
                        } else if n != 1 {
                            self.error(lo, "more than one character in rune literal".into());
                            ok = false;
                        }
                    }
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    if !self.escape(b'\'') {
                        ok = false;
                    }
                    n += 1;
                }
                Some(b'\n') => {
                    if ok {
                        self.error(self.pos, "newline in rune literal".into());
                        ok = false;
                    }
                    break;
                }
                None => {
                    if ok {
                        self.error(lo, "rune literal not terminated".into());
                        ok = false;
                    }
                    break;
                }
                Some(_) => {
                    let c = self.cur_char().map(char::len_utf8).unwrap_or(1);
                    self.pos += c;
                    n += 1;
                }
            }
        }
        let _ = ok;
        self.push(
            TokenKind::Literal(LitKind::Rune),
            lo,
            self.src[lo..self.pos].to_string(),
            None,
        );
    }
}

fn fmt_u_short(c: char) -> String {
    fmt_u(c)
}

fn fmt_u_code(x: u32) -> String {
    match char::from_u32(x) {
        Some(c) => fmt_u(c),
        None => format!("U+{x:04X}"),
    }
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

/// '_' may only appear between digits, or right after a base prefix.
fn underscores_ok(text: &str, prefix_len: usize) -> bool {
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c != b'_' {
            continue;
        }
        let prev_ok = if i == prefix_len && prefix_len == 2 {
            true
        } else {
            i > 0 && b[i - 1].is_ascii_hexdigit()
        };
        let next_ok = b.get(i + 1).is_some_and(|c| c.is_ascii_hexdigit());
        if !prev_ok || !next_ok {
            return false;
        }
    }
    true
}

/// Decodes an interpreted (`"..."`) or raw (`` `...` ``) string literal into bytes.
/// Invalid escapes were already reported by the lexer; they decode to nothing here.
pub fn unquote_string(lit: &str) -> Vec<u8> {
    let b = lit.as_bytes();
    if b.first() == Some(&b'`') {
        let inner = lit
            .get(
                1..lit
                    .len()
                    .saturating_sub(if lit.len() >= 2 && lit.ends_with('`') {
                        1
                    } else {
                        0
                    }),
            )
            .unwrap_or("");
        return inner.bytes().filter(|&c| c != b'\r').collect();
    }
    let inner = if lit.len() >= 2 && lit.ends_with('"') {
        &lit[1..lit.len() - 1]
    } else {
        lit.get(1..).unwrap_or("")
    };
    let mut out = Vec::new();
    decode_escaped(inner, &mut out);
    out
}

/// Decodes a rune literal (`'a'`, `'\n'`, `'\u00e9'`) to its code point.
pub fn unquote_rune(lit: &str) -> u32 {
    let inner = lit.strip_prefix('\'').unwrap_or(lit);
    let inner = inner.strip_suffix('\'').unwrap_or(inner);
    if let Some(rest) = inner.strip_prefix('\\') {
        let mut out = Vec::new();
        let v = decode_one_escape(rest, &mut out).0;
        return v.unwrap_or(0);
    }
    inner.chars().next().map(|c| c as u32).unwrap_or(0)
}

fn decode_escaped(s: &str, out: &mut Vec<u8>) {
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('\\') {
            let (_, consumed) = decode_one_escape(r, out);
            rest = &r[consumed.min(r.len())..];
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// Decodes one escape after its backslash: returns (code point or byte value, bytes consumed),
/// appending the encoded bytes to `out` (octal and \x escapes are single bytes).
fn decode_one_escape(s: &str, out: &mut Vec<u8>) -> (Option<u32>, usize) {
    let b = s.as_bytes();
    let Some(&c) = b.first() else {
        return (None, 0);
    };
    let simple = match c {
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(10),
        b'r' => Some(13),
        b't' => Some(9),
        b'v' => Some(11),
        b'\\' => Some(b'\\'),
        b'\'' => Some(b'\''),
        b'"' => Some(b'"'),
        _ => None,
    };
    if let Some(v) = simple {
        out.push(v);
        return (Some(v as u32), 1);
    }
    let (start, n, base, byte) = match c {
        b'0'..=b'7' => (0, 3, 8, true),
        b'x' => (1, 2, 16, true),
        b'u' => (1, 4, 16, false),
        b'U' => (1, 8, 16, false),
        _ => return (None, 1),
    };
    let digits = s.get(start..start + n).unwrap_or("");
    let Ok(v) = u32::from_str_radix(digits, base) else {
        return (None, start + digits.len());
    };
    if byte {
        out.push(v as u8);
    } else if let Some(ch) = char::from_u32(v) {
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    (Some(v), start + n)
}

/// Parses an integer literal's text (any base, with `_`) to its value; `None` if it does not
/// fit in 128 bits.
pub fn parse_int_lit(lit: &str) -> Option<u128> {
    let clean: String = lit.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (digits, base) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    if digits.is_empty() {
        return Some(0);
    }
    u128::from_str_radix(&digits, base).ok()
}

/// Parses a decimal or hexadecimal floating-point literal's text to an f64.
pub fn parse_float_lit(lit: &str) -> f64 {
    let clean: String = lit.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("0x") {
        let (mant, exp) = match hex.split_once('p') {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (hex, 0),
        };
        let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
        let mut v = 0f64;
        for c in ip.chars() {
            v = v * 16.0 + c.to_digit(16).unwrap_or(0) as f64;
        }
        let mut scale = 1.0 / 16.0;
        for c in fp.chars() {
            v += c.to_digit(16).unwrap_or(0) as f64 * scale;
            scale /= 16.0;
        }
        return v * 2f64.powi(exp);
    }
    lower.parse::<f64>().unwrap_or(0.0)
}
