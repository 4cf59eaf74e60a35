//! Programs with files: a txtar archive, as the Go playground accepts. The text before the first
//! `-- NAME --` line is the Go program; each marked section is a file of the program's working
//! directory (the runtime's in-memory file system). A text without markers is just a Go file.
//!
//! ```text
//! package main
//! ...
//! -- data/input.txt --
//! first line
//! ```
//!
//! If the leading text is blank, the first section (which must be a `.go` file) is the program.
//! Only one Go file is supported.

use runtime::program::DataFile;

use crate::Diagnostic;

/// A program text split into its Go file and its data files.
#[derive(Debug)]
pub struct Archive<'a> {
    /// The Go file's name for positions: `file_name` (with `.txtar` replaced by `.go`), or the
    /// section's own name when the program is a marked section.
    pub go_name: String,
    pub go_source: &'a str,
    pub files: Vec<DataFile>,
}

/// The name in a txtar marker line `-- NAME --`.
fn marker(line: &str) -> Option<&str> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let name = line.strip_prefix("-- ")?.strip_suffix(" --")?.trim();
    (!name.is_empty()).then_some(name)
}

/// Splits `text` (named `file_name`) into the Go program and its files.
pub fn split<'a>(file_name: &str, text: &'a str) -> Result<Archive<'a>, Diagnostic> {
    // (name, line of the marker, byte range of the contents)
    let mut sections: Vec<(&str, u32, usize, usize)> = Vec::new();
    let mut leading_end = text.len();
    let mut at = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(name) = marker(line) {
            if let Some(last) = sections.last_mut() {
                last.3 = at;
            } else {
                leading_end = at;
            }
            sections.push((name, i as u32 + 1, at + line.len(), text.len()));
        }
        at += line.len();
    }
    let go_name = match file_name.strip_suffix(".txtar") {
        Some(stem) => format!("{stem}.go"),
        None => file_name.to_string(),
    };
    let error = |line: u32, message: String| Diagnostic {
        file: file_name.to_string(),
        line,
        col: 1,
        message,
    };
    let leading = &text[..leading_end];
    let (go_name, go_source, rest) = if leading.trim().is_empty() && !sections.is_empty() {
        let (name, line, start, end) = sections[0];
        if !name.ends_with(".go") {
            return Err(error(
                line,
                format!("the archive's first file must be the Go program, not {name}"),
            ));
        }
        (name.to_string(), &text[start..end], &sections[1..])
    } else {
        (go_name, leading, &sections[..])
    };
    let mut files: Vec<DataFile> = Vec::new();
    for &(name, line, start, end) in rest {
        if name.ends_with(".go") {
            return Err(error(
                line,
                format!(
                    "{name}: Goroscope runs programs of one Go file; move this code into {go_name}"
                ),
            ));
        }
        let clean = runtime::fs::clean(name);
        if name.starts_with('/') || clean.as_deref().is_none_or(str::is_empty) {
            return Err(error(
                line,
                format!(
                    "{name}: file names in the archive must be relative paths inside its directory"
                ),
            ));
        }
        let clean = clean.unwrap_or_default();
        if files.iter().any(|f| f.name == clean) {
            return Err(error(
                line,
                format!("{name}: duplicate file in the archive"),
            ));
        }
        let conflict = files.iter().find(|f| {
            let (a, b) = if f.name.len() < clean.len() {
                (&f.name, &clean)
            } else {
                (&clean, &f.name)
            };
            b.starts_with(a.as_str()) && b.as_bytes().get(a.len()) == Some(&b'/')
        });
        if let Some(other) = conflict {
            return Err(error(
                line,
                format!(
                    "{name}: {} is used both as a file and as a directory",
                    other.name.as_str().min(clean.as_str())
                ),
            ));
        }
        files.push(DataFile {
            name: clean,
            data: text.as_bytes()[start..end].to_vec(),
        });
    }
    Ok(Archive {
        go_name,
        go_source,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_go_has_no_files() {
        let a = split("prog.go", "package main\n\nfunc main() {}\n").unwrap();
        assert_eq!(a.go_name, "prog.go");
        assert_eq!(a.go_source, "package main\n\nfunc main() {}\n");
        assert!(a.files.is_empty());
    }

    #[test]
    fn leading_text_is_the_program_and_sections_are_files() {
        let text =
            "package main\n-- data.txt --\nhello\nworld\n-- ./dir/x.csv --\na,b\n-- empty --\n";
        let a = split("t/example.txtar", text).unwrap();
        assert_eq!(a.go_name, "t/example.go");
        assert_eq!(a.go_source, "package main\n");
        let files: Vec<(&str, &str)> = a
            .files
            .iter()
            .map(|f| (f.name.as_str(), std::str::from_utf8(&f.data).unwrap()))
            .collect();
        assert_eq!(
            files,
            [
                ("data.txt", "hello\nworld\n"),
                ("dir/x.csv", "a,b\n"),
                ("empty", "")
            ]
        );
    }

    #[test]
    fn a_named_go_section_can_be_the_program() {
        let text = "\n-- main.go --\npackage main\n-- in.txt --\nx";
        let a = split("prog.go", text).unwrap();
        assert_eq!(
            (a.go_name.as_str(), a.go_source),
            ("main.go", "package main\n")
        );
        assert_eq!(a.files[0].data, b"x");
    }

    #[test]
    fn bad_archives_get_positioned_errors() {
        let e = |t: &str| split("p.go", t).unwrap_err().to_string();
        assert_eq!(
            e("package main\n-- a.txt --\n-- a.txt --\n"),
            "p.go:3:1: a.txt: duplicate file in the archive"
        );
        assert_eq!(
            e("package main\n-- other.go --\n"),
            "p.go:2:1: other.go: Goroscope runs programs of one Go file; move this code into p.go"
        );
        assert_eq!(
            e("package main\n-- ../x --\n"),
            "p.go:2:1: ../x: file names in the archive must be relative paths inside its directory"
        );
        assert_eq!(
            e("package main\n-- a --\n-- a/b --\n"),
            "p.go:3:1: a/b: a is used both as a file and as a directory"
        );
        assert_eq!(
            e("\n-- a.txt --\n"),
            "p.go:2:1: the archive's first file must be the Go program, not a.txt"
        );
    }
}
