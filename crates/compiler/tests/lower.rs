//! Compiles every corpus program (tests/programs/{pass,fail,seeds}, tests/bench) with `compiler::compile`,
//! runs it to the end on the runtime's scheduler, and compares with real Go's goldens.
//!
//! Programs not passing yet are listed in `lower_known_failures.txt` (`dir/name  reason`). The test fails
//! when an unlisted program fails, or when a listed one passes (remove it from the list then).
//! `LOWER_ONLY=name` runs one program and prints details.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use runtime::runtime::{Config, Runtime};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One run's observable behaviour.
struct Outcome {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(path: &Path) -> Result<Outcome, String> {
    let src = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("prog.go");
    let program = compiler::compile(name, &src).map_err(|ds| {
        ds.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("; ")
    })?;
    let mut config = Config::default();
    config.limits.steps_max = 5_000_000;
    let mut rt = Runtime::new(program, config).map_err(|e| format!("load: {e}"))?;
    let status = rt.run_to_end().clone();
    let code = status.exit_code().unwrap_or(-1);
    if code == 3 {
        return Err(format!("limit: {status}"));
    }
    Ok(Outcome {
        stdout: String::from_utf8_lossy(rt.stdout()).into_owned(),
        stderr: String::from_utf8_lossy(rt.stderr()).into_owned(),
        code,
    })
}

fn read(p: &Path) -> Option<String> {
    std::fs::read_to_string(p).ok()
}

/// Parses a seeds `.outputs` file into (exit code, stdout) blocks.
fn outputs(text: &str) -> Vec<(i32, String)> {
    let mut blocks = Vec::new();
    let mut cur: Option<(i32, String)> = None;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("=== exit ") {
            if let Some(b) = cur.take() {
                blocks.push(b);
            }
            let code = rest.split_whitespace().next().and_then(|c| c.parse().ok()).unwrap_or(0);
            cur = Some((code, String::new()));
        } else if line.starts_with('#') && cur.is_none() {
            continue;
        } else if let Some((_, s)) = cur.as_mut() {
            s.push_str(line);
        }
    }
    if let Some(b) = cur {
        blocks.push(b);
    }
    blocks
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Checks one program; Err(reason) when it does not behave like real Go.
fn check(dir: &str, go: &Path) -> Result<(), String> {
    let out = run(go)?;
    let base = go.with_extension("");
    let golden = |ext: &str| read(&base.with_extension(ext));
    match dir {
        "seeds" => {
            let blocks = outputs(&golden("outputs").unwrap_or_default());
            if blocks.iter().any(|(c, s)| *c == out.code && *s == out.stdout) {
                Ok(())
            } else {
                Err(format!("output not among real Go's (exit {}):\n{}", out.code, out.stdout))
            }
        }
        _ => {
            let want = golden("stdout").unwrap_or_default();
            if out.stdout != want {
                return Err(format!("stdout differs:\n--- got\n{}--- want\n{}--- stderr\n{}", out.stdout, want, out.stderr));
            }
            let want_code: i32 =
                golden("exitcode").and_then(|c| c.trim().parse().ok()).unwrap_or(0);
            if out.code != want_code {
                return Err(format!("exit code {} want {want_code}; stderr: {}", out.code, first_line(&out.stderr)));
            }
            if let Some(want_err) = golden("stderr") {
                if first_line(&want_err) != first_line(&out.stderr) {
                    return Err(format!(
                        "stderr first line {:?} want {:?}",
                        first_line(&out.stderr),
                        first_line(&want_err)
                    ));
                }
            }
            Ok(())
        }
    }
}

fn programs() -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    for (dir, path) in [
        ("pass", "tests/programs/pass"),
        ("fail", "tests/programs/fail"),
        ("seeds", "tests/programs/seeds"),
        ("bench", "tests/bench"),
    ] {
        let Ok(rd) = std::fs::read_dir(root().join(path)) else { continue };
        let mut files: Vec<PathBuf> =
            rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "go")).collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
            out.push((dir.to_string(), format!("{dir}/{stem}"), f));
        }
    }
    out
}

#[test]
fn corpus_programs_match_real_go() {
    let known_text = include_str!("lower_known_failures.txt");
    let known: BTreeMap<&str, &str> = known_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((n, r)) => (n, r.trim()),
            None => (l, ""),
        })
        .collect();
    let only = std::env::var("LOWER_ONLY").ok();
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut passed = 0;
    let mut total = 0;
    for (dir, name, path) in programs() {
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        total += 1;
        let result = std::panic::catch_unwind(|| check(&dir, &path)).unwrap_or_else(|_| Err("panicked".into()));
        match (&result, known.contains_key(name.as_str())) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => {
                passed += 1;
                fixed.push(name.clone());
            }
            (Err(e), false) => unexpected.push(format!("{name}: {e}")),
            (Err(_), true) => {}
        }
        if only.is_some() {
            match &result {
                Ok(()) => eprintln!("{name}: ok"),
                Err(e) => eprintln!("{name}: {e}"),
            }
        }
        if std::env::var("LOWER_LIST").is_ok() {
            if let Err(e) = &result {
                let short: String = e.lines().next().unwrap_or("").chars().take(100).collect();
                eprintln!("{name}  {short}");
            }
        }
    }
    eprintln!("lower corpus: {passed}/{total} programs behave like real Go");
    assert!(unexpected.is_empty(), "programs failing that are not in lower_known_failures.txt:\n{}", unexpected.join("\n"));
    assert!(fixed.is_empty(), "programs now passing: remove them from lower_known_failures.txt:\n{}", fixed.join("\n"));
}
