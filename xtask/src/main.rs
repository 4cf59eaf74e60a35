//! Project tasks: `cargo xtask tidy`.

fn main() {}
