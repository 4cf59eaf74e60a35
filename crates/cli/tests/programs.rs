//! The end-to-end corpus test: every Go program in tests/programs/ runs through the `goroscope` binary
//! and its output is compared with the goldens that real Go 1.23 produced (see tests/programs/README.md).
//!
//! - `pass/`: stdout byte for byte, exit code 0, stderr (if a golden exists).
//! - `fail/`: stdout byte for byte, exit code, and of the normalised stderr: the first block (`panic: ...` /
//!   `fatal error: ...` up to the first blank line), every goroutine header line and every `created by` line.
//! - `seeds/`: under many seeds, every output must be one that real Go produced.
//! - `compile_error/`: `goroscope check` prints gc's diagnostics byte for byte and exits 1; for
//!   `// unsupported:` programs it either runs them correctly or says "not supported by Goroscope yet".
//!
//! Programs that do not pass yet are listed in `known_failures.txt` next to this file, one `dir/name`
//! per line (`# reason` comments allowed). The test fails when an unlisted program fails and when a
//! listed one passes, so the list only shrinks. `GOROSCOPE_BLESS_FAILURES=1` rewrites it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SEEDS: u64 = 12;
const TIMEOUT: Duration = Duration::from_secs(60);

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs")
}

fn known_failures_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/known_failures.txt")
}

struct Outcome {
    stdout: Vec<u8>,
    stderr: String,
    code: i32,
}

/// Runs the CLI in the program's directory (so file names print as in the goldens), with a timeout.
fn goroscope(dir: &Path, args: &[&str]) -> Result<Outcome, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_goroscope"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start goroscope: {e}"))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                return Err(format!("timed out after {TIMEOUT:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(e.to_string()),
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    Ok(Outcome {
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    })
}

/// The README's stderr normalisation: drop ` +0x..` pc offsets, every other hex number becomes `0x?`.
fn normalise(stderr: &str) -> String {
    let mut out = String::with_capacity(stderr.len());
    for line in stderr.lines() {
        let line = match line.find(" +0x") {
            Some(i) if line.starts_with('\t') => &line[..i],
            _ => line,
        };
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'0' && bytes.get(i + 1) == Some(&b'x') {
                let mut j = i + 2;
                while j < bytes.len() && (bytes[j].is_ascii_hexdigit() || bytes[j] == b'?') {
                    j += 1;
                }
                out.push_str("0x?");
                i = j;
            } else {
                out.push(bytes[i] as char);
                i += 1;
            }
        }
        out.push('\n');
    }
    out
}

/// The lines of a crash report that must match: the first block, goroutine headers, `created by` lines.
fn key_lines(stderr: &str) -> Vec<String> {
    let normalised = normalise(stderr);
    let mut lines: Vec<String> = normalised
        .lines()
        .take_while(|l| !l.is_empty())
        .map(String::from)
        .collect();
    for line in normalised.lines().skip(lines.len()) {
        if line.starts_with("goroutine ") || line.starts_with("created by ") {
            lines.push(line.to_string());
        }
    }
    lines
}

/// The program's file: `NAME.txtar` (a Go file with the files of its directory) or `NAME.go`.
fn source_file(dir: &Path, name: &str) -> String {
    let archive = format!("{name}.txtar");
    if dir.join(&archive).exists() {
        archive
    } else {
        format!("{name}.go")
    }
}

