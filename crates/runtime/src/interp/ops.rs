//! Operations on values used by the interpreter: slices and strings (indexing, `append`, `copy`, slice
//! expressions, rune decoding), integer and float arithmetic with Go's wrapping and division rules,
//! conversions, and the methods of builtin types (runtime/slice.go, runtime/string.go, the spec's
//! "Arithmetic operators" and "Conversions").

use super::*;

pub(super) fn unhashable(types: &Types, ty: TypeId) -> Trap {
    Trap::Panic(runtime_error(&format!(
        "hash of unhashable type {}",
        types.name(ty)
    )))
}

pub(super) fn as_ptr(v: &Value) -> Res<Ptr> {
    match v {
        Value::Ptr(p) => Ok(*p),
        _ => Err(nil_deref()),
    }
}

pub(super) fn array_info(types: &Types, ty: TypeId) -> Res<(TypeId, u32)> {
    match types.kind(ty) {
        TypeKind::Array { elem, len } => Ok((*elem, *len)),
        _ => Err(invalid("expected an array type")),
    }
}

/// Decodes one UTF-8 rune like Go's `decoderune`: invalid input gives (U+FFFD, 1).
pub fn decode_rune(s: &[u8]) -> (u32, usize) {
    if s.is_empty() {
        return (0xFFFD, 0);
    }
    let b0 = s[0];
    if b0 < 0x80 {
        return (b0 as u32, 1);
    }
    let (n, min, init) = match b0 {
        0xC2..=0xDF => (2, 0x80, (b0 & 0x1F) as u32),
        0xE0..=0xEF => (3, 0x800, (b0 & 0x0F) as u32),
        0xF0..=0xF4 => (4, 0x10000, (b0 & 0x07) as u32),
        _ => return (0xFFFD, 1),
    };
    if s.len() < n {
        return (0xFFFD, 1);
    }
    let mut r = init;
    for &b in &s[1..n] {
        if b & 0xC0 != 0x80 {
            return (0xFFFD, 1);
        }
        r = (r << 6) | (b & 0x3F) as u32;
    }
    if r < min || r > 0x10FFFF || (0xD800..=0xDFFF).contains(&r) {
        return (0xFFFD, 1);
    }
    (r, n)
}

/// Element location of `container[i]` for a slice or pointer-to-array `container` of type `ty`.
pub(super) fn elem_addr(
    heap: &Heap,
    types: &Types,
    container: &Value,
    i: i64,
    ty: TypeId,
) -> Res<(ObjId, u32, TypeId)> {
    match types.kind(ty) {
        TypeKind::Slice { elem } => {
            let (s, len) = match container {
                Value::Slice(s) => (Some(*s), s.len as usize),
                _ => (None, 0),
            };
            if i < 0 || i as usize >= len {
                return Err(index_error(i, len));
            }
            let s = s.expect("len > 0");
            Ok((s.obj, s.offset + i as u32 * types.slots(*elem), *elem))
        }
        TypeKind::Pointer { elem: arr } => {
            let (elem, len) = array_info(types, *arr)?;
            let p = as_ptr(container)?;
            if i < 0 || i >= len as i64 {
                return Err(index_error(i, len as usize));
            }
            let _ = heap;
            Ok((p.obj, p.slot + i as u32 * types.slots(elem), elem))
        }
        _ => Err(invalid("index of a non-indexable type")),
    }
}

/// The elements of a slice (or the bytes of a string) as values.
pub(super) fn slice_elems(heap: &Heap, types: &Types, v: &Value, elem: TypeId) -> Res<Vec<Value>> {
    match v {
        Value::Nil => Ok(Vec::new()),
        Value::Str(s) => Ok(s.as_bytes().iter().map(|b| Value::Int(*b as i64)).collect()),
        Value::Slice(s) => {
            let w = types.slots(elem);
            (0..s.len)
                .map(|i| load_slots(heap, types, s.obj, s.offset + i * w, elem))
                .collect()
        }
        _ => Err(invalid("expected a slice")),
    }
}

