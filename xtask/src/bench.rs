//! `cargo xtask bench`: runs each Go benchmark in tests/bench/ through the release `goroscope` binary and
//! through the real Go 1.23 toolchain, in one run, and prints the wall-clock times and their ratio.
//!
//! Each benchmark prints a checksum; both sides must print the golden `NAME.stdout`, so a fast wrong
//! answer cannot pass as a speed-up. Times are the best of `RUNS` runs of each side (the compiled Go
//! binary is built once, outside the timing). Real Go runs with GOMAXPROCS=1, as the CLI's default.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 3;

pub fn run(root: &Path, only: &[String]) -> Result<(), String> {
    let go = std::env::var("GOROSCOPE_GO").unwrap_or_else(|_| "/usr/lib/go-1.23/bin/go".into());
    if !Path::new(&go).exists() {
        return Err(format!(
            "real Go not found at {go} (scripts/setup.sh --test installs it)"
        ));
    }
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet", "-p", "cli"])
        .current_dir(root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("cargo build --release -p cli failed".into());
    }
    let target = std::env::var("CARGO_TARGET_DIR").map_or_else(|_| root.join("target"), Into::into);
    let goroscope = target.join("release/goroscope");
    let bench_dir = root.join("tests/bench");
    let mut names: Vec<String> = std::fs::read_dir(&bench_dir)
        .map_err(|e| format!("{}: {e}", bench_dir.display()))?
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".go"))
                .map(String::from)
        })
        .filter(|n| only.is_empty() || only.contains(n))
        .collect();
    names.sort();
    let work = std::env::temp_dir().join(format!("goroscope-bench-{}", std::process::id()));
    println!(
        "{:<18} {:>10} {:>12} {:>8}  goal",
        "benchmark", "go", "goroscope", "ratio"
    );
    for name in &names {
        let src = bench_dir.join(format!("{name}.go"));
        let want = std::fs::read(bench_dir.join(format!("{name}.stdout"))).unwrap_or_default();
        let dir = work.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        std::fs::copy(&src, dir.join("main.go")).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("go.mod"), "module bench\n\ngo 1.23\n")
            .map_err(|e| e.to_string())?;
        let out = Command::new(&go)
            .args(["build", "-o", "prog", "."])
            .current_dir(&dir)
            .env("GOTOOLCHAIN", "local")
            .env("GOPROXY", "off")
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "go build {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let go_time = best_of(
            || {
                let mut c = Command::new(dir.join("prog"));
                c.env("GOMAXPROCS", "1");
                c
            },
            &want,
            name,
            "go",
        )?;
        let ours = best_of(
            || {
                let mut c = Command::new(&goroscope);
                c.arg("run").arg(&src);
                c
            },
            &want,
            name,
            "goroscope",
        )?;
        let ratio = ours.as_secs_f64() / go_time.as_secs_f64();
        let goal = if name == "pingpong" { 5.0 } else { 10.0 };
        println!(
            "{:<18} {:>9.3}s {:>11.3}s {:>7.1}x  <= {goal}x {}",
            name,
            go_time.as_secs_f64(),
            ours.as_secs_f64(),
            ratio,
            if ratio <= goal { "met" } else { "NOT MET" }
        );
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

fn best_of(
    make: impl Fn() -> Command,
    want: &[u8],
    name: &str,
    side: &str,
) -> Result<Duration, String> {
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = make().output().map_err(|e| e.to_string())?;
        let elapsed = start.elapsed();
        if out.stdout != want {
            return Err(format!(
                "{name} ({side}) printed {:?}, want {:?}; stderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(want),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        best = best.min(elapsed);
    }
    Ok(best)
}
