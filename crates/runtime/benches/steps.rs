//! Steps per second for typical concurrency shapes, and host bytes per parked goroutine
//! (`Runtime::goroutine_host_bytes`: the G record, its stack's buffers and its sudog).
//! Run with `cargo bench -p runtime --bench steps`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use runtime::program::Program;
use runtime::{Config, Fuel, Runtime, Status};
fn bench(name: &str, program: Program, processors: u32) {
    let config = Config {
        processors,
        ..Config::default()
    };
    let mut rt = Runtime::new(program, config).expect("loads");
    let start = Instant::now();
    rt.run(Fuel { steps: u64::MAX });
    let elapsed = start.elapsed().as_secs_f64();
    assert_eq!(
        rt.status(),
        &Status::Exited { code: 0 },
        "{name}: {}",
        String::from_utf8_lossy(rt.stderr())
    );
    let steps = rt.steps();
    println!(
        "{name:<28} P={processors}  {steps:>9} steps  {:>8.1} ms  {:>12.0} steps/s",
        elapsed * 1e3,
        steps as f64 / elapsed
    );
}

fn parked_bytes(n: i32) -> f64 {
    let mut rt = Runtime::new(common::parked(n), Config::default()).expect("loads");
    while rt.now_ns() == runtime::time::FAKETIME_START_NS && rt.status().is_running() {
        rt.run(Fuel { steps: 1 });
    }
    let parked: Vec<_> = rt
        .goroutines()
        .iter()
        .filter(|g| !g.is_main)
        .map(|g| g.id)
        .collect();
    assert_eq!(parked.len(), n as usize);
    let total: usize = parked.iter().map(|&g| rt.goroutine_host_bytes(g)).sum();
    total as f64 / n as f64
}

fn main() {
    for procs in [1, 4] {
        bench("ping-pong (100k rounds)", common::ping_pong(100_000), procs);
        bench(
            "spawn-and-wait (20k)",
            common::spawn_and_wait(20_000),
            procs,
        );
        bench(
            "buffered pipe (200k)",
            common::buffered_pipe(200_000),
            procs,
        );
        bench(
            "contended mutex (8x10k)",
            common::contended_mutex(8, 10_000),
            procs,
        );
        bench("select (2x50k)", common::select_two(50_000), procs);
    }
    // Time travel: record 1.2M steps, then seek back to step 1,000,000 and elsewhere.
    let mut h = runtime::History::new(
        Runtime::new(common::ping_pong(300_000), Config::default()).expect("loads"),
    );
    let start = Instant::now();
    while h.current().status().is_running() {
        h.step();
    }
    println!(
        "history: recorded {} steps in {:.0} ms",
        h.furthest(),
        start.elapsed().as_secs_f64() * 1e3
    );
    for target in [1_000_000, 999_999, 500_000, 1_000_000] {
        let start = Instant::now();
        h.seek(target).expect("seekable");
        println!(
            "seek to step {target}: {:.2} ms",
            start.elapsed().as_secs_f64() * 1e3
        );
    }
    let per = parked_bytes(10_000);
    println!("bytes per parked goroutine: {per:.0} B (goal <= 300 B)");
}
