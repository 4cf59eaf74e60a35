//! The `goroscope` command line: runs Go programs on the modelled Go 1.23 runtime.
//!
//! `run` gives the compiled program's stdout, stderr and exit code; `trace` prints every step;
//! `leaks` prints the leak report; `check` prints diagnostics. Exit codes are decided here, at the edge:
//! the program's own code for `run`, 1 for compile errors, 3 when a model limit stopped the run
//! (Go has no such ending), and 64 for bad command-line usage.

mod args;
mod trace;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use args::{Command, RunArgs};
use runtime::{Fuel, Runtime, Status};

/// Exit code for a run stopped by one of the model's limits (steps, goroutines, heap, output).
const EXIT_LIMIT: u8 = 3;
/// Exit code for bad usage (sysexits' EX_USAGE).
const EXIT_USAGE: u8 = 64;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(err) => {
            eprintln!("goroscope: {err:#}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match run(command) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("goroscope: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Help => {
            print!("{}", args::USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Command::HelpTrace => {
            print!("{}", args::TRACE_LEGEND);
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { file } => {
            let (name, source) = read_source(&file)?;
            match compiler::compile(&name, &source) {
                Ok(_) => Ok(ExitCode::SUCCESS),
                Err(diagnostics) => {
                    print_diagnostics(&diagnostics);
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Run(run) => run_program(&run),
        Command::Trace {
            run,
            json,
            snapshots,
        } => {
            let Some(mut rt) = load(&run)? else {
                return Ok(ExitCode::from(1));
            };
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            trace::print(&mut rt, &mut out, json, snapshots)?;
            out.flush()?;
            Ok(exit_code(rt.status()))
        }
        Command::Leaks(run) => {
            let Some(mut rt) = load(&run)? else {
                return Ok(ExitCode::from(1));
            };
            rt.run_to_end();
            let report = rt.leak_report();
            print!("{report}");
            if let Status::LimitReached(limit) = rt.status() {
                eprintln!("goroscope: {limit}");
                return Ok(ExitCode::from(EXIT_LIMIT));
            }
            Ok(if report.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// Reads the Go file; the name used in diagnostics and tracebacks is the path as given.
fn read_source(file: &Path) -> anyhow::Result<(String, String)> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let source = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: invalid UTF-8 encoding", file.display()))?;
    Ok((file.display().to_string(), source))
}

fn print_diagnostics(diagnostics: &[compiler::Diagnostic]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// Compiles and loads the program; prints diagnostics and returns None when it does not compile.
fn load(run: &RunArgs) -> anyhow::Result<Option<Runtime>> {
    let (name, source) = read_source(&run.file)?;
    let program = match compiler::compile(&name, &source) {
        Ok(program) => program,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return Ok(None);
        }
    };
    let rt = Runtime::new(program, run.config.clone()).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Some(rt))
}

/// Runs to the end, streaming the program's output as it is produced.
fn run_program(run: &RunArgs) -> anyhow::Result<ExitCode> {
    let Some(mut rt) = load(run)? else {
        return Ok(ExitCode::from(1));
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let (mut out_done, mut err_done) = (0, 0);
    loop {
        rt.run(Fuel { steps: 1 << 14 });
        let (out, err) = (rt.stdout(), rt.stderr());
        if out.len() > out_done {
            let mut lock = stdout.lock();
            lock.write_all(&out[out_done..])?;
            lock.flush()?;
            out_done = out.len();
        }
        if err.len() > err_done {
            stderr.lock().write_all(&err[err_done..])?;
            err_done = err.len();
        }
        if !rt.status().is_running() {
            break;
        }
    }
    if let Status::LimitReached(limit) = rt.status() {
        eprintln!("goroscope: {limit}");
        eprintln!(
            "goroscope: replay this run with: goroscope replay {} {}",
            rt.schedule().encode(),
            run.file.display()
        );
    }
    Ok(exit_code(rt.status()))
}

fn exit_code(status: &Status) -> ExitCode {
    match status {
        Status::LimitReached(_) => ExitCode::from(EXIT_LIMIT),
        other => ExitCode::from(other.exit_code().unwrap_or(0).clamp(0, 255) as u8),
    }
}
