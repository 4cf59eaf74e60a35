//! Comments and indentation out of Go source, every token kept on its line.
//!
//! `build.rs` runs this over the prelude (`src/prelude/*.go`) so the binaries, and above all the
//! web app's wasm, carry the declarations without their documentation: about 6 KB less after gzip
//! (docs/web-size.md). Lines stay where they were, so positions in tracebacks and the goroutine
//! table still name the lines of the files in the repository. The test below lexes every prelude
//! package before and after and compares the tokens and their lines.

/// `src` without comments, leading and trailing blanks; newlines (and so automatic semicolons and
/// line numbers) stay. A general comment becomes a space, or its newlines if it spans lines, as the
/// Go spec says it acts.
pub fn strip_go(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                while matches!(out.last(), Some(b' ' | b'\t' | b'\r')) {
                    out.pop();
                }
                out.push(b'\n');
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' if line_start => {
                i += 1;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = src[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                let newlines = b[i..end].iter().filter(|&&x| x == b'\n').count();
                if newlines == 0 {
                    out.push(b' ');
                } else {
                    while matches!(out.last(), Some(b' ' | b'\t' | b'\r')) {
                        out.pop();
                    }
                    out.extend(std::iter::repeat_n(b'\n', newlines));
                    line_start = true;
                    i = end;
                    continue;
                }
                i = end;
            }
            b'"' | b'\'' | b'`' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != c {
                    if b[i] == b'\\' && c != b'`' {
                        i += 1;
                    }
                    if c != b'`' && b[i..].first() == Some(&b'\n') {
                        break; // unterminated: the lexer reports it
                    }
                    i += 1;
                }
                i = (i + 1).min(b.len());
                out.extend_from_slice(&b[start..i]);
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
        line_start = false;
    }
    String::from_utf8(out).expect("only ASCII bytes were removed")
}

#[cfg(test)]
mod tests {
    use super::strip_go;
    use crate::lexer::lex;

    /// (kind, text, operator, line) of every token.
    fn tokens(src: &str) -> Vec<String> {
        let (toks, errors) = lex(src);
        assert!(errors.is_empty(), "lex errors: {errors:?}");
        toks.iter()
            .map(|t| {
                let line = src[..t.span.lo as usize].matches('\n').count() + 1;
                format!("{:?} {:?} {:?} {line}", t.kind, t.lit, t.op)
            })
            .collect()
    }

    #[test]
    fn keeps_strings_runes_and_lines() {
        let src = "package p\n\n// doc\nvar s = \"a // b /* c */\" // tail\nvar r = '\\'' /* one */ + 1\n\tvar q = `x\n  // raw\n` /* two\nlines */\nvar t = \"\\\"//\"\n";
        let out = strip_go(src);
        assert_eq!(
            out,
            "package p\n\n\nvar s = \"a // b /* c */\"\nvar r = '\\''   + 1\nvar q = `x\n  // raw\n`\n\nvar t = \"\\\"//\"\n"
        );
        assert_eq!(tokens(src), tokens(&out));
    }

    #[test]
    fn every_prelude_package_lexes_to_the_same_tokens_on_the_same_lines() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/prelude");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "go") {
                let src = std::fs::read_to_string(&path).unwrap();
                let out = strip_go(&src);
                assert_eq!(tokens(&src), tokens(&out), "{}", path.display());
                assert!(out.len() < src.len());
                checked += 1;
            }
        }
        assert!(checked >= 20, "found {checked} prelude files");
    }
}