pub(super) fn alloc_slice(heap: &mut Heap, vals: Vec<Value>) -> Value {
    let n = vals.len() as u32;
    if n == 0 {
        return Value::Nil;
    }
    let obj = heap.alloc(Object::Slots(vals));
    Value::Slice(SliceRef {
        obj,
        offset: 0,
        len: n,
        cap: n,
    })
}

pub(super) fn alloc_slice_cap(
    heap: &mut Heap,
    types: &Types,
    vals: Vec<Value>,
    cap: usize,
    elem: TypeId,
) -> Value {
    let n = vals.len();
    let mut slots = Vec::with_capacity(cap.max(n) * types.slots(elem) as usize);
    for v in vals {
        flatten_into(types, elem, v, &mut slots);
    }
    for _ in n..cap {
        types.push_zero_slots(elem, &mut slots);
    }
    let obj = heap.alloc(Object::Slots(slots));
    Value::Slice(SliceRef {
        obj,
        offset: 0,
        len: n as u32,
        cap: cap.max(n) as u32,
    })
}

/// `append(s, vals...)` with Go's growth.
pub(crate) fn append_values(
    heap: &mut Heap,
    types: &Types,
    s: &Value,
    vals: Vec<Value>,
    ty: TypeId,
) -> Res<Value> {
    let elem = types
        .elem(ty)
        .ok_or_else(|| invalid("append to a non-slice"))?;
    let w = types.slots(elem);
    let old = match s {
        Value::Slice(r) => Some(*r),
        _ => None,
    };
    if vals.is_empty() {
        return Ok(s.clone());
    }
    let (len, cap) = old.map_or((0, 0), |r| (r.len, r.cap));
    let new_len = len as u64 + vals.len() as u64;
    if new_len <= cap as u64 {
        let r = old.expect("cap > 0");
        let slots = heap
            .slots_mut(r.obj)
            .ok_or_else(|| invalid("dangling slice"))?;
        let mut at = (r.offset + len * w) as usize;
        let wu = w as usize;
        for v in vals {
            let dst = slots
                .get_mut(at..at + wu)
                .ok_or_else(|| invalid("slice out of its backing array"))?;
            if types.is_aggregate(elem) {
                match v {
                    Value::Agg(a) if a.len() == wu => dst.clone_from_slice(&a),
                    _ => return Err(invalid("appending a value of the wrong size")),
                }
            } else if let Some(d) = dst.first_mut() {
                *d = v;
            }
            at += wu;
        }
        return Ok(Value::Slice(SliceRef {
            len: new_len as u32,
            ..r
        }));
    }
    let new_cap = grow_cap(
        new_len,
        cap as u64,
        types.go_size(elem),
        types.has_pointers(elem),
    );
    if new_cap.saturating_mul(w.max(1) as u64) > MAX_ALLOC_SLOTS {
        return Err(Trap::Limit(LimitReached::Allocation { requested: new_cap }));
    }
    let mut slots = Vec::with_capacity((new_cap * w as u64) as usize);
    if let Some(r) = old {
        let src = heap.slots(r.obj).ok_or_else(|| invalid("dangling slice"))?;
        let start = r.offset as usize;
        let old_slots = src
            .get(start..start + (len * w) as usize)
            .ok_or_else(|| invalid("slice out of its backing array"))?;
        slots.extend_from_slice(old_slots);
    }
    for v in vals {
        flatten_into(types, elem, v, &mut slots);
    }
    let mut zero = Vec::new();
    types.push_zero_slots(elem, &mut zero);
    for _ in new_len..new_cap {
        slots.extend_from_slice(&zero);
    }
    let obj = heap.alloc(Object::Slots(slots));
    Ok(Value::Slice(SliceRef {
        obj,
        offset: 0,
        len: new_len as u32,
        cap: new_cap as u32,
    }))
}

