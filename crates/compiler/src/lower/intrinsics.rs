//! Bodyless prelude functions ("intrinsics") mapped onto instructions, runtime ops and natives (the
//! synthetic thunks for method values and go/defer are in `thunks.rs`).
//!
//! Models the way cmd/compile turns calls such as `fmt.Println`, `(*sync.Mutex).Lock` or `time.Sleep` into
//! runtime entry points; here each maps to one `Instr::Fmt`, `Instr::Runtime` or `Instr::CallNative`.
//!
//! Invariants: an intrinsic receives its arguments (receiver first) in consecutive registers, exactly as a
//! Go call would; an intrinsic we do not model is reported as unsupported, never silently dropped.

use runtime::program::{BinOp, FmtOp, FuncId, Instr, NumKind, Reg, RtCode, StrConvOp, Stream};

use super::fx::Fx;
use super::{Lowerer, R};
use crate::ast::{Expr, ExprKind};
use crate::check::{ObjId, Selection};
use crate::types::{Type, TypeId as CT};

/// What a bound-method thunk calls.
pub(super) enum Target {
    Static(FuncId),
    Iface(String),
}

/// The runtime function standing for a bodyless prelude function used as a value.
pub(super) fn wrapper_for(l: &mut Lowerer<'_>, o: ObjId) -> R<FuncId> {
    l.func_for(o, vec![])
}

/// Method-table entry for a bodyless prelude method (None when we do not model it).
pub(super) fn method_wrapper(l: &mut Lowerer<'_>, fobj: ObjId, _base: CT) -> R<Option<FuncId>> {
    let name = l.func_name(fobj, &[]);
    if !is_supported(&name) && l.time_helper(&name).is_none() {
        return Ok(None);
    }
    l.func_for(fobj, vec![]).map(Some)
}

fn is_supported(name: &str) -> bool {
    let native = super::lookup_native(name).is_some();
    native
        || matches!(
            name,
            "time.Duration.Nanoseconds"
                | "time.(*Timer).Stop"
                | "time.(*Timer).Reset"
                | "time.(*Ticker).Stop"
                | "time.(*Ticker).Reset"
                | "time.Time.Sub"
                | "time.Time.Add"
                | "time.Time.After"
                | "time.Time.Before"
                | "time.Time.Equal"
                | "time.Time.UnixNano"
                | "time.Time.Unix"
                | "time.Time.UnixMilli"
                | "sync.(*Mutex).Lock"
                | "sync.(*Mutex).Unlock"
                | "sync.(*Mutex).TryLock"
                | "sync.(*RWMutex).Lock"
                | "sync.(*RWMutex).Unlock"
                | "sync.(*RWMutex).RLock"
                | "sync.(*RWMutex).RUnlock"
                | "sync.(*RWMutex).TryLock"
                | "sync.(*RWMutex).TryRLock"
                | "sync.(*WaitGroup).Add"
                | "sync.(*WaitGroup).Done"
                | "sync.(*WaitGroup).Wait"
                | "sync.(*Cond).Wait"
                | "sync.(*Cond).Signal"
                | "sync.(*Cond).Broadcast"
                | "strings.(*Builder).WriteString"
                | "strings.(*Builder).Write"
                | "strings.(*Builder).WriteByte"
                | "strings.(*Builder).WriteRune"
                | "strings.(*Builder).String"
                | "strings.(*Builder).Len"
                | "strings.(*Builder).Reset"
                | "strings.(*Builder).Grow"
        )
}

