//! Development helper: type-checks each file given and prints gc-style diagnostics.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = std::path::Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("prog.go")
            .to_string();
        match compiler::check(&name, &src) {
            Ok(_) => println!("{path}: ok"),
            Err(diags) => {
                for d in diags {
                    println!("{d}");
                }
            }
        }
    }
}
