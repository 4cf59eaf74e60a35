//! A small Go highlighter for the editor's overlay: splits source text into classified pieces whose
//! concatenation is exactly the input (so the overlay lines up with the textarea character for character).
//!
//! It follows the Go spec's lexical rules loosely (comments, interpreted/raw strings, runes, numbers,
//! keywords, predeclared identifiers); anything it does not recognise is plain text.

/// What a piece of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Plain,
    Keyword,
    /// Predeclared types, constants and functions (`int`, `nil`, `make`, ...).
    Builtin,
    String,
    Number,
    Comment,
}

impl Class {
    /// The CSS class of the piece's span (None: no span).
    pub fn css(self) -> Option<&'static str> {
        match self {
            Class::Plain => None,
            Class::Keyword => Some("tok-kw"),
            Class::Builtin => Some("tok-bi"),
            Class::String => Some("tok-str"),
            Class::Number => Some("tok-num"),
            Class::Comment => Some("tok-com"),
        }
    }
}

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

const BUILTINS: &[&str] = &[
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex128",
    "complex64",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int16",
    "int32",
    "int64",
    "int8",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "uintptr",
];

/// Splits `src` into classified pieces; adjacent plain text is merged.
pub fn highlight(src: &str) -> Vec<(Class, &str)> {
    let bytes = src.as_bytes();
    let mut out: Vec<(Class, &str)> = Vec::new();
    let mut push = |class: Class, start: usize, end: usize| {
        if start == end {
            return;
        }
        if class == Class::Plain {
            if let Some((Class::Plain, prev)) = out.last() {
                // Merge with the previous plain piece (they are adjacent in `src`).
                let prev_start = prev.as_ptr() as usize - src.as_ptr() as usize;
                out.pop();
                out.push((Class::Plain, &src[prev_start..end]));
                return;
            }
        }
        out.push((class, &src[start..end]));
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            push(Class::Comment, start, i);
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i += 2;
            while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                i += 1;
            }
            i = (i + 2).min(bytes.len());
            push(Class::Comment, start, i);
        } else if b == b'"' || b == b'\'' {
            i += 1;
            while i < bytes.len() && bytes[i] != b && bytes[i] != b'\n' {
                if bytes[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(bytes.len());
            push(Class::String, start, i);
        } else if b == b'`' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'`' {
                i += 1;
            }
            i = (i + 1).min(bytes.len());
            push(Class::String, start, i);
        } else if b.is_ascii_digit()
            || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                i += 1;
            }
            push(Class::Number, start, i);
        } else if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
            {
                i += 1;
            }
            let word = &src[start..i];
            let after_dot = start > 0 && bytes[start - 1] == b'.';
            let class = if KEYWORDS.contains(&word) {
                Class::Keyword
            } else if !after_dot && BUILTINS.contains(&word) {
                Class::Builtin
            } else {
                Class::Plain
            };
            push(class, start, i);
        } else {
            // One UTF-8 character of punctuation or space.
            i += src[i..].chars().next().map_or(1, char::len_utf8);
            push(Class::Plain, start, i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(src: &str) -> String {
        highlight(src)
            .iter()
            .map(|(c, t)| match c.css() {
                Some(css) => format!("<{css}>{t}</>"),
                None => t.to_string(),
            })
            .collect()
    }

    #[test]
    fn classifies_go_tokens() {
        expect_test::expect![[r#"<tok-kw>package</> main
<tok-com>// hi "there"</>
<tok-kw>func</> main() { x := <tok-bi>make</>(<tok-kw>chan</> <tok-bi>int</>, <tok-num>3</>); s := <tok-str>"a\"b"</> + <tok-str>`raw
x`</>; r := <tok-str>'\''</>; fmt.Println(<tok-num>1.5e3</>, <tok-bi>nil</>, x.len) <tok-com>/* c */</> }
"#]]
        .assert_eq(&show(
            "package main\n// hi \"there\"\nfunc main() { x := make(chan int, 3); s := \"a\\\"b\" + `raw\nx`; r := '\\''; fmt.Println(1.5e3, nil, x.len) /* c */ }\n",
        ));
    }

    #[test]
    fn pieces_concatenate_to_the_input() {
        for src in [
            "",
            "\"unterminated",
            "`raw",
            "/* open",
            "x := 'é' // ü\n\té",
            "\"\\",
            "a.b.c 0x1F",
        ] {
            let joined: String = highlight(src).iter().map(|(_, t)| *t).collect();
            assert_eq!(joined, src);
        }
    }
}
