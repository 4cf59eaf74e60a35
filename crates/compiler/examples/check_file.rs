//! Development helper: type-checks each file given and prints gc-style diagnostics
//! (`--all` reports every error, like gc -e).
fn main() {
    let mut all = false;
    for arg in std::env::args().skip(1) {
        if arg == "--all" {
            all = true;
            continue;
        }
        let path = arg;
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = std::path::Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("prog.go")
            .to_string();
        let limit = if all {
            usize::MAX
        } else {
            compiler::diagnostic::ERRORS_MAX
        };
        match compiler::check::check_with_limit(&name, &src, limit) {
            Ok(_) => println!("{path}: ok"),
            Err(diags) => {
                for d in diags {
                    println!("{d}");
                }
            }
        }
    }
}
