//! Package sync's blocking objects as runtime objects, each with its owner/counter and its waiters.
//!
//! Models sync/{mutex,rwmutex,waitgroup,once,cond}.go on top of runtime/sema.go. Go keys semaphores by
//! address in a 251-bucket table; here each object has a [`crate::ids::SyncId`] and an entry in the
//! runtime's sync table. Atomics (sync/atomic) need no object: each is a single step.

pub mod cond;
pub mod mutex;
pub mod once;
pub mod rw_mutex;
pub mod wait_group;

pub use cond::NotifyList;
pub use mutex::MutexState;
pub use once::OnceState;
pub use rw_mutex::RwMutexState;
pub use wait_group::WaitGroupState;

/// One sync object.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SyncObject {
    Mutex(MutexState),
    RwMutex(RwMutexState),
    WaitGroup(WaitGroupState),
    Once(OnceState),
    /// A sync.Cond's notify list (its Locker is a separate object).
    Cond(NotifyList),
}

impl SyncObject {
    /// Go's type name, for snapshots and messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            SyncObject::Mutex(_) => "sync.Mutex",
            SyncObject::RwMutex(_) => "sync.RWMutex",
            SyncObject::WaitGroup(_) => "sync.WaitGroup",
            SyncObject::Once(_) => "sync.Once",
            SyncObject::Cond(_) => "sync.Cond",
        }
    }

    /// Asserts the object's invariants.
    pub fn check_invariants(&self) {
        match self {
            SyncObject::Mutex(m) => m.check_invariants(),
            SyncObject::RwMutex(m) => m.check_invariants(),
            SyncObject::WaitGroup(w) => w.check_invariants(),
            SyncObject::Once(o) => o.check_invariants(),
            SyncObject::Cond(c) => c.check_invariants(),
        }
    }
}
