//! `goroscope trace`: one line per step with the events it caused (legend in `args::TRACE_LEGEND`),
//! or JSON lines with the serde form of each step (and optionally the snapshot after it).

use std::io::Write;

use runtime::{Runtime, Step};

pub fn print(
    rt: &mut Runtime,
    out: &mut impl Write,
    json: bool,
    snapshots: bool,
) -> anyhow::Result<()> {
    while rt.status().is_running() {
        let step = rt.step();
        if json {
            let line = if snapshots {
                serde_json::json!({ "step": step, "snapshot": rt.snapshot() })
            } else {
                serde_json::json!({ "step": step })
            };
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{}", render_step(&step))?;
        }
    }
    if json {
        writeln!(
            out,
            "{}",
            serde_json::json!({ "status": rt.status(), "schedule": rt.schedule().encode() })
        )?;
    } else {
        writeln!(out, "status: {}", rt.status())?;
        writeln!(out, "schedule: {}", rt.schedule().encode())?;
    }
    Ok(())
}

fn render_step(step: &Step) -> String {
    let p = step
        .processor
        .map_or("-".to_string(), |p| format!("P{}", p.0));
    let g = step
        .goroutine
        .map_or("-".to_string(), |g| format!("G{}", g.0));
    let events: Vec<String> = step.events.iter().map(|e| e.to_string()).collect();
    format!("{:>6}  {:<3} {:<4} {}", step.index, p, g, events.join("; "))
}
