//! The front end never panics or hangs: every prefix and many byte-mutated variants of valid
//! programs go through `check` (bounded: a few thousand inputs, deterministic mutations).

use std::time::{Duration, Instant};

const PROGRAMS: &[&str] = &[
    include_str!("../test_data/check/ok/pipeline.go"),
    include_str!("../test_data/check/ok/generics.go"),
    include_str!("../test_data/check/ok/worker_pool.go"),
];

/// A small deterministic PRNG (xorshift) so the mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn run(src: &[u8]) -> Duration {
    let text = String::from_utf8_lossy(src);
    let start = Instant::now();
    let result = std::panic::catch_unwind(|| {
        let _ = compiler::check("prog.go", &text);
    });
    assert!(result.is_ok(), "check panicked on input:\n{text}");
    start.elapsed()
}

#[test]
fn prefixes_never_panic() {
    for p in PROGRAMS {
        let bytes = p.as_bytes();
        let step = (bytes.len() / 150).max(1);
        let mut i = 0;
        while i <= bytes.len() {
            let t = run(&bytes[..i]);
            assert!(
                t < Duration::from_secs(2),
                "prefix of length {i} took {t:?}"
            );
            i += step;
        }
    }
}

#[test]
fn mutations_never_panic() {
    let alphabet: &[u8] = b"(){}[];:,.=<-+*&|!^~\"'`/\n\t 0x1_9aZ_go func chan select ...";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for p in PROGRAMS {
        for _ in 0..200 {
            let mut bytes = p.as_bytes().to_vec();
            let edits = 1 + rng.next() % 4;
            for _ in 0..edits {
                if bytes.is_empty() {
                    break;
                }
                let at = (rng.next() as usize) % bytes.len();
                match rng.next() % 3 {
                    0 => bytes[at] = alphabet[(rng.next() as usize) % alphabet.len()],
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, alphabet[(rng.next() as usize) % alphabet.len()]),
                }
            }
            let t = run(&bytes);
            assert!(
                t < Duration::from_secs(2),
                "mutation took {t:?}:\n{}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!(
        "package main\n\nfunc main() {{\n\tx := {}1{}\n\t_ = x\n}}\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let got = compiler::check("prog.go", &deep);
    assert!(got.is_err());
    let blocks = format!(
        "package main\n\nfunc main() {{\n{}\n{}\n}}\n",
        "{".repeat(3000),
        "}".repeat(3000)
    );
    assert!(compiler::check("prog.go", &blocks).is_err());
    let types = format!(
        "package main\n\nvar x {}int\n\nfunc main() {{}}\n",
        "[]".repeat(3000)
    );
    let _ = compiler::check("prog.go", &types);
}

/// Nesting up to the front end's limits is accepted (45 nested parentheses or blocks, chains
/// of 90 operators, a dozen nested function literals) and deeper nesting is an error; both fit
/// in a 1 MiB stack (the WebAssembly default) even in debug builds.
#[test]
fn nesting_limits_fit_a_small_stack() {
    fn programs(depth: usize) -> Vec<(&'static str, String)> {
        let main = |body: String| format!("package main\n\nfunc main() {{\n{body}\n}}\n");
        vec![
            (
                "parens",
                main(format!(
                    "\tx := {}1{}\n\t_ = x",
                    "(".repeat(depth),
                    ")".repeat(depth)
                )),
            ),
            (
                "sum",
                main(format!("\tx := 1{}\n\t_ = x", " + 1".repeat(depth * 2 - 1))),
            ),
            (
                "blocks",
                main(format!("{}\n{}", "{".repeat(depth), "}".repeat(depth))),
            ),
            (
                "func literals",
                main(format!(
                    "\tf := {}0{}\n\t_ = f",
                    "func() int { return ".repeat(depth / 4),
                    " }()".repeat(depth / 4)
                )),
            ),
            (
                "types",
                format!(
                    "package main\n\nvar x {}int\n\nfunc main() {{ _ = x }}\n",
                    "[]".repeat(depth)
                ),
            ),
        ]
    }
    let run = || {
        for (what, src) in programs(45) {
            assert!(
                compiler::check("prog.go", &src).is_ok(),
                "{what} at the limit should check"
            );
        }
        for depth in [200, 5000] {
            for (what, src) in programs(depth) {
                assert!(
                    compiler::check("prog.go", &src).is_err(),
                    "{what} at depth {depth} should be an error"
                );
            }
        }
    };
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(run)
        .expect("spawn");
    assert!(
        handle.join().is_ok(),
        "nesting check failed (see the panic above)"
    );
}
