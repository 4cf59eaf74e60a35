//! Data-driven compiler tests over `crates/compiler/test_data/`.
//!
//! Layout: `{parse,check}/{ok,err}/NAME.go`. Every `err` program has a sibling `NAME.stderr`
//! holding the exact diagnostics (gc's format, file name `prog.go`). Run with `UPDATE_EXPECT=1`
//! to create or bless expectation files. `ok` programs must check without diagnostics.
//! The expectations were compared against real Go 1.23 (`go build`); where Goroscope knowingly
//! differs, the `.go` file says so in a `// gc:` comment.

use std::fs;
use std::path::{Path, PathBuf};

fn programs(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    runtime::util::sort(&mut files);
    files
}

fn render(src: &str) -> String {
    match compiler::check("prog.go", src) {
        Ok(_) => String::new(),
        Err(diags) => diags.iter().map(|d| format!("{d}\n")).collect(),
    }
}

fn check_dir(dir: &str, want_errors: bool) -> usize {
    let update = std::env::var("UPDATE_EXPECT").is_ok();
    let mut failures = Vec::new();
    let files = programs(dir);
    for path in &files {
        let src = fs::read_to_string(path).expect("read program");
        let got = render(&src);
        if !want_errors {
            if !got.is_empty() {
                failures.push(format!(
                    "{}: expected no diagnostics, got:\n{got}",
                    path.display()
                ));
            }
            continue;
        }
        if got.is_empty() {
            failures.push(format!(
                "{}: expected diagnostics, got none",
                path.display()
            ));
            continue;
        }
        let expect_path = path.with_extension("stderr");
        match fs::read_to_string(&expect_path) {
            Ok(want) if want == got => {}
            Ok(want) if !update => failures.push(format!(
                "{}:\n--- want\n{want}--- got\n{got}",
                path.display()
            )),
            _ => {
                if update {
                    fs::write(&expect_path, &got).expect("write expectation");
                } else {
                    failures.push(format!(
                        "{}: missing {} (run with UPDATE_EXPECT=1)\n{got}",
                        path.display(),
                        expect_path.display()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs failed:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    files.len()
}

#[test]
fn parse_errors() {
    assert!(check_dir("parse/err", true) >= 15);
}

#[test]
fn check_errors() {
    assert!(check_dir("check/err", true) >= 40);
}

#[test]
fn check_ok() {
    assert!(check_dir("check/ok", false) >= 10);
}

/// The repository's Go corpus (programs real Go compiles) must type-check.
#[test]
fn corpus_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
    let mut failures = Vec::new();
    let mut n = 0;
    for sub in ["pass", "fail", "seeds"] {
        let Ok(rd) = fs::read_dir(root.join(sub)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "go"))
            .collect();
        runtime::util::sort(&mut files);
        for path in files {
            let src = fs::read_to_string(&path).expect("read program");
            n += 1;
            let got = render(&src);
            if !got.is_empty() {
                failures.push(format!("{}:\n{got}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} corpus programs failed to check:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every embedded prelude package parses and type-checks without errors (the checker
/// debug-asserts this; a blank import loads the package and its dependencies).
#[test]
fn prelude_packages_check_cleanly() {
    for (path, _) in compiler::prelude::PACKAGES {
        let src = format!("package main\n\nimport _ {path:?}\n\nfunc main() {{}}\n");
        let got = render(&src);
        assert!(got.is_empty(), "prelude package {path}: {got}");
    }
}

/// Every variable, constant and function object of a checked program (and of the prelude
/// packages it loads) has a valid type: an invalid one would silently suppress later errors
/// and leave the lowering without a type.
#[test]
fn checked_objects_have_types() {
    use compiler::check::ObjKind;
    let mut failures = Vec::new();
    let mut sources: Vec<(PathBuf, String)> = Vec::new();
    for path in programs("check/ok") {
        let src = fs::read_to_string(&path).expect("read program");
        sources.push((path, src));
    }
    let all_imports: String = compiler::prelude::PACKAGES
        .iter()
        .map(|(p, _)| format!("import _ {p:?}\n"))
        .collect();
    sources.push((
        PathBuf::from("all-prelude"),
        format!("package main\n\n{all_imports}\nfunc main() {{}}\n"),
    ));
    for (path, src) in sources {
        let checked = match compiler::check("prog.go", &src) {
            Ok(c) => c,
            Err(d) => panic!("{}: {d:?}", path.display()),
        };
        for o in &checked.info.objects {
            let typed = matches!(
                o.kind,
                ObjKind::Var | ObjKind::Const(_) | ObjKind::Func | ObjKind::TypeName
            );
            if typed && o.name != "_" && o.typ == compiler::types::TypeId::INVALID {
                failures.push(format!(
                    "{}: {} (file {}, offset {}) has no type",
                    path.display(),
                    o.name,
                    o.file,
                    o.pos
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
