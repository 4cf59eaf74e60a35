//! Development helper: parses every file given on the command line and prints syntax errors.
fn main() {
    let mut n = 0;
    let mut bad = 0;
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        n += 1;
        let (_, errors) = compiler::parser::parse(&src);
        if !errors.is_empty() {
            bad += 1;
            let d = compiler::diagnostic::finish(&path, &src, &errors);
            for e in d.iter().take(3) {
                println!("{e}");
            }
        }
    }
    println!("{n} files, {bad} with errors");
}
