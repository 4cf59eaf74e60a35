//! Bodyless prelude functions ("intrinsics") mapped onto instructions, runtime ops and natives, plus the
//! small synthetic functions the lowering needs (method-value thunks, go/defer wrappers).
//!
//! Models the way cmd/compile turns calls such as `fmt.Println`, `(*sync.Mutex).Lock` or `time.Sleep` into
//! runtime entry points; here each maps to one `Instr::Fmt`, `Instr::Runtime` or `Instr::CallNative`.
//!
//! Invariants: an intrinsic receives its arguments (receiver first) in consecutive registers, exactly as a
//! Go call would; an intrinsic we do not model is reported as unsupported, never silently dropped.

use runtime::program::{
    BinOp, FmtOp, Func, FuncId, Instr, NumKind, PrintForm, Reg, RtCode, SourceSpan, StrConvOp, Stream,
};
use runtime::types::TypeId as RT;

use super::fx::Fx;
use super::{Lowerer, R};
use crate::ast::{Expr, ExprKind};
use crate::check::{Builtin, ObjId, Selection};
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
    if !is_supported(&name) {
        return Ok(None);
    }
    l.func_for(fobj, vec![]).map(Some)
}

fn is_supported(name: &str) -> bool {
    let native = runtime::natives::lookup(name).is_some();
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
                | "sync.(*WaitGroup).Add"
                | "sync.(*WaitGroup).Done"
                | "sync.(*WaitGroup).Wait"
                | "sync.(*Cond).Wait"
                | "sync.(*Cond).Signal"
                | "sync.(*Cond).Broadcast"
                | "strings.(*Builder).WriteString"
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
    let (op_of, nfixed): (fn(Stream) -> FmtOp, usize) = match name.as_str() {
        "fmt.Fprintln" => (FmtOp::Println, 0),
        "fmt.Fprint" => (FmtOp::Print, 0),
        "fmt.Fprintf" => (FmtOp::Printf, 1),
        _ => return Ok(None),
    };
    let w = args.first().ok_or_else(|| fx.unsup_at(fx.span, "fmt.Fprint without writer"))?;
    let stream = match &w.unparen().kind {
        ExprKind::Selector { sel, .. } if matches!(fx.l.ck.info.selections.get(&w.unparen().id), Some(Selection::Qualified(_))) => {
            match sel.name.as_str() {
                "Stdout" => Stream::Stdout,
                "Stderr" => Stream::Stderr,
                _ => return Err(fx.unsup_at(w.span, "fmt.Fprint to a writer other than os.Stdout/os.Stderr")),
            }
        }
        _ => return Err(fx.unsup_at(w.span, "fmt.Fprint to a writer other than os.Stdout/os.Stderr")),
    };
    // evaluate remaining args as for Print/Printf
    let rest = &args[1..];
    let ps = &params[1..];
    let abase = base.offset(1);
    fx.args_into_pub(rest, ps, true, has_dots, abase)?;
    let _ = nfixed;
    let dst = fx.tmps(2);
    fx.emit(Instr::Fmt { op: op_of(stream), args: abase, dst });
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
pub(super) fn call(fx: &mut Fx<'_, '_>, o: ObjId, base: Reg, nargs: usize, dst: Reg, params: &[CT], results: &[CT]) -> R<()> {
    let name = fx.l.func_name(o, &[]);
    let a = |i: usize| base.offset(i);
    let rt_op = |fx: &mut Fx<'_, '_>, op: RtCode, args: Reg, dst: Reg| {
        fx.emit(Instr::Runtime { op, args, dst, ty: runtime::types::builtin::INT });
    };
    match name.as_str() {
        "fmt.Println" => {
            fx.emit(Instr::Fmt { op: FmtOp::Println(Stream::Stdout), args: base, dst });
        }
        "fmt.Print" => {
            fx.emit(Instr::Fmt { op: FmtOp::Print(Stream::Stdout), args: base, dst });
        }
        "fmt.Printf" => {
            fx.emit(Instr::Fmt { op: FmtOp::Printf(Stream::Stdout), args: base, dst });
        }
        "fmt.Sprint" => {
            fx.emit(Instr::Fmt { op: FmtOp::Sprint, args: base, dst });
        }
        "fmt.Sprintln" => {
            fx.emit(Instr::Fmt { op: FmtOp::Sprintln, args: base, dst });
        }
        "fmt.Sprintf" => {
            fx.emit(Instr::Fmt { op: FmtOp::Sprintf, args: base, dst });
        }
        "fmt.Errorf" => {
            fx.emit(Instr::Fmt { op: FmtOp::Errorf, args: base, dst });
        }
        "time.Sleep" => rt_op(fx, RtCode::Sleep, base, dst),
        "time.Now" => rt_op(fx, RtCode::Now, base, dst),
        "time.Since" | "time.Until" => {
            let now = fx.tmp();
            rt_op(fx, RtCode::Now, base, now);
            let (l, r) = if name == "time.Since" { (now, a(0)) } else { (a(0), now) };
            fx.emit(Instr::Binary { op: BinOp::Sub, kind: NumKind::I64, dst, lhs: l, rhs: r });
        }
        "time.Time.Sub" | "time.Time.Add" | "time.Time.After" | "time.Time.Before" | "time.Time.Equal" => {
            let op = match name.as_str() {
                "time.Time.Sub" => BinOp::Sub,
                "time.Time.Add" => BinOp::Add,
                "time.Time.After" => BinOp::Gt,
                "time.Time.Before" => BinOp::Lt,
                _ => BinOp::Eq,
            };
            fx.emit(Instr::Binary { op, kind: NumKind::I64, dst, lhs: a(0), rhs: a(1) });
        }
        "time.Time.UnixNano" | "time.Duration.Nanoseconds" => {
            fx.emit(Instr::Move { dst, src: a(0) });
        }
        "time.Time.Unix" | "time.Time.UnixMilli" => {
            let d = fx.tmp();
            let div = if name.ends_with("Milli") { 1_000_000 } else { 1_000_000_000 };
            fx.emit(Instr::Int { dst: d, value: div });
            fx.emit(Instr::Binary { op: BinOp::Div, kind: NumKind::I64, dst, lhs: a(0), rhs: d });
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
                    fx.emit(Instr::Zero { dst: pair.offset(1), ty: runtime::types::builtin::ANY });
                }
            }
            fx.emit(Instr::New { dst, ty: trt });
            fx.emit(Instr::StoreField { ptr: dst, offset: 0, src: pair.offset(1), ty: runtime::types::builtin::ANY });
            fx.emit(Instr::StoreField { ptr: dst, offset: 1, src: pair, ty: runtime::types::builtin::INT });
        }
        "time.(*Timer).Stop" | "time.(*Ticker).Stop" => {
            let h = fx.tmp();
            fx.emit(Instr::LoadField { dst: h, ptr: a(0), offset: 1, ty: runtime::types::builtin::INT });
            let d = if results.is_empty() { fx.tmp() } else { dst };
            rt_op(fx, RtCode::TimerStop, h, d);
        }
        "time.(*Timer).Reset" | "time.(*Ticker).Reset" => {
            let hd = fx.tmps(2);
            fx.emit(Instr::LoadField { dst: hd, ptr: a(0), offset: 1, ty: runtime::types::builtin::INT });
            fx.emit(Instr::Move { dst: hd.offset(1), src: a(1) });
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
        "sync.(*WaitGroup).Add" => rt_op(fx, RtCode::WaitGroupAdd, base, dst),
        "sync.(*WaitGroup).Done" => rt_op(fx, RtCode::WaitGroupDone, base, dst),
        "sync.(*WaitGroup).Wait" => rt_op(fx, RtCode::WaitGroupWait, base, dst),
        "sync.NewCond" => {
            let ptr_t = results[0];
            let Type::Pointer(ct) = fx.l.ty.get(ptr_t).clone() else { return Err(fx.unsup_at(fx.span, &name)) };
            let crt = fx.rt(ct)?;
            fx.emit(Instr::New { dst, ty: crt });
            let lrt = fx.rt(params[0])?;
            fx.emit(Instr::StoreField { ptr: dst, offset: 0, src: a(0), ty: lrt });
        }
        "sync.(*Cond).Wait" => {
            let l = fx.tmp();
            fx.emit(Instr::LoadField { dst: l, ptr: a(0), offset: 0, ty: runtime::types::builtin::ANY });
            let unlock = fx.l.p.types.name_id("Unlock");
            let lock = fx.l.p.types.name_id("Lock");
            let scratch = fx.tmp();
            fx.emit(Instr::CallMethod { recv: l, method: unlock, args: scratch, dst: scratch });
            let n = fx.tmp();
            fx.emit(Instr::FieldAddr { dst: n, ptr: a(0), offset: 1 });
            rt_op(fx, RtCode::CondWait, n, scratch);
            fx.emit(Instr::CallMethod { recv: l, method: lock, args: scratch, dst: scratch });
        }
        "sync.(*Cond).Signal" | "sync.(*Cond).Broadcast" => {
            let n = fx.tmp();
            fx.emit(Instr::FieldAddr { dst: n, ptr: a(0), offset: 1 });
            let op = if name.ends_with("Signal") { RtCode::CondSignal } else { RtCode::CondBroadcast };
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
        "strings.(*Builder).WriteString" | "strings.(*Builder).WriteByte" | "strings.(*Builder).WriteRune" => {
            let buf = fx.tmp();
            let bt = runtime::types::builtin::SLICE_BYTE;
            fx.emit(Instr::LoadField { dst: buf, ptr: a(0), offset: 0, ty: bt });
            let nb = fx.tmp();
            match name.as_str() {
                "strings.(*Builder).WriteByte" => {
                    fx.emit(Instr::Append { dst: nb, src: buf, args: a(1), count: 1, ty: bt });
                }
                "strings.(*Builder).WriteRune" => {
                    let s = fx.tmp();
                    fx.emit(Instr::StrConv { op: StrConvOp::FromRune, dst: s, src: a(1) });
                    fx.emit(Instr::AppendSlice { dst: nb, src: buf, other: s, ty: bt });
                    if results.len() == 2 {
                        fx.emit(Instr::Len { dst, src: s });
                    }
                }
                _ => {
                    fx.emit(Instr::AppendSlice { dst: nb, src: buf, other: a(1), ty: bt });
                    fx.emit(Instr::Len { dst, src: a(1) });
                }
            }
            fx.emit(Instr::StoreField { ptr: a(0), offset: 0, src: nb, ty: bt });
            // trailing error result is nil
            let err_at = results.len().saturating_sub(1);
            if !results.is_empty() {
                fx.emit(Instr::Zero { dst: dst.offset(err_at), ty: runtime::types::builtin::ERROR });
            }
        }
        "strings.(*Builder).String" | "strings.(*Builder).Len" => {
            let buf = fx.tmp();
            let bt = runtime::types::builtin::SLICE_BYTE;
            fx.emit(Instr::LoadField { dst: buf, ptr: a(0), offset: 0, ty: bt });
            if name.ends_with("String") {
                fx.emit(Instr::StrConv { op: StrConvOp::FromBytes, dst, src: buf });
            } else {
                fx.emit(Instr::Len { dst, src: buf });
            }
        }
        "strings.(*Builder).Reset" => {
            let z = fx.tmp();
            let bt = runtime::types::builtin::SLICE_BYTE;
            fx.emit(Instr::Zero { dst: z, ty: bt });
            fx.emit(Instr::StoreField { ptr: a(0), offset: 0, src: z, ty: bt });
        }
        "strings.(*Builder).Grow" => {}
        _ => {
            let Some(n) = runtime::natives::lookup(&name) else {
                return Err(fx.unsup_at(fx.span, &name));
            };
            if n.arity != nargs || n.results != results.len() {
                return Err(fx.unsup_at(fx.span, &format!("{name} (signature differs from the runtime's)")));
            }
            let idx = fx.l.native(&name).ok_or_else(|| fx.unsup_at(fx.span, &name))?;
            fx.emit(Instr::CallNative { native: idx, args: base, dst });
        }
    }
    Ok(())
}

/// `go`/`defer` of an interface method: `thunk(recv, args...) { recv.M(args...) }`.
pub(super) fn iface_thunk(
    l: &mut Lowerer<'_>,
    method: &str,
    nparams: u16,
    _nres: u16,
    outer: &str,
    wrap_n: &mut u32,
    is_go: bool,
) -> FuncId {
    *wrap_n += 1;
    let name = format!("{outer}.{}{}", if is_go { "gowrap" } else { "deferwrap" }, wrap_n);
    let m = l.p.types.name_id(method);
    let regs = nparams + 1 + 8;
    let code = vec![
        Instr::CallMethod { recv: Reg(0), method: m, args: Reg(1), dst: Reg(nparams + 1) },
        Instr::Return { src: Reg(0), count: 0 },
    ];
    let f = Func {
        name,
        params: nparams + 1,
        results: 0,
        regs,
        result_types: vec![],
        recover_pc: None,
        spans: vec![SourceSpan::default(); code.len()],
        code,
        selects: vec![],
        locals: vec![],
    };
    l.p.funcs.push(f);
    FuncId(l.p.funcs.len() as u32 - 1)
}

/// A method value: a closure capturing the receiver, forwarding its parameters.
pub(super) fn bound_thunk(l: &mut Lowerer<'_>, target: Target, np: u16, results: Vec<RT>, name: &str) -> FuncId {
    let nres = results.len() as u16;
    let cap = Reg(np);
    let mut code = vec![Instr::Capture { dst: cap, index: 0 }];
    let regs;
    let dst;
    match target {
        Target::Static(func) => {
            let args = Reg(np + 1);
            code.push(Instr::Move { dst: args, src: cap });
            for i in 0..np {
                code.push(Instr::Move { dst: Reg(np + 2 + i), src: Reg(i) });
            }
            dst = Reg(np + 2 + np);
            code.push(Instr::Call { func, args, dst });
            regs = dst.0 + nres.max(1);
        }
        Target::Iface(m) => {
            let m = l.p.types.name_id(&m);
            dst = Reg(np + 1);
            code.push(Instr::CallMethod { recv: cap, method: m, args: Reg(0), dst });
            regs = dst.0 + nres.max(1) + np;
        }
    }
    code.push(Instr::Return { src: dst, count: nres });
    let f = Func {
        name: name.to_string(),
        params: np,
        results: nres,
        regs,
        result_types: results,
        recover_pc: None,
        spans: vec![SourceSpan::default(); code.len()],
        code,
        selects: vec![],
        locals: vec![],
    };
    l.p.funcs.push(f);
    FuncId(l.p.funcs.len() as u32 - 1)
}

/// `go`/`defer` of a builtin: a function taking the (already evaluated) operands.
pub(super) fn builtin_thunk(l: &mut Lowerer<'_>, b: Builtin, rts: &[RT], name: &str, span: SourceSpan) -> FuncId {
    let n = rts.len() as u16;
    let mut code = Vec::new();
    match b {
        Builtin::Close => code.push(Instr::Runtime { op: RtCode::ChanClose, args: Reg(0), dst: Reg(0), ty: rts[0] }),
        Builtin::Panic => code.push(Instr::Panic { src: Reg(0) }),
        _ => {
            for (i, t) in rts.iter().enumerate() {
                if l.p.types.is_interface(*t) {
                    code.push(Instr::Move { dst: Reg(n + i as u16), src: Reg(i as u16) });
                } else {
                    code.push(Instr::MakeIface { dst: Reg(n + i as u16), src: Reg(i as u16), ty: *t });
                }
            }
            let form = if b == Builtin::Print { PrintForm::Print } else { PrintForm::Println };
            code.push(Instr::Print { form, args: Reg(n), count: n });
        }
    }
    code.push(Instr::Return { src: Reg(0), count: 0 });
    let f = Func {
        name: name.to_string(),
        params: n,
        results: 0,
        regs: (2 * n).max(1),
        result_types: vec![],
        recover_pc: None,
        spans: vec![span; code.len()],
        code,
        selects: vec![],
        locals: vec![],
    };
    l.p.funcs.push(f);
    FuncId(l.p.funcs.len() as u32 - 1)
}
