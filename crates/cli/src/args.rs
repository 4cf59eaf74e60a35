//! Command-line arguments: raw flags parsed with lexopt, then validated into a [`Command`].

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{bail, Context};
use runtime::policy::{PolicyConfig, Schedule};
use runtime::Config;

pub const USAGE: &str = "\
usage: goroscope <command> [flags] prog.go

commands:
  run     run the program: stdout, stderr and exit code as the compiled Go program
  trace   run it and print one line per step (see --help-trace), or JSON with --json
  leaks   run it to the end and print the goroutine leak report (exit 1 if anything leaked)
  check   compile only and print diagnostics (exit 1 if there are any)
  replay  run again from a schedule printed by a previous run: replay SCHEDULE prog.go

flags:
  --seed N        seed of the runtime's random choices (default 0)
  --procs N       GOMAXPROCS, 1 to 64 (default 1)
  --policy P      go (Go-like, default) or random
  --max-steps N   stop after N steps with a clear message
  --json          (trace) print JSON lines: one step with its events per line
  --snapshots     (trace --json) include the full snapshot after each step
  -h, --help      print this help
";

pub const TRACE_LEGEND: &str = "\
goroscope trace: one line per step

  STEP  P  G  events

STEP is the 1-based step number; P is the processor that acted (P0, P1 ...) or '-' when no P ran
(the virtual clock advanced or the run ended); G is the goroutine that ran (G1 is main.main) or '-'.
The events are the runtime's past-tense facts for that step, separated by '; ', in the order they
happened. After the last step the status line says how the run ended, and the schedule line
gives the string that `goroscope replay` takes to reproduce the run.
";

#[derive(Debug)]
pub enum Command {
    Help,
    HelpTrace,
    Run(RunArgs),
    Trace {
        run: RunArgs,
        json: bool,
        snapshots: bool,
    },
    Leaks(RunArgs),
    Check {
        file: PathBuf,
    },
}

#[derive(Debug)]
pub struct RunArgs {
    pub file: PathBuf,
    pub config: Config,
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<Command> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut command: Option<String> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut seed = 0u64;
    let mut procs = 1u32;
    let mut policy = "go".to_string();
    let mut max_steps: Option<u64> = None;
    let mut json = false;
    let mut snapshots = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("help-trace") => return Ok(Command::HelpTrace),
            Long("seed") => seed = parser.value()?.parse().context("--seed takes a number")?,
            Long("procs") => procs = parser.value()?.parse().context("--procs takes a number")?,
            Long("policy") => policy = parser.value()?.string()?,
            Long("max-steps") => {
                max_steps = Some(
                    parser
                        .value()?
                        .parse()
                        .context("--max-steps takes a number")?,
                )
            }
            Long("json") => json = true,
            Long("snapshots") => snapshots = true,
            Value(v) => {
                let v = v.string()?;
                if command.is_none() {
                    command = Some(v);
                } else {
                    positional.push(v);
                }
            }
            _ => return Err(arg.unexpected().into()),
        }
    }
    let Some(command) = command else {
        return Ok(Command::Help);
    };
    if !(1..=64).contains(&procs) {
        bail!("--procs must be between 1 and 64, got {procs}");
    }
    let mut config = Config {
        processors: procs,
        ..Config::default()
    };
    config.policy = match policy.as_str() {
        "go" => PolicyConfig::GoLike { seed },
        "random" => PolicyConfig::Random { seed },
        other => bail!("unknown --policy {other:?}: use go or random"),
    };
    if let Some(n) = max_steps {
        config.limits.steps_max = n;
    }
    let one_file = |positional: &[String]| -> anyhow::Result<PathBuf> {
        match positional {
            [file] => Ok(PathBuf::from(file)),
            [] => bail!("{command}: missing the Go file to run\n\n{USAGE}"),
            _ => bail!("{command}: expected one Go file, got {}", positional.len()),
        }
    };
    Ok(match command.as_str() {
        "run" => Command::Run(RunArgs {
            file: one_file(&positional)?,
            config,
        }),
        "trace" => Command::Trace {
            run: RunArgs {
                file: one_file(&positional)?,
                config,
            },
            json,
            snapshots,
        },
        "leaks" => Command::Leaks(RunArgs {
            file: one_file(&positional)?,
            config,
        }),
        "check" => Command::Check {
            file: one_file(&positional)?,
        },
        "replay" => {
            let [schedule, file] = positional.as_slice() else {
                bail!("replay: expected SCHEDULE prog.go");
            };
            let schedule = Schedule::decode(schedule)
                .map_err(|e| anyhow::anyhow!("replay: bad schedule: {e}"))?;
            config.processors = schedule.processors;
            config.policy = PolicyConfig::Replay(schedule);
            Command::Run(RunArgs {
                file: PathBuf::from(file),
                config,
            })
        }
        "help" => Command::Help,
        other => bail!("unknown command {other:?}\n\n{USAGE}"),
    })
}
