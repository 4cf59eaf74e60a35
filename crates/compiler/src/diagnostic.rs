//! Source positions and compiler diagnostics, printed the way gc prints them.
//!
//! gc (cmd/compile/internal/base/print.go) reports `file:line:col: message` with 1-based lines and
//! 1-based columns counted in bytes (a tab is one column, a multi-byte UTF-8 character several).
//! Invariants: a `Span` is a half-open byte range `lo..hi` into the source with `lo <= hi`.

use std::fmt;

/// A half-open byte range into the source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub lo: u32,
    /// Byte offset one past the last byte.
    pub hi: u32,
}

impl Span {
    /// A span from `lo` to `hi`.
    pub fn new(lo: u32, hi: u32) -> Span {
        Span { lo, hi: hi.max(lo) }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.lo.min(other.lo), self.hi.max(other.hi))
    }

    /// An empty span at `lo`.
    pub fn at(lo: u32) -> Span {
        Span { lo, hi: lo }
    }
}

/// Maps byte offsets to gc's `line:col` (both 1-based, columns in bytes).
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `src`.
    pub fn new(src: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// The 1-based line and byte column of `offset`.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, offset - self.line_starts[line] + 1)
    }
}

/// One compile error, as gc prints it: `prog.go:12:5: declared and not used: x`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file name as given to the compiler (gc prints it relative, e.g. `prog.go`).
    pub file: String,
    /// 1-based line; 0 for an error without a position (printed as the bare message).
    pub line: u32,
    /// 1-based column, counted in bytes.
    pub col: u32,
    /// The message; continuation lines start with a tab, as in gc.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // Errors without a position (gc's linker): just the message.
            return f.write_str(&self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// A diagnostic before its offset is resolved to a line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawError {
    /// Byte offset the error points at.
    pub offset: u32,
    /// The message text.
    pub message: String,
    /// Whether this is a `syntax error` (gc keeps only one per line).
    pub syntax: bool,
    /// A second position with its text, printed on a continuation line
    /// (`\tprog.go:3:2: other declaration of x`).
    pub note: Option<(u32, String)>,
}

/// Replaces `\u{1}OFFSET\u{1}` markers in a message by `file:line:col`.
fn resolve_positions(message: &str, file: &str, index: &LineIndex, len: u32) -> String {
    let mut out = String::new();
    let mut parts = message.split('\u{1}');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    for (i, p) in rest.iter().enumerate() {
        if i % 2 == 0 {
            match p.parse::<u32>() {
                Ok(off) => {
                    let (l, c) = index.line_col(off.min(len));
                    out.push_str(&format!("{file}:{l}:{c}"));
                }
                Err(_) => out.push_str(p),
            }
        } else {
            out.push_str(p);
        }
    }
    out
}

/// Limit from gc's base.ErrorfAt: after this many errors it prints "too many errors" and stops.
pub const ERRORS_MAX: usize = 10;

/// Turns raw errors, in the order they were reported, into gc's output: one syntax error per
/// line, equal messages on one line once, stop after [`ERRORS_MAX`] with `too many errors`,
/// then sorted by position (gc's FlushErrors).
pub fn finish(file: &str, src: &str, errors: &[RawError]) -> Vec<Diagnostic> {
    finish_with_limit(file, src, errors, ERRORS_MAX)
}

/// Like [`finish`] with a different error limit (`usize::MAX`: report everything, like gc -e).
pub fn finish_with_limit(
    file: &str,
    src: &str,
    errors: &[RawError],
    errors_max: usize,
) -> Vec<Diagnostic> {
    let index = LineIndex::new(src);
    let mut kept: Vec<(u32, u32, String)> = Vec::new();
    let mut last_syntax_line: Option<u32> = None;
    let mut last_other: Option<(u32, String)> = None;
    let mut too_many: Option<(u32, u32)> = None;
    for e in errors {
        let (line, col) = if e.offset == u32::MAX {
            (0, 0)
        } else {
            index.line_col(e.offset.min(src.len() as u32))
        };
        if e.syntax {
            if last_syntax_line == Some(line) {
                continue;
            }
            last_syntax_line = Some(line);
        } else {
            if last_other.as_ref() == Some(&(line, e.message.clone())) {
                continue;
            }
            last_other = Some((line, e.message.clone()));
        }
        let mut message = resolve_positions(&e.message, file, &index, src.len() as u32);
        if let Some((at, note)) = &e.note {
            let (l, c) = index.line_col((*at).min(src.len() as u32));
            message.push_str(&format!("\n\t{file}:{l}:{c}: {note}"));
        }
        kept.push((line, col, message));
        if kept.len() >= errors_max {
            too_many = Some((line, col));
            break;
        }
    }
    // FlushErrors sorts by position (stable) and drops exact duplicates.
    runtime::util::sort_by_key(&mut kept, |a| (a.0, a.1));
    kept.dedup();
    let mut out: Vec<Diagnostic> = kept
        .into_iter()
        .map(|(line, col, message)| Diagnostic {
            file: file.to_string(),
            line,
            col,
            message,
        })
        .collect();
    if let Some((line, col)) = too_many {
        out.push(Diagnostic {
            file: file.to_string(),
            line,
            col,
            message: "too many errors".to_string(),
        });
    }
    out
}
