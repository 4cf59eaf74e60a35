//! The `goroscope` command line.

fn main() {
    println!("goroscope {}", runtime::VERSION);
}
