//! Fusing steps (`Config::fuse_steps`: quiet runs complete non-blocking channel and mutex operations
//! inside the interpreter) must change nothing but speed: every corpus program, with the go-like and
//! the random policy, ends with the same status, output and step count either way.

use std::path::PathBuf;

use runtime::{Config, PolicyConfig, Runtime};

fn programs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs");
    let mut files = Vec::new();
    for kind in ["pass", "fail", "seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("go" | "txtar")) {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn run(program: &runtime::Program, policy: PolicyConfig, fuse: bool) -> String {
    let config = Config {
        policy,
        fuse_steps: fuse,
        ..Config::default()
    };
    let mut rt = Runtime::new(program.clone(), config).expect("loads");
    let status = rt.run_to_end().clone();
    format!(
        "{status:?} steps={} now={}\n{}\n{}",
        rt.steps(),
        rt.now_ns(),
        String::from_utf8_lossy(rt.stdout()),
        String::from_utf8_lossy(rt.stderr())
    )
}

#[test]
fn fused_and_separate_steps_give_the_same_run() {
    let files = programs();
    assert!(files.len() > 100, "corpus not found: {}", files.len());
    let mut fused_anything = 0;
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(program) = compiler::compile(&name, &source) else {
            continue;
        };
        for policy in [
            PolicyConfig::GoLike { seed: 1 },
            PolicyConfig::Random { seed: 7 },
        ] {
            let separate = run(&program, policy.clone(), false);
            let fused = run(&program, policy, true);
            assert_eq!(separate, fused, "{name}: fusing steps changed the run");
        }
        fused_anything += 1;
    }
    assert!(fused_anything > 100);
}
