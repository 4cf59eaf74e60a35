//! Fused steps: the runtime operations that `interp::GoStack::run` may complete without returning to the
//! scheduler, because they cannot block or wake anyone (see [`crate::interp::Fuse`]). Each one does exactly
//! what the scheduler's path (`Runtime::call_op`) would do for that case and nothing else; anything else
//! returns None and takes the scheduler's path.

use crate::chan::{Chan, ChanKind, RecvOutcome, SendOutcome};
use crate::heap::Heap;
use crate::ids::GoroutineId;
use crate::interp;
use crate::program::RtCode;
use crate::sync::{MutexState, SyncObject};
use crate::value::Value;

/// The operations `run` completes without the scheduler when they cannot block or wake anyone
/// ([`interp::Fuse`]); anything else returns None and goes through `call_op` as usual.
pub(crate) struct FastPath<'a> {
    pub(crate) chans: &'a mut [Chan<Value>],
    pub(crate) sync_objects: &'a mut [SyncObject],
    pub(crate) goroutine: GoroutineId,
    /// The goroutine was woken to retry a Lock: that first Lock takes the slow path.
    pub(crate) mutex_retry: bool,
}

impl FastPath<'_> {
    fn mutex(&mut self, heap: &Heap, ptr: Option<&Value>) -> Option<&mut MutexState> {
        let Some(Value::Ptr(p)) = ptr else {
            return None;
        };
        let Some(Value::Sync(id)) = heap.slot(*p) else {
            return None;
        };
        match self.sync_objects.get_mut(id.index()) {
            Some(SyncObject::Mutex(m)) => Some(m),
            _ => None,
        }
    }

    fn chan(&mut self, v: Option<&Value>) -> Option<&mut Chan<Value>> {
        match v {
            Some(Value::Chan(c)) => self
                .chans
                .get_mut(c.index())
                .filter(|ch| ch.kind == ChanKind::Plain),
            _ => None,
        }
    }
}

impl interp::FastOps for FastPath<'_> {
    fn try_op(
        &mut self,
        heap: &mut Heap,
        op: RtCode,
        args: &[Value],
        out: &mut [Value; 2],
    ) -> Option<usize> {
        let g = self.goroutine;
        match op {
            // Lock of an unlocked, non-starving mutex (LockOutcome::Acquired).
            RtCode::MutexLock if !self.mutex_retry => {
                let m = self.mutex(heap, args.first())?;
                if m.locked || m.starving {
                    return None;
                }
                m.lock(g, 0, None);
                Some(0)
            }
            // Unlock that wakes nobody (UnlockOutcome::Released).
            RtCode::MutexUnlock => {
                let m = self.mutex(heap, args.first())?;
                if !m.locked || m.starving || (!m.woken && !m.waiters.is_empty()) {
                    return None;
                }
                m.unlock(0);
                Some(0)
            }
            // A send into a buffer with room and no receiver waiting (SendOutcome::Buffered).
            RtCode::ChanSend => {
                let ch = self.chan(args.first())?;
                if ch.closed || !ch.recvq.is_empty() || ch.qcount >= ch.dataqsiz {
                    return None;
                }
                let v = args.get(1)?.clone();
                match ch.chan_send(v, &mut |_| false) {
                    SendOutcome::Buffered { .. } => Some(0),
                    _ => unreachable!("checked: the buffer has room"),
                }
            }
            // A receive from a non-empty buffer with no sender waiting (RecvOutcome::FromBuffer).
            RtCode::ChanRecv | RtCode::ChanRecv2 => {
                let ch = self.chan(args.first())?;
                if ch.qcount == 0 || !ch.sendq.is_empty() {
                    return None;
                }
                match ch.chan_recv(&mut |_| false) {
                    RecvOutcome::FromBuffer { value, .. } => {
                        out[0] = value;
                        out[1] = Value::Bool(true);
                        Some(2)
                    }
                    _ => unreachable!("checked: the buffer holds a value"),
                }
            }
            _ => None,
        }
    }
}