/// Special forms that need the argument expressions (fmt.Fprint* with os.Stdout/os.Stderr).
pub(super) fn call_special(
    fx: &mut Fx<'_, '_>,
    o: ObjId,
    args: &[Expr],
    base: Reg,
    params: &[CT],
    _variadic: bool,
    has_dots: bool,
) -> R<Option<(Reg, Vec<CT>)>> {
    let name = fx.l.func_name(o, &[]);
    if name == "math/rand.NewSource" && args.first().is_some_and(|a| fx.is_const_pub(a)) {
        // a fixed seed promises Go's exact sequence, which the model's generator does not reproduce
        return Err(fx.unsup_at(fx.span, "math/rand.NewSource with a constant seed"));
    }
    if name == "math/rand.New" {
        let from_new_source = args.first().is_some_and(|a| match &a.unparen().kind {
            ExprKind::Call { fun, .. } => {
                matches!(&fun.unparen().kind, ExprKind::Selector { sel, .. } if sel.name == "NewSource")
            }
            _ => false,
        });
        if !from_new_source {
            return Err(fx.unsup_at(fx.span, "math/rand.New with a custom Source"));
        }
    }
    let (op_of, nfixed): (fn(Stream) -> FmtOp, usize) = match name.as_str() {
        "fmt.Fprintln" => (FmtOp::Println, 0),
        "fmt.Fprint" => (FmtOp::Print, 0),
        "fmt.Fprintf" => (FmtOp::Printf, 1),
        _ => return Ok(None),
    };
    let w = args
        .first()
        .ok_or_else(|| fx.unsup_at(fx.span, "fmt.Fprint without writer"))?;
    // os.Stdout / os.Stderr write straight to the program's streams; any other writer goes
    // through its Write method.
    let direct = match &w.unparen().kind {
        ExprKind::Selector { sel, .. } => match fx.l.ck.info.selections.get(&w.unparen().id) {
            Some(Selection::Qualified(o))
                if fx.l.pkg_qual(fx.l.ck.info.objects[o.0 as usize].pkg) == "os" =>
            {
                match sel.name.as_str() {
                    "Stdout" => Some(Stream::Stdout),
                    "Stderr" => Some(Stream::Stderr),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => None,
    };
    let stream = match direct {
        Some(stream) => stream,
        None => {
            // any io.Writer: format with Sprint*, then call its Write method
            let sop = match name.as_str() {
                "fmt.Fprintln" => FmtOp::Sprintln,
                "fmt.Fprint" => FmtOp::Sprint,
                _ => FmtOp::Sprintf,
            };
            let wt = fx.tv_pub(w)?;
            let wv = fx.expr(w)?;
            let iface_t = params[0];
            let wv = fx.coerce(wv, wt, iface_t)?;
            let wr = fx.tmp();
            fx.emit(Instr::Move { dst: wr, src: wv });
            let abase = base.offset(1);
            fx.args_into_pub(&args[1..], &params[1..], true, has_dots, abase)?;
            let s = fx.tmp();
            fx.emit(Instr::Fmt {
                op: sop,
                args: abase,
                dst: s,
            });
            let b = fx.tmp();
            fx.emit(Instr::StrConv {
                op: StrConvOp::ToBytes,
                dst: b,
                src: s,
            });
            let dst = fx.tmps(2);
            let m = fx.l.p.types.name_id("Write");
            fx.emit(Instr::CallMethod {
                recv: wr,
                method: m,
                args: b,
                dst,
            });
            let int_t = fx.l.ty.basic(crate::types::Basic::Int);
            let err_t = error_type(fx);
            return Ok(Some((dst, vec![int_t, err_t])));
        }
    };
    // evaluate remaining args as for Print/Printf
    let rest = &args[1..];
    let ps = &params[1..];
    let abase = base.offset(1);
    fx.args_into_pub(rest, ps, true, has_dots, abase)?;
    let _ = nfixed;
    let dst = fx.tmps(2);
    fx.emit(Instr::Fmt {
        op: op_of(stream),
        args: abase,
        dst,
    });
    let int_t = fx.l.ty.basic(crate::types::Basic::Int);
    let err_t = error_type(fx);
    Ok(Some((dst, vec![int_t, err_t])))
}

fn error_type(fx: &Fx<'_, '_>) -> CT {
    // the universe's error type: find a named type called "error" in the universe package
    for (i, n) in fx.l.ty.named.iter().enumerate() {
        if n.name == "error" && n.pkg == u32::MAX {
            let _ = i;
            for t in 0..fx.l.ty.len() {
                if let Type::Named(k) = fx.l.ty.get(CT(t as u32)) {
                    if *k as usize == i {
                        return CT(t as u32);
                    }
                }
            }
        }
    }
    CT(0)
}

/// Emits a call of intrinsic `o` with arguments at `base..base+nargs`, results at `dst..`.
pub(super) fn call(
    fx: &mut Fx<'_, '_>,
    o: ObjId,
    base: Reg,
    nargs: usize,
    dst: Reg,
    params: &[CT],
    results: &[CT],
) -> R<()> {
    let name = fx.l.func_name(o, &[]);
    call_named(fx, &name, base, nargs, dst, params, results)
}

fn call_named(
    fx: &mut Fx<'_, '_>,
    name: &str,
    base: Reg,
    nargs: usize,
    dst: Reg,
    params: &[CT],
    results: &[CT],
) -> R<()> {
    let name = name.to_string();
    let a = |i: usize| base.offset(i);
    if let Some(m) = name.strip_prefix("math/rand.(*Rand).") {
        // a *rand.Rand made from a non-constant seed draws from the same model generator
        let top = format!("math/rand.{m}");
        return call_named(
            fx,
            &top,
            base.offset(1),
            nargs.saturating_sub(1),
            dst,
            params.get(1..).unwrap_or(&[]),
            results,
        );
    }
    if name == "math/rand.New" {
        let Some(Type::Pointer(rt_ct)) = results.first().map(|r| fx.l.ty.get(*r).clone()) else {
            return Err(fx.unsup_at(fx.span, &name));
        };
        let rrt = fx.rt(rt_ct)?;
        fx.emit(Instr::New { dst, ty: rrt });
        fx.emit(Instr::StoreField {
            ptr: dst,
            offset: 0,
            src: a(0),
            ty: runtime::types::builtin::ANY,
        });
        return Ok(());
    }
    if let Some(h) = fx.l.time_helper(&name) {
        let f = fx.l.func_for(h, vec![])?;
        fx.emit(Instr::Call {
            func: f,
            args: base,
            dst,
        });
        return Ok(());
    }
    if name == "math/rand.NewSource" {
        let ity = fx.rt(results[0])?;
        fx.emit(Instr::Zero { dst, ty: ity });
        return Ok(());
    }
    let rt_op = |fx: &mut Fx<'_, '_>, op: RtCode, args: Reg, dst: Reg| {
        fx.emit(Instr::Runtime {
            op,
            args,
            dst,
            ty: runtime::types::builtin::INT,
        });
    };
    match name.as_str() {
        "fmt.Println" => {
            fx.emit(Instr::Fmt {
                op: FmtOp::Println(Stream::Stdout),
                args: base,
                dst,
            });
        }
        "fmt.Print" => {
            fx.emit(Instr::Fmt {
                op: FmtOp::Print(Stream::Stdout),
                args: base,
                dst,
            });
        }
        "fmt.Printf" => {
            fx.emit(Instr::Fmt {
                op: FmtOp::Printf(Stream::Stdout),
                args: base,
                dst,
            });
        }
        "fmt.Sprint" => {
            fx.emit(Instr::Fmt {
                op: FmtOp::Sprint,
                args: base,
                dst,
            });
        }
        "fmt.Sprintln" => {
            fx.emit(Instr::Fmt {
                op: FmtOp::Sprintln,
                args: base,
                dst,
            });
        }
        "fmt.Sprintf" => {
            fx.emit(Instr::Fmt {
                op: FmtOp::Sprintf,
                args: base,
                dst,
            });
        }
        "fmt.Errorf" => {
            fx.emit(Instr::Fmt {
                op: FmtOp::Errorf,
                args: base,
                dst,
            });
        }
        "time.Sleep" => rt_op(fx, RtCode::Sleep, base, dst),
        "time.Now" => rt_op(fx, RtCode::Now, base, dst),
        "time.Since" | "time.Until" => {
            let now = fx.tmp();
            rt_op(fx, RtCode::Now, base, now);
            let (l, r) = if name == "time.Since" {
                (now, a(0))
            } else {
                (a(0), now)
            };
            fx.emit(Instr::Binary {
                op: BinOp::Sub,
                kind: NumKind::I64,
                dst,
                lhs: l,
                rhs: r,
            });
        }
        "time.Time.Sub" | "time.Time.Add" | "time.Time.After" | "time.Time.Before"
        | "time.Time.Equal" => {
            let op = match name.as_str() {
                "time.Time.Sub" => BinOp::Sub,
                "time.Time.Add" => BinOp::Add,
                "time.Time.After" => BinOp::Gt,
                "time.Time.Before" => BinOp::Lt,
                _ => BinOp::Eq,
            };
            fx.emit(Instr::Binary {
                op,
                kind: NumKind::I64,
                dst,
                lhs: a(0),
                rhs: a(1),
            });
        }
        "time.Time.UnixNano" | "time.Duration.Nanoseconds" => {
            fx.emit(Instr::Move { dst, src: a(0) });
        }
        "time.Time.Unix" | "time.Time.UnixMilli" => {
            let d = fx.tmp();
            let div = if name.ends_with("Milli") {
                1_000_000
            } else {
                1_000_000_000
            };
            fx.emit(Instr::Int { dst: d, value: div });
            fx.emit(Instr::Binary {
                op: BinOp::Div,
                kind: NumKind::I64,
                dst,
                lhs: a(0),
                rhs: d,
            });
        }
        "time.After" => rt_op(fx, RtCode::After, base, dst),
        "time.Tick" => rt_op(fx, RtCode::Tick, base, dst),
        "time.NewTimer" | "time.NewTicker" | "time.AfterFunc" => {
            let ptr_t = results[0];
            let Type::Pointer(tt) = fx.l.ty.get(ptr_t).clone() else {
                return Err(fx.unsup_at(fx.span, &name));
            };
            let trt = fx.rt(tt)?;
            let pair = fx.tmps(2);
            match name.as_str() {
                "time.NewTimer" => rt_op(fx, RtCode::NewTimer, base, pair),
                "time.NewTicker" => rt_op(fx, RtCode::NewTicker, base, pair),
                _ => {
                    rt_op(fx, RtCode::AfterFunc, base, pair);
                    fx.emit(Instr::Zero {
                        dst: pair.offset(1),
                        ty: runtime::types::builtin::ANY,
                    });
                }
            }
            fx.emit(Instr::New { dst, ty: trt });
            fx.emit(Instr::StoreField {
                ptr: dst,
                offset: 0,
                src: pair.offset(1),
                ty: runtime::types::builtin::ANY,
            });
            fx.emit(Instr::StoreField {
                ptr: dst,
                offset: 1,
                src: pair,
                ty: runtime::types::builtin::INT,
            });
        }
        "time.(*Timer).Stop" | "time.(*Ticker).Stop" => {
            let h = fx.tmp();
            fx.emit(Instr::LoadField {
                dst: h,
                ptr: a(0),
                offset: 1,
                ty: runtime::types::builtin::INT,
            });
            let d = if results.is_empty() { fx.tmp() } else { dst };
            rt_op(fx, RtCode::TimerStop, h, d);
        }
        "time.(*Timer).Reset" | "time.(*Ticker).Reset" => {
            let hd = fx.tmps(2);
            fx.emit(Instr::LoadField {
                dst: hd,
                ptr: a(0),
                offset: 1,
                ty: runtime::types::builtin::INT,
            });
            fx.emit(Instr::Move {
                dst: hd.offset(1),
                src: a(1),
            });
            let d = if results.is_empty() { fx.tmp() } else { dst };
            rt_op(fx, RtCode::TimerReset, hd, d);
        }
        "sync.(*Mutex).Lock" => rt_op(fx, RtCode::MutexLock, base, dst),
        "sync.(*Mutex).Unlock" => rt_op(fx, RtCode::MutexUnlock, base, dst),
        "sync.(*Mutex).TryLock" => rt_op(fx, RtCode::MutexTryLock, base, dst),
        "sync.(*RWMutex).Lock" => rt_op(fx, RtCode::RWMutexLock, base, dst),
        "sync.(*RWMutex).Unlock" => rt_op(fx, RtCode::RWMutexUnlock, base, dst),
        "sync.(*RWMutex).RLock" => rt_op(fx, RtCode::RWMutexRLock, base, dst),
        "sync.(*RWMutex).RUnlock" => rt_op(fx, RtCode::RWMutexRUnlock, base, dst),
        "sync.(*RWMutex).TryLock" => rt_op(fx, RtCode::RWMutexTryLock, base, dst),
        "sync.(*RWMutex).TryRLock" => rt_op(fx, RtCode::RWMutexTryRLock, base, dst),
        "sync.(*WaitGroup).Add" => rt_op(fx, RtCode::WaitGroupAdd, base, dst),
        "sync.(*WaitGroup).Done" => rt_op(fx, RtCode::WaitGroupDone, base, dst),
        "sync.(*WaitGroup).Wait" => rt_op(fx, RtCode::WaitGroupWait, base, dst),
        "sync.NewCond" => {
            let ptr_t = results[0];
            let Type::Pointer(ct) = fx.l.ty.get(ptr_t).clone() else {
                return Err(fx.unsup_at(fx.span, &name));
            };
            let crt = fx.rt(ct)?;
            fx.emit(Instr::New { dst, ty: crt });
            let lrt = fx.rt(params[0])?;
            fx.emit(Instr::StoreField {
                ptr: dst,
                offset: 0,
                src: a(0),
                ty: lrt,
            });
        }
        "sync.(*Cond).Wait" => {
            let l = fx.tmp();
            fx.emit(Instr::LoadField {
                dst: l,
                ptr: a(0),
                offset: 0,
                ty: runtime::types::builtin::ANY,
            });
            let unlock = fx.l.p.types.name_id("Unlock");
            let lock = fx.l.p.types.name_id("Lock");
            let scratch = fx.tmp();
            // As sync/cond.go does: take a ticket on the notify list (runtime_notifyListAdd) before
            // unlocking c.L, so a Signal between the unlock and the park is not lost; then wait on that
            // ticket (runtime_notifyListWait) and lock c.L again.
            let list_and_ticket = fx.tmps(2);
            let list = list_and_ticket;
            let ticket = Reg(list_and_ticket.0 + 1);
            fx.emit(Instr::FieldAddr {
                dst: list,
                ptr: a(0),
                offset: 1,
            });
            rt_op(fx, RtCode::CondAdd, list, ticket);
            fx.emit(Instr::CallMethod {
                recv: l,
                method: unlock,
                args: scratch,
                dst: scratch,
            });
            rt_op(fx, RtCode::CondWaitTicket, list, scratch);
            fx.emit(Instr::CallMethod {
                recv: l,
                method: lock,
                args: scratch,
                dst: scratch,
            });
        }
        "sync.(*Cond).Signal" | "sync.(*Cond).Broadcast" => {
            let n = fx.tmp();
            fx.emit(Instr::FieldAddr {
                dst: n,
                ptr: a(0),
                offset: 1,
            });
            let op = if name.ends_with("Signal") {
                RtCode::CondSignal
            } else {
                RtCode::CondBroadcast
            };
            rt_op(fx, op, n, dst);
        }
        "runtime.NumGoroutine" => rt_op(fx, RtCode::NumGoroutine, base, dst),
        "runtime.Gosched" => rt_op(fx, RtCode::Gosched, base, dst),
        "runtime.GOMAXPROCS" => rt_op(fx, RtCode::GoMaxProcs, base, dst),
        "runtime.NumCPU" => rt_op(fx, RtCode::NumCpu, base, dst),
        "runtime.Goexit" => {
            fx.emit(Instr::Goexit);
        }
        "runtime.GC" | "runtime.KeepAlive" => {}
        "os.Exit" => rt_op(fx, RtCode::Exit, base, dst),
        "syscall.sysOpen" => rt_op(fx, RtCode::SyscallOpen, base, dst),
        "syscall.sysRead" => rt_op(fx, RtCode::SyscallRead, base, dst),
        "syscall.sysWrite" => rt_op(fx, RtCode::SyscallWrite, base, dst),
        "syscall.sysClose" => rt_op(fx, RtCode::SyscallClose, base, dst),
        "syscall.sysUnlink" => rt_op(fx, RtCode::SyscallUnlink, base, dst),
        "syscall.sysStat" => rt_op(fx, RtCode::SyscallStat, base, dst),
        // package context reports its tree to the runtime (for the visualizer; see runtime::context)
        "context.track" => rt_op(fx, RtCode::ContextTrack, base, dst),
        "context.trackDone" => rt_op(fx, RtCode::ContextDone, base, dst),
        "context.trackCancel" => rt_op(fx, RtCode::ContextCancel, base, dst),
        "strings.(*Builder).WriteString"
        | "strings.(*Builder).Write"
        | "strings.(*Builder).WriteByte"
        | "strings.(*Builder).WriteRune" => {
            let buf = fx.tmp();
            let bt = runtime::types::builtin::SLICE_BYTE;
            fx.emit(Instr::LoadField {
                dst: buf,
                ptr: a(0),
                offset: 0,
                ty: bt,
            });
            let nb = fx.tmp();
            match name.as_str() {
                "strings.(*Builder).WriteByte" => {
                    fx.emit(Instr::Append {
                        dst: nb,
                        src: buf,
                        args: a(1),
                        count: 1,
                        ty: bt,
                    });
                }
                "strings.(*Builder).WriteRune" => {
                    let s = fx.tmp();
                    fx.emit(Instr::StrConv {
                        op: StrConvOp::FromRune,
                        dst: s,
                        src: a(1),
                    });
                    fx.emit(Instr::AppendSlice {
                        dst: nb,
                        src: buf,
                        other: s,
                        ty: bt,
                    });
                    if results.len() == 2 {
                        fx.emit(Instr::Len { dst, src: s });
                    }
                }
                _ => {
                    fx.emit(Instr::AppendSlice {
                        dst: nb,
                        src: buf,
                        other: a(1),
                        ty: bt,
                    });
                    fx.emit(Instr::Len { dst, src: a(1) });
                }
            }
            fx.emit(Instr::StoreField {
                ptr: a(0),
                offset: 0,
                src: nb,
                ty: bt,
            });
            // trailing error result is nil
            let err_at = results.len().saturating_sub(1);
            if !results.is_empty() {
                fx.emit(Instr::Zero {
                    dst: dst.offset(err_at),
                    ty: runtime::types::builtin::ERROR,
                });
            }
        }
        "strings.(*Builder).String" | "strings.(*Builder).Len" => {
            let buf = fx.tmp();
            let bt = runtime::types::builtin::SLICE_BYTE;
            fx.emit(Instr::LoadField {
                dst: buf,
                ptr: a(0),
                offset: 0,
                ty: bt,
            });
            if name.ends_with("String") {
                fx.emit(Instr::StrConv {
                    op: StrConvOp::FromBytes,
                    dst,
                    src: buf,
                });
            } else {
                fx.emit(Instr::Len { dst, src: buf });
            }
        }
        "strings.(*Builder).Reset" => {
            let z = fx.tmp();
            let bt = runtime::types::builtin::SLICE_BYTE;
            fx.emit(Instr::Zero { dst: z, ty: bt });
            fx.emit(Instr::StoreField {
                ptr: a(0),
                offset: 0,
                src: z,
                ty: bt,
            });
        }
        "strings.(*Builder).Grow" => {}
        "math/rand.Int63" | "math/rand.Int" | "math/rand.Uint64" => {
            rand_int63(fx, dst);
        }
        "math/rand.Int31" => {
            let v = fx.tmp();
            rand_int63(fx, v);
            let k = fx.int_const_pub(32);
            fx.emit(Instr::Binary {
                op: BinOp::Shr,
                kind: NumKind::I64,
                dst: v,
                lhs: v,
                rhs: k,
            });
            fx.emit(Instr::Convert {
                dst,
                src: v,
                from: NumKind::I64,
                to: NumKind::I32,
            });
        }
        "math/rand.Intn" | "math/rand.Int63n" | "math/rand.Int31n" => {
            let kind = if name.ends_with("Int31n") {
                NumKind::I32
            } else {
                NumKind::I64
            };
            rand_intn(fx, a(0), kind, &name[10..], dst);
        }
        "math/rand.Float64" | "math/rand.Float32" => {
            let v = fx.tmp();
            rand_int63(fx, v);
            let k = fx.int_const_pub(10);
            fx.emit(Instr::Binary {
                op: BinOp::Shr,
                kind: NumKind::I64,
                dst: v,
                lhs: v,
                rhs: k,
            });
            let f = fx.tmp();
            fx.emit(Instr::Convert {
                dst: f,
                src: v,
                from: NumKind::I64,
                to: NumKind::F64,
            });
            let scale =
                fx.l.konst(runtime::program::Const::Float(1.0 / (1u64 << 53) as f64));
            let s = fx.tmp();
            fx.emit(Instr::Const {
                dst: s,
                konst: scale,
            });
            if name.ends_with("32") {
                let d = fx.tmp();
                fx.emit(Instr::Binary {
                    op: BinOp::Mul,
                    kind: NumKind::F64,
                    dst: d,
                    lhs: f,
                    rhs: s,
                });
                fx.emit(Instr::Convert {
                    dst,
                    src: d,
                    from: NumKind::F64,
                    to: NumKind::F32,
                });
            } else {
                fx.emit(Instr::Binary {
                    op: BinOp::Mul,
                    kind: NumKind::F64,
                    dst,
                    lhs: f,
                    rhs: s,
                });
            }
        }
        "math/rand.Perm" => {
            // Go's algorithm: m[i] = m[j]; m[j] = i with j = Intn(i+1)
            let srt = fx.rt(results[0])?;
            fx.emit(Instr::MakeSlice {
                dst,
                len: a(0),
                cap: Reg::NONE,
                ty: srt,
            });
            let i = fx.int_const_pub(0);
            let one = fx.int_const_pub(1);
            let (head, end) = (fx.label(), fx.label());
            fx.bind(head);
            let c = fx.tmp();
            fx.emit(Instr::Binary {
                op: BinOp::Lt,
                kind: NumKind::Int,
                dst: c,
                lhs: i,
                rhs: a(0),
            });
            fx.jump_if_not(c, end);
            let n1 = fx.tmp();
            fx.emit(Instr::Binary {
                op: BinOp::Add,
                kind: NumKind::Int,
                dst: n1,
                lhs: i,
                rhs: one,
            });
            let j = fx.tmp();
            rand_intn(fx, n1, NumKind::I64, "Intn", j);
            let mj = fx.tmp();
            fx.emit(Instr::Index {
                dst: mj,
                src: dst,
                index: j,
                ty: srt,
            });
            fx.emit(Instr::SetIndex {
                dst,
                index: i,
                src: mj,
                ty: srt,
            });
            fx.emit(Instr::SetIndex {
                dst,
                index: j,
                src: i,
                ty: srt,
            });
            fx.emit(Instr::Binary {
                op: BinOp::Add,
                kind: NumKind::Int,
                dst: i,
                lhs: i,
                rhs: one,
            });
            fx.jump(head);
            fx.bind(end);
        }
        "math/rand.Shuffle" => {
            // for i := n-1; i > 0; i-- { j := Intn(i+1); swap(i, j) }
            let one = fx.int_const_pub(1);
            let zero = fx.int_const_pub(0);
            let i = fx.tmp();
            fx.emit(Instr::Binary {
                op: BinOp::Sub,
                kind: NumKind::Int,
                dst: i,
                lhs: a(0),
                rhs: one,
            });
            let (head, end) = (fx.label(), fx.label());
            fx.bind(head);
            let c = fx.tmp();
            fx.emit(Instr::Binary {
                op: BinOp::Gt,
                kind: NumKind::Int,
                dst: c,
                lhs: i,
                rhs: zero,
            });
            fx.jump_if_not(c, end);
            let n1 = fx.tmp();
            fx.emit(Instr::Binary {
                op: BinOp::Add,
                kind: NumKind::Int,
                dst: n1,
                lhs: i,
                rhs: one,
            });
            let args = fx.tmps(2);
            rand_intn(fx, n1, NumKind::I64, "Intn", args.offset(1));
            fx.emit(Instr::Move { dst: args, src: i });
            let r = fx.tmp();
            fx.emit(Instr::CallValue {
                callee: a(1),
                args,
                dst: r,
            });
            fx.emit(Instr::Binary {
                op: BinOp::Sub,
                kind: NumKind::Int,
                dst: i,
                lhs: i,
                rhs: one,
            });
            fx.jump(head);
            fx.bind(end);
        }
        "errors.isComparable" if super::lookup_native(&name).is_none() => {
            let f = super::thunks::is_comparable_helper(fx.l);
            fx.emit(Instr::Call {
                func: f,
                args: base,
                dst,
            });
        }
        _ => {
            let Some(n) = super::lookup_native(&name) else {
                if fx.file != 0 {
                    // prelude code reached only dynamically: fail when (if ever) it runs
                    let msg = format!("not supported by Goroscope yet: {name}");
                    let k = fx.l.konst(runtime::program::Const::Str(msg.into_bytes()));
                    let r = fx.tmp();
                    fx.emit(Instr::Const { dst: r, konst: k });
                    let i = fx.tmp();
                    fx.emit(Instr::MakeIface {
                        dst: i,
                        src: r,
                        ty: runtime::types::builtin::STRING,
                    });
                    fx.emit(Instr::Panic { src: i });
                    return Ok(());
                }
                return Err(fx.unsup_at(fx.span, &name));
            };
            if n.arity != nargs || n.results != results.len() {
                return Err(fx.unsup_at(
                    fx.span,
                    &format!("{name} (signature differs from the runtime's)"),
                ));
            }
            let idx =
                fx.l.native(&name)
                    .ok_or_else(|| fx.unsup_at(fx.span, &name))?;
            fx.emit(Instr::CallNative {
                native: idx,
                args: base,
                dst,
            });
        }
    }
    Ok(())
}

/// math/rand's hidden generator state (a package-level uint64 of the lowering).
fn rand_state(fx: &mut Fx<'_, '_>) -> u32 {
    fx.l.hidden_global("math/rand.globalRand", runtime::types::builtin::UINT64)
}

/// `dst = Int63()`: xorshift64* on the hidden state. Real Go seeds its global generator randomly, so any
/// fixed generator is a faithful model of unseeded use; the state starts at a fixed odd constant.
fn rand_int63(fx: &mut Fx<'_, '_>, dst: Reg) {
    use runtime::types::builtin::UINT64;
    let off = rand_state(fx);
    let s = fx.tmp();
    fx.emit(Instr::LoadGlobal {
        dst: s,
        offset: off,
        ty: UINT64,
    });
    // a zero state (never stored yet) becomes the fixed seed
    let z = fx.int_const_pub(0);
    let is0 = fx.tmp();
    fx.emit(Instr::Binary {
        op: BinOp::Eq,
        kind: NumKind::U64,
        dst: is0,
        lhs: s,
        rhs: z,
    });
    let skip = fx.label();
    fx.jump_if_not(is0, skip);
    let seed =
        fx.l.konst(runtime::program::Const::Int(0x2545_F491_4F6C_DD1D));
    fx.emit(Instr::Const {
        dst: s,
        konst: seed,
    });
    fx.bind(skip);
    let t = fx.tmp();
    let k = fx.tmp();
    for (op, n) in [(BinOp::Shr, 12), (BinOp::Shl, 25), (BinOp::Shr, 27)] {
        fx.emit(Instr::Int { dst: k, value: n });
        fx.emit(Instr::Binary {
            op,
            kind: NumKind::U64,
            dst: t,
            lhs: s,
            rhs: k,
        });
        fx.emit(Instr::Binary {
            op: BinOp::Xor,
            kind: NumKind::U64,
            dst: s,
            lhs: s,
            rhs: t,
        });
    }
    fx.emit(Instr::StoreGlobal {
        offset: off,
        src: s,
        ty: UINT64,
    });
    let m =
        fx.l.konst(runtime::program::Const::Int(2_685_821_657_736_338_717));
    fx.emit(Instr::Const { dst: k, konst: m });
    fx.emit(Instr::Binary {
        op: BinOp::Mul,
        kind: NumKind::U64,
        dst: t,
        lhs: s,
        rhs: k,
    });
    fx.emit(Instr::Int { dst: k, value: 1 });
    fx.emit(Instr::Binary {
        op: BinOp::Shr,
        kind: NumKind::U64,
        dst,
        lhs: t,
        rhs: k,
    });
}

/// `dst = Intn(n)` (panics like Go for n <= 0).
fn rand_intn(fx: &mut Fx<'_, '_>, n: Reg, kind: NumKind, what: &str, dst: Reg) {
    let z = fx.int_const_pub(0);
    let bad = fx.tmp();
    fx.emit(Instr::Binary {
        op: BinOp::Le,
        kind,
        dst: bad,
        lhs: n,
        rhs: z,
    });
    let ok = fx.label();
    fx.jump_if_not(bad, ok);
    let msg = fx.l.konst(runtime::program::Const::Str(
        format!("invalid argument to {what}").into_bytes(),
    ));
    let s = fx.tmp();
    fx.emit(Instr::Const { dst: s, konst: msg });
    let i = fx.tmp();
    fx.emit(Instr::MakeIface {
        dst: i,
        src: s,
        ty: runtime::types::builtin::STRING,
    });
    fx.emit(Instr::Panic { src: i });
    fx.bind(ok);
    let v = fx.tmp();
    rand_int63(fx, v);
    let n64 = fx.tmp();
    fx.emit(Instr::Convert {
        dst: n64,
        src: n,
        from: kind,
        to: NumKind::I64,
    });
    let r = fx.tmp();
    fx.emit(Instr::Binary {
        op: BinOp::Rem,
        kind: NumKind::I64,
        dst: r,
        lhs: v,
        rhs: n64,
    });
    if kind == NumKind::I64 {
        fx.emit(Instr::Move { dst, src: r });
    } else {
        fx.emit(Instr::Convert {
            dst,
            src: r,
            from: NumKind::I64,
            to: kind,
        });
    }
}