/// `copy(dst, src)`.
pub(super) fn copy_slices(
    heap: &mut Heap,
    types: &Types,
    dst: &Value,
    src: &Value,
    elem: TypeId,
) -> Res<usize> {
    let Value::Slice(d) = dst else { return Ok(0) };
    let w = types.slots(elem) as usize;
    let src_slots: Vec<Value> = match src {
        Value::Str(s) => s
            .as_bytes()
            .iter()
            .take(d.len as usize)
            .map(|b| Value::Int(*b as i64))
            .collect(),
        Value::Slice(s) => {
            let n = s.len.min(d.len) as usize;
            let slots = heap.slots(s.obj).ok_or_else(|| invalid("dangling slice"))?;
            slots
                .get(s.offset as usize..s.offset as usize + n * w)
                .ok_or_else(|| invalid("slice out of its backing array"))?
                .to_vec()
        }
        _ => Vec::new(),
    };
    let n = src_slots.len().checked_div(w).unwrap_or(0);
    let n = match src {
        Value::Slice(s) => s.len.min(d.len) as usize,
        _ => n,
    };
    let slots = heap
        .slots_mut(d.obj)
        .ok_or_else(|| invalid("dangling slice"))?;
    let at = d.offset as usize;
    slots
        .get_mut(at..at + src_slots.len())
        .ok_or_else(|| invalid("slice out of its backing array"))?
        .clone_from_slice(&src_slots);
    Ok(n)
}

/// A slice expression `src[lo:hi:max]` (see `Instr::Slice`).
pub(super) fn slice_expr(
    heap: &Heap,
    types: &Types,
    src: &Value,
    lo: Option<i64>,
    hi: Option<i64>,
    max: Option<i64>,
    ty: TypeId,
) -> Res<Value> {
    let neg = |x: i64| x < 0;
    match types.kind(ty) {
        TypeKind::String => {
            let s = src.as_str();
            let len = s.len() as i64;
            let h = hi.unwrap_or(len);
            let l = lo.unwrap_or(0);
            if neg(h) {
                return Err(bounds_error(format!("slice bounds out of range [:{h}]")));
            }
            if h > len {
                return Err(bounds_error(format!(
                    "slice bounds out of range [:{h}] with length {len}"
                )));
            }
            if neg(l) {
                return Err(bounds_error(format!("slice bounds out of range [{l}:]")));
            }
            if l > h {
                return Err(bounds_error(format!("slice bounds out of range [{l}:{h}]")));
            }
            Ok(Value::Str(GoStr::from_bytes(&s[l as usize..h as usize])))
        }
        kind => {
            let (r, len, cap, elem, cap_word) = match kind {
                TypeKind::Slice { elem } => match src {
                    Value::Slice(r) => (Some(*r), r.len as i64, r.cap as i64, *elem, "capacity"),
                    _ => (None, 0, 0, *elem, "capacity"),
                },
                TypeKind::Pointer { elem: arr } => {
                    let (elem, n) = array_info(types, *arr)?;
                    let p = as_ptr(src)?;
                    let r = SliceRef {
                        obj: p.obj,
                        offset: p.slot,
                        len: n,
                        cap: n,
                    };
                    (Some(r), n as i64, n as i64, elem, "length")
                }
                _ => return Err(invalid("slice of a non-sliceable type")),
            };
            let _ = heap;
            let l = lo.unwrap_or(0);
            let h = hi.unwrap_or(len);
            if let Some(m) = max {
                if neg(m) {
                    return Err(bounds_error(format!("slice bounds out of range [::{m}]")));
                }
                if m > cap {
                    return Err(bounds_error(format!(
                        "slice bounds out of range [::{m}] with {cap_word} {cap}"
                    )));
                }
                if neg(h) {
                    return Err(bounds_error(format!("slice bounds out of range [:{h}:]")));
                }
                if h > m {
                    return Err(bounds_error(format!(
                        "slice bounds out of range [:{h}:{m}]"
                    )));
                }
                if neg(l) {
                    return Err(bounds_error(format!("slice bounds out of range [{l}::]")));
                }
                if l > h {
                    return Err(bounds_error(format!(
                        "slice bounds out of range [{l}:{h}:]"
                    )));
                }
            } else {
                if neg(h) {
                    return Err(bounds_error(format!("slice bounds out of range [:{h}]")));
                }
                if h > cap {
                    return Err(bounds_error(format!(
                        "slice bounds out of range [:{h}] with {cap_word} {cap}"
                    )));
                }
                if neg(l) {
                    return Err(bounds_error(format!("slice bounds out of range [{l}:]")));
                }
                if l > h {
                    return Err(bounds_error(format!("slice bounds out of range [{l}:{h}]")));
                }
            }
            let m = max.unwrap_or(cap);
            match r {
                None => Ok(Value::Nil),
                Some(r) => {
                    let w = types.slots(elem);
                    Ok(Value::Slice(SliceRef {
                        obj: r.obj,
                        offset: r.offset + l as u32 * w,
                        len: (h - l) as u32,
                        cap: (m - l) as u32,
                    }))
                }
            }
        }
    }
}

