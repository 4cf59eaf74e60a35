//! Helpers to build small Go-like test programs with the vm's `ProgramBuilder`, shared by the native
//! integration tests and the wasm test.
#![allow(dead_code)]

use runtime::builder::{FuncBuilder, ProgramBuilder};
use runtime::program::{
    BinOp, FuncId, Instr, NumKind, Program, Reg, RtCode, SelectCaseDesc, SelectTable,
};
use runtime::types::{builtin, ChanDir, TypeId, TypeKind};

/// Operations on a function under construction, named after the Go they stand for.
pub trait Go {
    fn int(&mut self, v: i32) -> Reg;
    fn rt(&mut self, op: RtCode, args: &[Reg], ty: TypeId) -> Reg;
    fn make_chan(&mut self, elem_chan_ty: TypeId, cap: i32) -> Reg;
    fn send(&mut self, ch: Reg, v: Reg);
    fn recv(&mut self, ch: Reg) -> Reg;
    fn close(&mut self, ch: Reg);
    fn go(&mut self, f: FuncId, args: &[Reg]);
    fn call(&mut self, f: FuncId, args: &[Reg]);
    fn print_int(&mut self, r: Reg);
    fn print_str(&mut self, s: &str);
    fn print_str_int(&mut self, s: &str, r: Reg);
    fn new_sync(&mut self) -> Reg;
    fn add(&mut self, r: Reg, n: i32);
    fn repeat(&mut self, n: Reg, body: impl FnMut(&mut Self, Reg));
    fn select(&mut self, cases: &[SelectCaseDesc], has_default: bool) -> Reg;
    fn sleep_ms(&mut self, ms: i32);
}

impl Go for FuncBuilder<'_> {
    fn int(&mut self, v: i32) -> Reg {
        let r = self.reg();
        self.emit(Instr::Int { dst: r, value: v });
        r
    }
    fn rt(&mut self, op: RtCode, args: &[Reg], ty: TypeId) -> Reg {
        let a = self.consecutive(args);
        let dst = self.regs(op.results().max(1) as u16);
        self.emit(Instr::Runtime {
            op,
            args: a,
            dst,
            ty,
        });
        dst
    }
    fn make_chan(&mut self, chan_ty: TypeId, cap: i32) -> Reg {
        let n = self.int(cap);
        self.rt(RtCode::MakeChan, &[n], chan_ty)
    }
    fn send(&mut self, ch: Reg, v: Reg) {
        self.rt(RtCode::ChanSend, &[ch, v], builtin::INT);
    }
    fn recv(&mut self, ch: Reg) -> Reg {
        self.rt(RtCode::ChanRecv, &[ch], builtin::INT)
    }
    fn close(&mut self, ch: Reg) {
        self.rt(RtCode::ChanClose, &[ch], builtin::INT);
    }
    fn go(&mut self, f: FuncId, args: &[Reg]) {
        let callee = self.reg();
        self.emit(Instr::Func {
            dst: callee,
            func: f,
        });
        let a = if args.is_empty() {
            Reg(0)
        } else {
            self.consecutive(args)
        };
        self.emit(Instr::Go { callee, args: a });
    }
    fn call(&mut self, f: FuncId, args: &[Reg]) {
        let a = if args.is_empty() {
            Reg(0)
        } else {
            self.consecutive(args)
        };
        let dst = self.reg();
        self.emit(Instr::Call {
            func: f,
            args: a,
            dst,
        });
    }
    fn print_int(&mut self, r: Reg) {
        self.println(&[(r, builtin::INT)]);
    }
    fn print_str(&mut self, s: &str) {
        let r = self.reg();
        let k = self.str_const(s);
        self.emit(Instr::Const { dst: r, konst: k });
        self.println(&[(r, builtin::STRING)]);
    }
    fn print_str_int(&mut self, s: &str, v: Reg) {
        let r = self.reg();
        let k = self.str_const(s);
        self.emit(Instr::Const { dst: r, konst: k });
        self.println(&[(r, builtin::STRING), (v, builtin::INT)]);
    }
    fn new_sync(&mut self) -> Reg {
        let r = self.reg();
        self.emit(Instr::New {
            dst: r,
            ty: builtin::INT,
        });
        r
    }
    fn add(&mut self, r: Reg, n: i32) {
        let k = self.int(n);
        self.emit(Instr::Binary {
            op: BinOp::Add,
            kind: NumKind::Int,
            dst: r,
            lhs: r,
            rhs: k,
        });
    }
    /// `for i := 0; i < n; i++ { body(i) }`
    fn repeat(&mut self, n: Reg, mut body: impl FnMut(&mut Self, Reg)) {
        let i = self.int(0);
        let top = self.label();
        let end = self.label();
        self.bind(top);
        let cond = self.reg();
        self.emit(Instr::Binary {
            op: BinOp::Lt,
            kind: NumKind::Int,
            dst: cond,
            lhs: i,
            rhs: n,
        });
        self.jump_if_not(cond, end);
        body(self, i);
        self.add(i, 1);
        self.jump(top);
        self.bind(end);
    }
    fn select(&mut self, cases: &[SelectCaseDesc], has_default: bool) -> Reg {
        let table = self.select_table(SelectTable {
            cases: cases.to_vec(),
            has_default,
        });
        let dst = self.regs(3);
        self.emit(Instr::Select { table, dst });
        dst
    }
    fn sleep_ms(&mut self, ms: i32) {
        let d = self.int(ms);
        let k = self.int(1_000_000);
        self.emit(Instr::Binary {
            op: BinOp::Mul,
            kind: NumKind::Int,
            dst: d,
            lhs: d,
            rhs: k,
        });
        self.rt(RtCode::Sleep, &[d], builtin::INT);
    }
}

