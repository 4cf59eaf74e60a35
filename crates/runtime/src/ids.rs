//! Ids of runtime objects: `u32` newtypes indexing arenas owned by [`crate::Runtime`].
//!
//! Mirrors the identities Go's runtime uses (runtime/runtime2.go): a goroutine's `goid`, a P's `id`,
//! an M's `id`; channels, timers and sync objects are identified by an arena slot instead of an address.
//!
//! Invariants:
//! - An id is never reused within one run, so an id seen in an event or snapshot always means the same object.
//! - `GoroutineId` is Go's goid as printed in tracebacks (main is 1, the first user goroutine is 5).

use serde::{Deserialize, Serialize};

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident, $display:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The arena index of this id.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, $display, self.0)
            }
        }
    };
}

define_id!(
    /// A goroutine's Go id (`g.goid`), displayed as Go does: "goroutine 7".
    GoroutineId,
    "goroutine {}"
);
define_id!(
    /// A processor (Go's P, `p.id`), 0-based.
    ProcessorId,
    "P{}"
);
define_id!(
    /// An OS thread (Go's M, `m.id`), 0-based; M0 runs `main`.
    ThreadId,
    "M{}"
);
define_id!(
    /// A channel (Go's `*hchan`).
    ChanId,
    "chan#{}"
);
define_id!(
    /// A runtime timer (Go's `*timer`): behind time.Sleep, time.Timer, time.Ticker, time.AfterFunc.
    TimerId,
    "timer#{}"
);
define_id!(
    /// A sync object (sync.Mutex, sync.RWMutex, sync.WaitGroup, sync.Once, sync.Cond).
    SyncId,
    "sync#{}"
);
define_id!(
    /// A context of package context (see [`crate::context`]), numbered in order of creation.
    ContextId,
    "context {}"
);