/// Writes an int into a register without running the old value's destructor when it was an int too.
#[inline(always)]
pub(super) fn set_int(slot: &mut Value, v: i64) {
    match slot {
        Value::Int(x) => *x = v,
        other => *other = Value::Int(v),
    }
}

/// As [`set_int`] for a bool.
#[inline(always)]
pub(super) fn set_bool(slot: &mut Value, v: bool) {
    match slot {
        Value::Bool(x) => *x = v,
        other => *other = Value::Bool(v),
    }
}

/// `int` (64-bit) arithmetic that cannot trap: the hottest operators of loops.
#[inline(always)]
pub(super) fn int64_arith(op: BinOp, a: i64, b: i64) -> Option<i64> {
    Some(match op {
        BinOp::Add => a.wrapping_add(b),
        BinOp::Sub => a.wrapping_sub(b),
        BinOp::Mul => a.wrapping_mul(b),
        BinOp::Rem if b != 0 => a.wrapping_rem(b),
        BinOp::Div if b != 0 => a.wrapping_div(b),
        _ => return None,
    })
}

/// An integer comparison of `kind` (the op is one of the six comparisons; validated).
#[inline(always)]
pub(super) fn int_compare(op: BinOp, kind: NumKind, a: i64, b: i64) -> bool {
    #[inline(always)]
    fn compare<T: PartialOrd>(op: BinOp, a: T, b: T) -> bool {
        match op {
            BinOp::Eq => a == b,
            BinOp::Ne => a != b,
            BinOp::Lt => a < b,
            BinOp::Le => a <= b,
            BinOp::Gt => a > b,
            _ => a >= b,
        }
    }
    if kind.is_signed() {
        compare(op, a, b)
    } else {
        compare(op, a as u64, b as u64)
    }
}

/// The integer operators that cannot fail, inlined into the dispatch loop.
#[inline(always)]
pub(super) fn fast_int_binop(op: BinOp, kind: NumKind, a: i64, b: i64) -> Option<Value> {
    let signed = kind.is_signed();
    Some(match op {
        BinOp::Add => Value::Int(kind.wrap(a.wrapping_add(b))),
        BinOp::Sub => Value::Int(kind.wrap(a.wrapping_sub(b))),
        BinOp::Mul => Value::Int(kind.wrap(a.wrapping_mul(b))),
        BinOp::And => Value::Int(a & b),
        BinOp::Or => Value::Int(a | b),
        BinOp::Xor => Value::Int(kind.wrap(a ^ b)),
        // Division by zero traps (`int_binop`); `MIN / -1` wraps as in Go.
        BinOp::Div | BinOp::Rem if b != 0 => Value::Int(kind.wrap(int_div_rem(op, signed, a, b))),
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            Value::Bool(int_compare(op, kind, a, b))
        }
        _ => return None,
    })
}

/// `a / b` or `a % b` for a non-zero `b`, signed or unsigned; `MIN / -1` wraps as in Go.
#[inline(always)]
fn int_div_rem(op: BinOp, signed: bool, a: i64, b: i64) -> i64 {
    match (op, signed) {
        (BinOp::Div, true) => a.wrapping_div(b),
        (BinOp::Rem, true) => a.wrapping_rem(b),
        (BinOp::Div, false) => ((a as u64) / (b as u64)) as i64,
        _ => ((a as u64) % (b as u64)) as i64,
    }
}

