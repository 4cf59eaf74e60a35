//! A deterministic, steppable model of the Go 1.23 runtime.
//!
//! This crate knows no Go syntax, does no I/O, reads no clock and uses no ambient randomness.

/// The crate version, shown by the front ends.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Capacity of a P's local run queue: Go's `p.runq [256]guintptr` (runtime/runtime2.go).
pub const RUNQ_CAPACITY: usize = 256;
