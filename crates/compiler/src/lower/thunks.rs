//! The small synthetic functions the lowering needs, as cmd/compile generates wrappers: thunks for `go`/`defer`
//! of an interface method or a builtin, bound method values (`x.M` as a func value), and the helper behind a
//! runtime comparability check.

use runtime::program::{Func, FuncId, Instr, PrintForm, Reg, RtCode, SourceSpan};
use runtime::types::TypeId as RT;

use super::intrinsics::Target;
use super::Lowerer;
use crate::check::Builtin;

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
    let name = format!(
        "{outer}.{}{}",
        if is_go { "gowrap" } else { "deferwrap" },
        wrap_n
    );
    let m = l.p.types.name_id(method);
    let regs = nparams + 1 + 8;
    let code = vec![
        Instr::CallMethod {
            recv: Reg(0),
            method: m,
            args: Reg(1),
            dst: Reg(nparams + 1),
        },
        Instr::Return {
            src: Reg(0),
            count: 0,
        },
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
pub(super) fn bound_thunk(
    l: &mut Lowerer<'_>,
    target: Target,
    np: u16,
    results: Vec<RT>,
    name: &str,
) -> FuncId {
    let nres = results.len() as u16;
    let cap = Reg(np);
    let mut code = vec![Instr::Capture { dst: cap, index: 0 }];
    let regs;
    let dst;
    match target {
        Target::Static(func) => {
            let args = Reg(np + 1);
            code.push(Instr::Move {
                dst: args,
                src: cap,
            });
            for i in 0..np {
                code.push(Instr::Move {
                    dst: Reg(np + 2 + i),
                    src: Reg(i),
                });
            }
            dst = Reg(np + 2 + np);
            code.push(Instr::Call { func, args, dst });
            regs = dst.0 + nres.max(1);
        }
        Target::Iface(m) => {
            let m = l.p.types.name_id(&m);
            dst = Reg(np + 1);
            code.push(Instr::CallMethod {
                recv: cap,
                method: m,
                args: Reg(0),
                dst,
            });
            regs = dst.0 + nres.max(1) + np;
        }
    }
    code.push(Instr::Return {
        src: dst,
        count: nres,
    });
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
pub(super) fn builtin_thunk(
    l: &mut Lowerer<'_>,
    b: Builtin,
    rts: &[RT],
    name: &str,
    span: SourceSpan,
) -> FuncId {
    let n = rts.len() as u16;
    let mut code = Vec::new();
    match b {
        Builtin::Close => code.push(Instr::Runtime {
            op: RtCode::ChanClose,
            args: Reg(0),
            dst: Reg(0),
            ty: rts[0],
        }),
        Builtin::Panic => code.push(Instr::Panic { src: Reg(0) }),
        _ => {
            for (i, t) in rts.iter().enumerate() {
                if l.p.types.is_interface(*t) {
                    code.push(Instr::Move {
                        dst: Reg(n + i as u16),
                        src: Reg(i as u16),
                    });
                } else {
                    code.push(Instr::MakeIface {
                        dst: Reg(n + i as u16),
                        src: Reg(i as u16),
                        ty: *t,
                    });
                }
            }
            let form = if b == Builtin::Print {
                PrintForm::Print
            } else {
                PrintForm::Println
            };
            code.push(Instr::Print {
                form,
                args: Reg(n),
                count: n,
            });
        }
    }
    code.push(Instr::Return {
        src: Reg(0),
        count: 0,
    });
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

/// `errors.isComparable(v any) bool` in terms of the machine: compare `v` with itself under a deferred
/// `recover()`; comparing an uncomparable dynamic type panics, the panic is recovered and the function
/// returns its zero result (false).
pub(super) fn is_comparable_helper(l: &mut Lowerer<'_>) -> FuncId {
    let name = "errors.isComparable";
    if let Some(i) = l.p.funcs.iter().position(|f| f.name == name) {
        return FuncId(i as u32);
    }
    let rec_code = vec![
        Instr::Recover { dst: Reg(0) },
        Instr::Return {
            src: Reg(0),
            count: 0,
        },
    ];
    let recoverer = Func {
        name: "errors.isComparable.func1".into(),
        params: 0,
        results: 0,
        regs: 1,
        result_types: vec![],
        recover_pc: None,
        spans: vec![SourceSpan::default(); rec_code.len()],
        code: rec_code,
        selects: vec![],
        locals: vec![],
    };
    l.p.funcs.push(recoverer);
    let rid = FuncId(l.p.funcs.len() as u32 - 1);
    let t = l.konst(runtime::program::Const::Bool(true));
    let code = vec![
        Instr::Func {
            dst: Reg(1),
            func: rid,
        },
        Instr::Defer {
            callee: Reg(1),
            args: Reg(2),
        },
        Instr::Eq {
            dst: Reg(2),
            lhs: Reg(0),
            rhs: Reg(0),
        },
        Instr::Const {
            dst: Reg(2),
            konst: t,
        },
        Instr::Return {
            src: Reg(2),
            count: 1,
        },
    ];
    let f = Func {
        name: name.into(),
        params: 1,
        results: 1,
        regs: 3,
        result_types: vec![runtime::types::builtin::BOOL],
        recover_pc: None,
        spans: vec![SourceSpan::default(); code.len()],
        code,
        selects: vec![],
        locals: vec![],
    };
    l.p.funcs.push(f);
    FuncId(l.p.funcs.len() as u32 - 1)
}