/// Integer binary operators (see `Instr::Binary`).
#[inline]
pub(super) fn int_binop(op: BinOp, kind: NumKind, a: i64, b: i64) -> Res<Value> {
    let signed = kind.is_signed();
    let w = |v: i64| Value::Int(kind.wrap(v));
    Ok(match op {
        BinOp::Add => w(a.wrapping_add(b)),
        BinOp::Sub => w(a.wrapping_sub(b)),
        BinOp::Mul => w(a.wrapping_mul(b)),
        BinOp::Div | BinOp::Rem => {
            if b == 0 {
                return Err(Trap::Panic(runtime_error("integer divide by zero")));
            }
            w(int_div_rem(op, signed, a, b))
        }
        BinOp::And => w(a & b),
        BinOp::Or => w(a | b),
        BinOp::Xor => w(a ^ b),
        BinOp::AndNot => w(a & !b),
        BinOp::Shl | BinOp::Shr => {
            if b < 0 {
                return Err(Trap::Panic(runtime_error("negative shift amount")));
            }
            match op {
                BinOp::Shl => w(if b >= 64 { 0 } else { ((a as u64) << b) as i64 }),
                _ if signed => w(if b >= 64 { a >> 63 } else { a >> b }),
                _ => w(if b >= 64 { 0 } else { ((a as u64) >> b) as i64 }),
            }
        }
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            Value::Bool(int_compare(op, kind, a, b))
        }
    })
}

/// Float, string and bool binary operators.
pub(super) fn other_binop(op: BinOp, kind: NumKind, a: &Value, b: &Value) -> Res<Value> {
    if kind.is_float() {
        let (x, y) = (a.as_float(), b.as_float());
        let round = |v: f64| {
            if kind == NumKind::F32 {
                v as f32 as f64
            } else {
                v
            }
        };
        return Ok(match op {
            BinOp::Add => Value::Float(F64(round(x + y))),
            BinOp::Sub => Value::Float(F64(round(x - y))),
            BinOp::Mul => Value::Float(F64(round(x * y))),
            BinOp::Div => Value::Float(F64(round(x / y))),
            BinOp::Eq => Value::Bool(x == y),
            BinOp::Ne => Value::Bool(x != y),
            BinOp::Lt => Value::Bool(x < y),
            BinOp::Le => Value::Bool(x <= y),
            BinOp::Gt => Value::Bool(x > y),
            BinOp::Ge => Value::Bool(x >= y),
            _ => return Err(invalid("bitwise operator on floats")),
        });
    }
    if kind == NumKind::Str {
        let (x, y) = (a.as_str(), b.as_str());
        return Ok(match op {
            BinOp::Add if x.len() + y.len() > MAX_STRING_BYTES => {
                return Err(Trap::Limit(LimitReached::Allocation {
                    requested: (x.len() + y.len()) as u64,
                }))
            }
            BinOp::Add => {
                if x.is_empty() {
                    b.clone()
                } else if y.is_empty() {
                    a.clone()
                } else {
                    let mut v = Vec::with_capacity(x.len() + y.len());
                    v.extend_from_slice(x);
                    v.extend_from_slice(y);
                    Value::Str(GoStr::from_vec(v))
                }
            }
            BinOp::Eq => Value::Bool(x == y),
            BinOp::Ne => Value::Bool(x != y),
            BinOp::Lt => Value::Bool(x < y),
            BinOp::Le => Value::Bool(x <= y),
            BinOp::Gt => Value::Bool(x > y),
            BinOp::Ge => Value::Bool(x >= y),
            _ => return Err(invalid("arithmetic operator on strings")),
        });
    }
    if kind == NumKind::Bool {
        return Ok(match op {
            BinOp::Eq => Value::Bool(a.as_bool() == b.as_bool()),
            BinOp::Ne => Value::Bool(a.as_bool() != b.as_bool()),
            _ => return Err(invalid("operator on bools")),
        });
    }
    // Integer kinds with non-integer operands: only after a compiler bug.
    int_binop(op, kind, a.as_int(), b.as_int())
}

pub(super) fn unop(op: UnOp, kind: NumKind, v: &Value) -> Value {
    match op {
        UnOp::Not => Value::Bool(!v.as_bool()),
        UnOp::Neg if kind.is_float() => Value::Float(F64(-v.as_float())),
        UnOp::Neg => Value::Int(kind.wrap(v.as_int().wrapping_neg())),
        UnOp::BitNot => Value::Int(kind.wrap(!v.as_int())),
    }
}

