//! The standard-library surface Goroscope knows: Go declarations (our own, written for this
//! project) parsed by our parser and checked like user code. Functions without bodies are
//! intrinsics the lowering maps to runtime operations.
//!
//! Invariants: every source here parses and type-checks without errors (tested).

/// (import path, source) of every prelude package.
pub const PACKAGES: &[(&str, &str)] = &[
    ("fmt", include_str!("prelude/fmt.go")),
    ("io", include_str!("prelude/io.go")),
    ("io/fs", include_str!("prelude/fs.go")),
    ("bytes", include_str!("prelude/bytes.go")),
    ("errors", include_str!("prelude/errors.go")),
    ("time", include_str!("prelude/time.go")),
    ("sync", include_str!("prelude/sync.go")),
    ("sync/atomic", include_str!("prelude/atomic.go")),
    ("context", include_str!("prelude/context.go")),
    (
        "golang.org/x/sync/errgroup",
        include_str!("prelude/errgroup.go"),
    ),
    (
        "golang.org/x/sync/semaphore",
        include_str!("prelude/semaphore.go"),
    ),
    ("runtime", include_str!("prelude/runtime.go")),
    ("syscall", include_str!("prelude/syscall.go")),
    ("os", include_str!("prelude/os.go")),
    ("bufio", include_str!("prelude/bufio.go")),
    ("strings", include_str!("prelude/strings.go")),
    ("strconv", include_str!("prelude/strconv.go")),
    ("sort", include_str!("prelude/sort.go")),
    ("cmp", include_str!("prelude/cmp.go")),
    ("iter", include_str!("prelude/iter.go")),
    ("slices", include_str!("prelude/slices.go")),
    ("maps", include_str!("prelude/maps.go")),
    ("math", include_str!("prelude/math.go")),
    ("math/rand", include_str!("prelude/rand.go")),
    ("unicode/utf8", include_str!("prelude/utf8.go")),
    ("unicode", include_str!("prelude/unicode.go")),
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

const STD_NAMES: &str = include_str!("prelude/std_names.txt");

/// Whether `name` is an exported name of the real standard package `path` (so a name missing
/// from our prelude is "not supported" rather than "undefined").
pub fn is_std_name(path: &str, name: &str) -> bool {
    STD_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| l.split(' ').next() == Some(path))
        .is_some_and(|l| l.split(' ').skip(1).any(|n| n == name))
}
