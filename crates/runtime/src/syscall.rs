//! Blocking system calls: `entersyscallblock`/`handoffp` and `exitsyscall` (runtime/proc.go) around the
//! kernel's `read` and `write` on the in-memory file system ([`crate::fs`]). The goroutine keeps its M in
//! the call while its P is handed off to another M; the call lasts `Config::syscall_ns` of virtual time and
//! returns (n, errno) when a `TimerAction::SyscallDone` fires.

use crate::event::{Event, Queue, RunSource};
use crate::goroutine::GoroutineStatus;
use crate::ids::{GoroutineId, ProcessorId, ThreadId};
use crate::runtime::Runtime;
use crate::time::TimerAction;
use crate::value::Value;

impl Runtime {
    /// `read(2)` into `buf`: a blocking system call; the bytes are copied now, the results (n, errno)
    /// are delivered when the call returns.
    pub(crate) fn sys_read(&mut self, pp: ProcessorId, g: GoroutineId, fd: i64, buf: &Value) {
        let room = match buf {
            Value::Slice(s) => s.len as usize,
            _ => 0,
        };
        let call = format!("read(fd {fd}{}, {room} bytes)", self.fd_name(fd));
        let result = match self.fs.read(fd, room) {
            Ok(bytes) => {
                if let (Value::Slice(s), false) = (buf, bytes.is_empty()) {
                    let at = s.offset as usize;
                    let slots = self.heap.slots_mut(s.obj);
                    if let Some(slots) = slots.and_then(|v| v.get_mut(at..at + bytes.len())) {
                        for (slot, b) in slots.iter_mut().zip(&bytes) {
                            *slot = Value::Int(i64::from(*b));
                        }
                    }
                }
                (bytes.len() as i64, 0)
            }
            Err(e) => (-1, e.code()),
        };
        let d = self.config.syscall_ns;
        self.enter_syscall(pp, g, d, call, result);
    }

    /// `write(2)` of `data` (a []byte): a blocking system call like [`Runtime::sys_read`].
    pub(crate) fn sys_write(&mut self, pp: ProcessorId, g: GoroutineId, fd: i64, data: &Value) {
        let bytes: Vec<u8> = match data {
            Value::Slice(s) => self
                .heap
                .slots(s.obj)
                .and_then(|slots| slots.get(s.offset as usize..(s.offset + s.len) as usize))
                .map(|slots| slots.iter().map(|v| v.as_int() as u8).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let call = format!("write(fd {fd}{}, {} bytes)", self.fd_name(fd), bytes.len());
        let result = match self.fs.write(fd, &bytes) {
            Ok(n) => (n as i64, 0),
            Err(e) => (-1, e.code()),
        };
        let d = self.config.syscall_ns;
        self.enter_syscall(pp, g, d, call, result);
    }

    /// ` "path"` of an open descriptor, for narration.
    fn fd_name(&self, fd: i64) -> String {
        usize::try_from(fd)
            .ok()
            .and_then(|i| self.fs.open.get(i))
            .and_then(Option::as_ref)
            .map(|d| format!(" {:?}", d.path))
            .unwrap_or_default()
    }

    /// Models `entersyscallblock`: `g` (current on `pp`) blocks its thread in a system call lasting
    /// `duration_ns`; the P is handed off (`handoffp`). The call returns `result` (n, errno).
    pub(crate) fn enter_syscall(
        &mut self,
        pp: ProcessorId,
        g: GoroutineId,
        duration_ns: i64,
        call: String,
        result: (i64, i64),
    ) {
        let until = self.timers.now_ns.saturating_add(duration_ns.max(0));
        let (thread, taker) = self.sched.enter_syscall(pp, g);
        self.g_mut(g).status = GoroutineStatus::Syscall;
        self.emit(|| Event::SyscallEntered {
            goroutine: g,
            thread,
            until_ns: until,
            call,
        });
        self.emit(|| Event::ProcessorHandedOff {
            processor: pp,
            from: thread,
            to: taker,
        });
        self.timers.add(
            TimerAction::SyscallDone {
                thread,
                goroutine: g,
                result,
            },
            until,
            0,
        );
    }

    /// Models `exitsyscall`: reacquire the old P or an idle one, else go to the global queue.
    pub(crate) fn exit_syscall(
        &mut self,
        thread: ThreadId,
        g: GoroutineId,
        (n, errno): (i64, i64),
    ) {
        let old = self.g(g).last_processor;
        let got = self.sched.exit_syscall(thread, old);
        self.complete(g, &[Value::Int(n), Value::Int(errno)]);
        self.emit(|| Event::SyscallExited {
            goroutine: g,
            thread,
            processor: got,
        });
        match got {
            Some(pp) => self.execute(pp, g, false, RunSource::Syscall),
            None => {
                self.g_mut(g).status = GoroutineStatus::Runnable;
                self.sched.glob_runq_put(g);
                self.emit(|| Event::Readied {
                    goroutine: g,
                    processor: old,
                    into: Queue::Global,
                    kicked: None,
                });
            }
        }
    }
}