/// amd64's float->int64 conversion (CVTTSD2SQ): NaN and out-of-range give i64::MIN.
pub(super) fn f64_to_i64(f: f64) -> i64 {
    // 2^63 as f64; every f64 in [-2^63, 2^63) converts exactly by truncation.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if f.is_nan() || !(-TWO_63..TWO_63).contains(&f) {
        i64::MIN
    } else {
        f as i64
    }
}

/// Numeric conversion (see `Instr::Convert`).
pub fn convert(v: &Value, from: NumKind, to: NumKind) -> Value {
    if from.is_int() && to.is_int() {
        return Value::Int(to.wrap(v.as_int()));
    }
    if from.is_int() && to.is_float() {
        let i = v.as_int();
        let f = if from.is_signed() {
            i as f64
        } else {
            (i as u64) as f64
        };
        return Value::Float(F64(if to == NumKind::F32 {
            f as f32 as f64
        } else {
            f
        }));
    }
    if from.is_float() && to.is_float() {
        let f = v.as_float();
        return Value::Float(F64(if to == NumKind::F32 {
            f as f32 as f64
        } else {
            f
        }));
    }
    if from.is_float() && to.is_int() {
        let f = v.as_float();
        let i = match to {
            NumKind::U64 | NumKind::Uint | NumKind::Uintptr => {
                const TWO_63: f64 = 9_223_372_036_854_775_808.0;
                if f < TWO_63 {
                    f64_to_i64(f)
                } else {
                    f64_to_i64(f - TWO_63) ^ i64::MIN
                }
            }
            _ => f64_to_i64(f),
        };
        return Value::Int(to.wrap(i));
    }
    v.clone()
}

/// Runs a runtime-implemented method.
pub(super) fn call_builtin_method(
    b: BuiltinMethod,
    recv: &Value,
    types: &Types,
    heap: &Heap,
) -> Res<Value> {
    let field = |i: u32| -> Res<Value> {
        match recv {
            Value::Ptr(p) => heap
                .slot(Ptr {
                    obj: p.obj,
                    slot: p.slot + i,
                })
                .cloned()
                .ok_or_else(|| invalid("bad error value")),
            _ => Err(nil_deref()),
        }
    };
    Ok(match b {
        BuiltinMethod::RuntimeErrorError => {
            let mut v = b"runtime error: ".to_vec();
            v.extend_from_slice(recv.as_str());
            Value::Str(GoStr::from_vec(v))
        }
        BuiltinMethod::PlainErrorError => recv.clone(),
        BuiltinMethod::FirstFieldError => field(0)?,
        BuiltinMethod::WrapErrorUnwrap => field(1)?,
        BuiltinMethod::WrapErrorsUnwrap => {
            let idx = if matches!(recv, Value::Ptr(_)) && field(1).is_ok() {
                1
            } else {
                0
            };
            field(idx)?
        }
        BuiltinMethod::JoinErrorError => {
            let errs = slice_elems(heap, types, &field(0)?, builtin::ERROR)?;
            let msgs: Vec<String> = errs
                .iter()
                .map(|e| crate::fmt::error_text_builtin(e, types, heap))
                .collect();
            Value::Str(GoStr::from(msgs.join("\n")))
        }
        BuiltinMethod::NumErrorError => {
            let func = field(0)?;
            let num = field(1)?;
            let err = field(2)?;
            Value::Str(GoStr::from(format!(
                "strconv.{}: parsing {}: {}",
                String::from_utf8_lossy(func.as_str()),
                crate::fmt::quote(num.as_str()),
                crate::fmt::error_text_builtin(&err, types, heap)
            )))
        }
        BuiltinMethod::NumErrorUnwrap => field(2)?,
        BuiltinMethod::DurationString => {
            Value::Str(GoStr::from(crate::fmt::duration_string(recv.as_int())))
        }
        BuiltinMethod::RuntimeErrorMarker => Value::Nil,
    })
}