/// `chan int`.
pub fn chan_int(b: &mut ProgramBuilder) -> TypeId {
    b.types().intern(TypeKind::Chan {
        elem: builtin::INT,
        dir: ChanDir::Both,
    })
}

/// Builds a program from `main`'s body and helper functions declared by `decls`.
pub fn program(build: impl FnOnce(&mut ProgramBuilder, FuncId)) -> Program {
    let mut b = ProgramBuilder::new();
    let main = b.declare_func("main.main", 0, &[]);
    build(&mut b, main);
    b.finish(main).expect("valid test program")
}

/// Ping-pong: two goroutines pass a counter back and forth `n` times over unbuffered channels.
pub fn ping_pong(n: i32) -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let player = b.declare_func("main.player", 3, &[]);
        {
            let mut f = b.func(player);
            f.line(5);
            let (inp, out, rounds) = (f.param(0), f.param(1), f.param(2));
            f.repeat(rounds, |f, _| {
                let v = f.recv(inp);
                f.add(v, 1);
                f.send(out, v);
            });
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let ping = f.make_chan(ct, 0);
        let pong = f.make_chan(ct, 0);
        let rounds = f.int(n);
        f.go(player, &[ping, pong, rounds]);
        let zero = f.int(0);
        let v = f.reg();
        f.emit(Instr::Move { dst: v, src: zero });
        f.repeat(rounds, |f, _| {
            f.send(ping, v);
            let r = f.recv(pong);
            f.emit(Instr::Move { dst: v, src: r });
        });
        f.print_int(v);
        f.ret(&[]);
        f.finish();
    })
}

/// Workers and a WaitGroup: main starts `n` goroutines that each send their index on a buffered channel,
/// then waits and prints the sum.
pub fn spawn_and_wait(n: i32) -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let worker = b.declare_func("main.worker", 3, &[]);
        {
            let mut f = b.func(worker);
            f.line(5);
            let (i, out, wg) = (f.param(0), f.param(1), f.param(2));
            f.send(out, i);
            f.rt(RtCode::WaitGroupDone, &[wg], builtin::INT);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let count = f.int(n);
        let out = f.rt(RtCode::MakeChan, &[count], ct);
        let wg = f.new_sync();
        f.rt(RtCode::WaitGroupAdd, &[wg, count], builtin::INT);
        f.repeat(count, |f, i| f.go(worker, &[i, out, wg]));
        f.rt(RtCode::WaitGroupWait, &[wg], builtin::INT);
        let sum = f.int(0);
        f.repeat(count, |f, _| {
            let v = f.recv(out);
            f.emit(Instr::Binary {
                op: BinOp::Add,
                kind: NumKind::Int,
                dst: sum,
                lhs: sum,
                rhs: v,
            });
        });
        f.print_int(sum);
        f.ret(&[]);
        f.finish();
    })
}

/// Two producers send `n` values each on their own channel; main selects over both `2n` times and
/// prints which case won. The buffers hold all values and main sleeps first, so both cases are ready
/// and the output depends on select's poll order, hence on the seed.
pub fn select_two(n: i32) -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let producer = b.declare_func("main.producer", 2, &[]);
        {
            let mut f = b.func(producer);
            f.line(5);
            let (ch, n) = (f.param(0), f.param(1));
            f.repeat(n, |f, i| f.send(ch, i));
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let c1 = f.make_chan(ct, n);
        let c2 = f.make_chan(ct, n);
        let count = f.int(n);
        f.go(producer, &[c1, count]);
        f.go(producer, &[c2, count]);
        f.sleep_ms(1);
        let total = f.int(2 * n);
        f.line(14);
        f.repeat(total, |f, _| {
            let r = f.select(
                &[
                    SelectCaseDesc::Recv { chan: c1 },
                    SelectCaseDesc::Recv { chan: c2 },
                ],
                false,
            );
            f.print_int(r);
        });
        f.ret(&[]);
        f.finish();
    })
}