fn read(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

fn show(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.len() > 600 {
        format!(
            "{}…",
            &text[..text.char_indices().nth(600).map_or(text.len(), |(i, _)| i)]
        )
    } else {
        text.into_owned()
    }
}

fn check_pass_or_fail(dir: &Path, name: &str) -> Result<(), String> {
    let file = source_file(dir, name);
    let got = goroscope(dir, &["run", &file])?;
    let want_stdout = read(&dir.join(format!("{name}.stdout"))).unwrap_or_default();
    let want_code: i32 =
        read(&dir.join(format!("{name}.exitcode"))).map_or(0, |s| s.trim().parse().unwrap_or(-1));
    let mut problems = Vec::new();
    if got.stdout != want_stdout.as_bytes() {
        problems.push(format!(
            "stdout differs:\n--- want\n{}\n--- got\n{}",
            show(want_stdout.as_bytes()),
            show(&got.stdout)
        ));
    }
    if got.code != want_code {
        problems.push(format!("exit code {} (want {want_code})", got.code));
    }
    match read(&dir.join(format!("{name}.stderr"))) {
        Some(want) if want_code != 0 => {
            let (w, g) = (key_lines(&want), key_lines(&got.stderr));
            if w != g {
                problems.push(format!(
                    "stderr differs:\n--- want\n{}\n--- got\n{}",
                    w.join("\n"),
                    show(got.stderr.as_bytes())
                ));
            }
        }
        Some(want) if normalise(&want) != normalise(&got.stderr) => {
            problems.push(format!(
                "stderr differs:\n--- want\n{want}\n--- got\n{}",
                show(got.stderr.as_bytes())
            ));
        }
        Some(_) => {}
        None if !got.stderr.is_empty() && want_code == 0 => problems.push(format!(
            "unexpected stderr:\n{}",
            show(got.stderr.as_bytes())
        )),
        None => {}
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Parses a `.outputs` file into the set of (exit code, stdout) that real Go produced.
fn outputs(text: &str) -> BTreeSet<(i32, String)> {
    let mut set = BTreeSet::new();
    let mut current: Option<(i32, String)> = None;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("=== exit ") {
            if let Some(done) = current.take() {
                set.insert(done);
            }
            let code = rest
                .split_whitespace()
                .next()
                .and_then(|c| c.parse().ok())
                .unwrap_or(-1);
            current = Some((code, String::new()));
        } else if let Some((_, out)) = current.as_mut() {
            out.push_str(line);
        }
    }
    if let Some(done) = current {
        set.insert(done);
    }
    set
}

fn check_seeds(dir: &Path, name: &str) -> Result<(), String> {
    let file = source_file(dir, name);
    let want = outputs(&read(&dir.join(format!("{name}.outputs"))).unwrap_or_default());
    if want.is_empty() {
        return Err("no outputs recorded".into());
    }
    for seed in 0..SEEDS {
        let got = goroscope(dir, &["run", "--seed", &seed.to_string(), &file])?;
        let key = (got.code, String::from_utf8_lossy(&got.stdout).into_owned());
        if !want.contains(&key) {
            return Err(format!(
                "seed {seed}: output real Go never produced (exit {}):\n{}\nstderr: {}",
                got.code,
                show(&got.stdout),
                show(got.stderr.as_bytes())
            ));
        }
    }
    Ok(())
}

fn check_compile_error(dir: &Path, name: &str) -> Result<(), String> {
    let file = source_file(dir, name);
    let source = read(&dir.join(&file)).unwrap_or_default();
    if source.lines().any(|l| l.starts_with("// unsupported:")) {
        let got = goroscope(dir, &["run", &file])?;
        let said_unsupported =
            got.stderr.contains("not supported by Goroscope yet") && got.code == 1;
        let want_stdout = read(&dir.join(format!("{name}.stdout"))).unwrap_or_default();
        let ran_right = got.code == 0 && got.stdout == want_stdout.as_bytes();
        return if said_unsupported || ran_right {
            Ok(())
        } else {
            Err(format!(
                "neither ran correctly nor said unsupported: exit {}\n{}",
                got.code,
                show(got.stderr.as_bytes())
            ))
        };
    }
    let got = goroscope(dir, &["check", &file])?;
    let want = read(&dir.join(format!("{name}.stderr"))).unwrap_or_default();
    if got.code == 1 && got.stderr == want {
        Ok(())
    } else {
        Err(format!(
            "diagnostics differ (exit {}):\n--- want\n{want}--- got\n{}",
            got.code, got.stderr
        ))
    }
}

#[test]
fn corpus_matches_real_go() {
    let root = corpus_dir();
    let mut cases: Vec<(String, PathBuf, String)> = Vec::new();
    for kind in ["pass", "fail", "seeds", "compile_error"] {
        let dir = root.join(kind);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".go").or_else(|| n.strip_suffix(".txtar")))
                    .map(String::from)
            })
            .collect();
        names.sort();
        for name in names {
            cases.push((kind.to_string(), dir.clone(), name));
        }
    }
    assert!(
        cases.len() >= 80,
        "the corpus should hold at least 80 programs, found {}",
        cases.len()
    );

    let next = Mutex::new(0usize);
    let results: Mutex<Vec<(String, Result<(), String>)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    *n += 1;
                    *n - 1
                };
                let Some((kind, dir, name)) = cases.get(i) else {
                    break;
                };
                let result = match kind.as_str() {
                    "pass" | "fail" => check_pass_or_fail(dir, name),
                    "seeds" => check_seeds(dir, name),
                    _ => check_compile_error(dir, name),
                };
                results
                    .lock()
                    .unwrap()
                    .push((format!("{kind}/{name}"), result));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));

    let known_text = read(&known_failures_path()).unwrap_or_default();
    let known: BTreeSet<&str> = known_text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect();
    let failing: Vec<&(String, Result<(), String>)> =
        results.iter().filter(|(_, r)| r.is_err()).collect();
    let passed = results.len() - failing.len();

    if std::env::var_os("GOROSCOPE_BLESS_FAILURES").is_some() {
        let mut text = String::from("# Corpus programs that goroscope does not run like real Go yet (see tests/programs.rs).\n");
        for (name, result) in &failing {
            let reason = result
                .as_ref()
                .err()
                .and_then(|e| e.lines().next())
                .unwrap_or("");
            text.push_str(&format!(
                "{name}  # {}\n",
                reason.chars().take(100).collect::<String>()
            ));
        }
        std::fs::write(known_failures_path(), text).unwrap();
    }

    let mut errors = Vec::new();
    for (name, result) in &results {
        match (result, known.contains(name.as_str())) {
            (Err(e), false) => errors.push(format!("FAIL {name}: {e}")),
            (Ok(()), true) => errors.push(format!(
                "PASS {name}: now passes; remove it from known_failures.txt"
            )),
            _ => {}
        }
    }
    for name in &known {
        if !results.iter().any(|(n, _)| n == name) {
            errors.push(format!(
                "known_failures.txt lists {name}, which is not in the corpus"
            ));
        }
    }
    eprintln!(
        "corpus: {passed} of {} programs behave as real Go; {} known failures",
        results.len(),
        failing.len()
    );
    assert!(
        errors.is_empty(),
        "{}\n\n{} problems",
        errors.join("\n\n"),
        errors.len()
    );
}
