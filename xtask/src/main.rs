//! Project chores: `cargo xtask tidy` checks repository-wide conventions (the same checks run as a
//! test, `cargo test -p xtask`, so CI enforces them); `cargo xtask bench` compares the CLI with real Go
//! on the concurrency benchmarks in tests/bench/; `cargo xtask size` prints the web app's transfer size
//! and that of the engine alone (see size.rs).

mod bench;
mod size;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tidy") => {
            let problems = tidy(&workspace_root());
            for p in &problems {
                eprintln!("{p}");
            }
            if problems.is_empty() {
                println!("tidy: ok");
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some("bench") => match bench::run(&workspace_root(), &args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench: {e}");
                ExitCode::FAILURE
            }
        },
        Some("size") => match size::run(&workspace_root()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("size: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo xtask tidy | cargo xtask bench [NAME...] | cargo xtask size");
            ExitCode::from(2)
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Returns one line per violated convention.
fn tidy(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for dir in ["crates", "web", "xtask"] {
        collect_rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        // Every Rust file starts with a `//!` header saying what it is (and which Go file it models).
        if !text.trim_start().starts_with("//!") {
            problems.push(format!("{rel}: missing `//!` module header"));
        }
    }
    for doc in ["README.md", "ARCHITECTURE.md", "docs/supported-go.md"] {
        if !root.join(doc).is_file() {
            problems.push(format!("{doc}: missing"));
        }
    }
    problems
}

fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn repository_is_tidy() {
        let problems = super::tidy(&super::workspace_root());
        assert!(
            problems.is_empty(),
            "cargo xtask tidy found:\n{}",
            problems.join("\n")
        );
    }
}