/// A producer sends `n` values through a buffered channel of capacity 16 to a consumer that sums them.
pub fn buffered_pipe(n: i32) -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let producer = b.declare_func("main.producer", 2, &[]);
        {
            let mut f = b.func(producer);
            f.line(5);
            let (ch, n) = (f.param(0), f.param(1));
            f.repeat(n, |f, i| f.send(ch, i));
            f.close(ch);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let ch = f.make_chan(ct, 16);
        let count = f.int(n);
        f.go(producer, &[ch, count]);
        let sum = f.int(0);
        f.repeat(count, |f, _| {
            let v = f.recv(ch);
            f.emit(Instr::Binary {
                op: BinOp::Add,
                kind: NumKind::Int,
                dst: sum,
                lhs: sum,
                rhs: v,
            });
        });
        f.print_int(sum);
        f.ret(&[]);
        f.finish();
    })
}

/// `workers` goroutines each lock a shared mutex `n` times, increment a counter held in a channel-free
/// heap cell, and unlock; main waits on a WaitGroup and prints the count.
pub fn contended_mutex(workers: i32, n: i32) -> Program {
    program(|b, main| {
        let worker = b.declare_func("main.worker", 4, &[]);
        {
            let mut f = b.func(worker);
            f.line(5);
            let (mu, counter, wg, n) = (f.param(0), f.param(1), f.param(2), f.param(3));
            f.repeat(n, |f, _| {
                f.rt(RtCode::MutexLock, &[mu], builtin::INT);
                let v = f.reg();
                f.emit(Instr::Load {
                    dst: v,
                    ptr: counter,
                    ty: builtin::INT,
                });
                f.add(v, 1);
                f.rt(RtCode::Gosched, &[], builtin::INT);
                f.emit(Instr::Store {
                    ptr: counter,
                    src: v,
                    ty: builtin::INT,
                });
                f.rt(RtCode::MutexUnlock, &[mu], builtin::INT);
            });
            f.rt(RtCode::WaitGroupDone, &[wg], builtin::INT);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(12);
        let mu = f.new_sync();
        let wg = f.new_sync();
        let counter = f.reg();
        f.emit(Instr::New {
            dst: counter,
            ty: builtin::INT,
        });
        let w = f.int(workers);
        let count = f.int(n);
        f.rt(RtCode::WaitGroupAdd, &[wg, w], builtin::INT);
        f.repeat(w, |f, _| f.go(worker, &[mu, counter, wg, count]));
        f.rt(RtCode::WaitGroupWait, &[wg], builtin::INT);
        let v = f.reg();
        f.emit(Instr::Load {
            dst: v,
            ptr: counter,
            ty: builtin::INT,
        });
        f.print_int(v);
        f.ret(&[]);
        f.finish();
    })
}

/// `n` goroutines that each block forever receiving from their own channel (for memory per parked
/// goroutine); main then sleeps so they all park.
pub fn parked(n: i32) -> Program {
    program(|b, main| {
        let ct = chan_int(b);
        let blocked = b.declare_func("main.blocked", 1, &[]);
        {
            let mut f = b.func(blocked);
            f.line(5);
            let ch = f.param(0);
            f.recv(ch);
            f.ret(&[]);
            f.finish();
        }
        let mut f = b.func(main);
        f.line(10);
        let count = f.int(n);
        let ch = f.make_chan(ct, 0);
        f.repeat(count, |f, _| f.go(blocked, &[ch]));
        f.sleep_ms(1);
        f.ret(&[]);
        f.finish();
    })
}

/// FNV-1a (64-bit) of the narrated event trace of a whole run: identical on every platform, so the
/// native test and the wasm test can compare it with the same constant.
pub fn trace_hash(program: Program, config: runtime::Config) -> (u64, u64) {
    let mut rt = runtime::Runtime::new(program, config).expect("loads");
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    while rt.status().is_running() {
        for e in rt.step().events {
            for b in e.to_string().bytes().chain(std::iter::once(b'\n')) {
                hash ^= b as u64;
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    (hash, rt.steps())
}

/// The program and configuration of the native/wasm determinism check.
pub fn determinism_case() -> (Program, runtime::Config) {
    let config = runtime::Config {
        processors: 3,
        policy: runtime::PolicyConfig::Random { seed: 42 },
        ..runtime::Config::default()
    };
    (select_two(20), config)
}

/// The expected `trace_hash(determinism_case())`, asserted natively and in WASM.
pub const DETERMINISM_TRACE_HASH: (u64, u64) = (833_443_893_148_936_046, 93);
