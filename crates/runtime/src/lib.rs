//! A deterministic, steppable model of the Go 1.23 runtime.
//!
//! This crate knows no Go syntax, does no I/O, reads no clock and uses no ambient randomness.
//!
//! Map (modules are named after the Go files they model):
//! - [`runtime`]: `Runtime`, the step loop (proc.go `schedule`/`findRunnable`/`execute`, `checkdead`);
//! - [`proc`]: Ps, Ms, run queues, stealing, goroutine ids; [`goroutine`]: G status and wait reasons;
//! - [`chan`], [`select`], [`sync`], [`time`]: chan.go, select.go, sema.go + sync/*, time.go;
//! - [`fs`]: the in-memory file system; `syscall`: blocking system calls and the P hand-off;
//! - `fast_path`: non-blocking operations completed inside the interpreter on quiet one-P runs;
//! - [`context`]: the context tree package context reports, for front ends;
//! - [`policy`]: seeded choices and the replayable `Schedule`;
//! - [`event`], [`snapshot`], [`status`], [`traceback`], [`leak`], [`history`]: what front ends read;
//! - vm side: [`program`], [`value`], [`heap`], [`types`], [`interp`], [`fmt`], [`natives`], [`builder`].

pub mod builder;
pub mod chan;
pub mod context;
pub mod event;
mod fast_path;
pub mod fmt;
pub mod fs;
pub mod goroutine;
pub mod heap;
pub mod history;
pub mod ids;
pub mod interp;
pub mod leak;
pub mod natives;
pub mod policy;
pub mod proc;
pub mod program;
pub mod runtime;
pub mod select;
pub mod snapshot;
pub mod status;
pub mod sync;
mod syscall;
pub mod time;
pub mod traceback;
pub mod types;
pub mod util;
pub mod value;

/// The crate version, shown by the front ends.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use event::Event;
pub use history::History;
pub use ids::{ChanId, ContextId, GoroutineId, ProcessorId, SyncId, ThreadId, TimerId};
pub use leak::LeakReport;
pub use policy::{ChoiceKind, PolicyConfig, Schedule};
pub use proc::RUNQ_CAPACITY;
pub use program::Program;
pub use runtime::{Config, Fuel, Limits, LoadError, Runtime, Step};
pub use snapshot::Snapshot;
pub use status::{Limit, Status};
