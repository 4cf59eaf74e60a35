//! The standard-library surface Goroscope knows: Go declarations (our own, written for this
//! project) parsed by our parser and checked like user code. Functions without bodies are
//! intrinsics the lowering maps to runtime operations.
//!
//! The sources are included as `build.rs` leaves them: without comments and indentation, every
//! line where it is in `src/prelude/` (`minify.rs`).
//!
//! Invariants: every source here parses and type-checks without errors (tested).

/// (import path, source) of every prelude package.
pub const PACKAGES: &[(&str, &str)] = &[
    (
        "fmt",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/fmt.go")),
    ),
    (
        "io",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/io.go")),
    ),
    (
        "io/fs",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/fs.go")),
    ),
    (
        "bytes",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/bytes.go")),
    ),
    (
        "errors",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/errors.go")),
    ),
    (
        "time",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/time.go")),
    ),
    (
        "sync",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/sync.go")),
    ),
    (
        "sync/atomic",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/atomic.go")),
    ),
    (
        "context",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/context.go")),
    ),
    (
        "golang.org/x/sync/errgroup",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/errgroup.go")),
    ),
    (
        "golang.org/x/sync/semaphore",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/semaphore.go")),
    ),
    (
        "runtime",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/runtime.go")),
    ),
    (
        "syscall",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/syscall.go")),
    ),
    (
        "os",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/os.go")),
    ),
    (
        "bufio",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/bufio.go")),
    ),
    (
        "strings",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/strings.go")),
    ),
    (
        "strconv",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/strconv.go")),
    ),
    (
        "sort",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/sort.go")),
    ),
    (
        "cmp",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/cmp.go")),
    ),
    (
        "iter",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/iter.go")),
    ),
    (
        "slices",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/slices.go")),
    ),
    (
        "maps",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/maps.go")),
    ),
    (
        "math",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/math.go")),
    ),
    (
        "math/rand",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/rand.go")),
    ),
    (
        "unicode/utf8",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/utf8.go")),
    ),
    (
        "unicode",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/unicode.go")),
    ),
];

/// The prelude source of package `path`.
pub fn source(path: &str) -> Option<&'static str> {
    PACKAGES.iter().find(|(p, _)| *p == path).map(|(_, s)| *s)
}

/// Packages of the standard library we know of but do not model (imports of them are reported
/// as unsupported rather than missing).
pub fn is_std_path(path: &str) -> bool {
    !path.contains('.') || path.starts_with("golang.org/x/")
}

const STD_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/prelude/std_names.txt"));

/// Whether `name` is an exported name of the real standard package `path` (so a name missing
/// from our prelude is "not supported" rather than "undefined").
pub fn is_std_name(path: &str, name: &str) -> bool {
    STD_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| l.split(' ').next() == Some(path))
        .is_some_and(|l| l.split(' ').skip(1).any(|n| n == name))
}
