//! Writes the prelude (`src/prelude/*.go`) without comments and indentation to `$OUT_DIR/prelude/`,
//! where `src/prelude.rs` includes it from; see `src/minify.rs`.

#[path = "src/minify.rs"]
#[allow(dead_code)]
mod minify;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("prelude");
    std::fs::create_dir_all(&out).expect("create $OUT_DIR/prelude");
    println!("cargo:rerun-if-changed=src/minify.rs");
    println!("cargo:rerun-if-changed=src/prelude");
    for entry in std::fs::read_dir("src/prelude").expect("read src/prelude") {
        let path = entry.expect("read src/prelude").path();
        let name = path.file_name().expect("a file name").to_owned();
        let text = std::fs::read_to_string(&path).expect("read a prelude file");
        let text = if path.extension().is_some_and(|e| e == "go") {
            minify::strip_go(&text)
        } else {
            text
        };
        std::fs::write(out.join(name), text).expect("write the stripped prelude");
    }
}
