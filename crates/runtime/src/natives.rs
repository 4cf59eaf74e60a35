//! Native library functions callable by `Instr::CallNative`: pure functions of the Go standard library
//! (strings, strconv, math, unicode/utf8, errors, time helpers) that need no scheduler state and call no Go code.
//!
//! Invariants:
//! - Every native has a fixed arity and result count (variadic Go parameters arrive as one slice).
//! - A native never panics in Rust: Go-level failures are returned as `NativeError::Panic(value)`.

use crate::heap::{Heap, Object, ERR_RANGE, ERR_SYNTAX};
use crate::types::{builtin, Types};
use crate::value::{GoStr, Ptr, SliceRef, Value, F64};

/// What a native can touch.
pub struct NativeCtx<'a> {
    /// The heap (slices, maps, pointers).
    pub heap: &'a mut Heap,
    /// The type table.
    pub types: &'a Types,
}

/// A Go-level failure of a native.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NativeError {
    /// Go panics with this value (an interface value).
    Panic(Value),
    /// A host limit of the model.
    Limit(crate::interp::LimitReached),
    /// The arguments do not have the types the native expects (a compiler bug).
    Invalid(String),
}

impl From<crate::interp::Trap> for NativeError {
    fn from(t: crate::interp::Trap) -> NativeError {
        match t {
            crate::interp::Trap::Panic(v) => NativeError::Panic(v),
            crate::interp::Trap::Limit(l) => NativeError::Limit(l),
            crate::interp::Trap::Fatal(f) => NativeError::Invalid(f.message),
        }
    }
}

/// A native function: reads `args`, writes `results` (pre-sized to `Native::results`).
pub type NativeFn = fn(&mut NativeCtx<'_>, &[Value], &mut [Value]) -> Result<(), NativeError>;

/// A table entry.
#[derive(Clone, Copy)]
pub struct Native {
    /// Go name, e.g. "strings.Contains".
    pub name: &'static str,
    /// Number of arguments.
    pub arity: usize,
    /// Number of results.
    pub results: usize,
    /// The implementation.
    pub func: NativeFn,
}

impl std::fmt::Debug for Native {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Native({})", self.name)
    }
}

/// Looks a native up by name.
pub fn lookup(name: &str) -> Option<&'static Native> {
    TABLE.iter().find(|n| n.name == name)
}

/// All natives.
pub fn all() -> &'static [Native] {
    TABLE
}

impl NativeCtx<'_> {
    /// The elements of a slice of scalars (strings, ints, floats...), or the empty list for nil.
    pub fn elems(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::Slice(s) => self
                .heap
                .slots(s.obj)
                .and_then(|slots| slots.get(s.offset as usize..(s.offset + s.len) as usize))
                .map(|r| r.to_vec())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// A new slice of scalars (len == cap); nil for no elements.
    pub fn new_slice(&mut self, vals: Vec<Value>) -> Value {
        let n = vals.len() as u32;
        if n == 0 {
            return Value::Nil;
        }
        let obj = self.heap.alloc(Object::Slots(vals));
        Value::Slice(SliceRef {
            obj,
            offset: 0,
            len: n,
            cap: n,
        })
    }

    /// Writes back the elements of a slice of scalars (in-place algorithms such as sorting).
    pub fn set_elems(&mut self, v: &Value, vals: Vec<Value>) {
        if let Value::Slice(s) = v {
            if let Some(slots) = self.heap.slots_mut(s.obj) {
                for (i, x) in vals.into_iter().enumerate().take(s.len as usize) {
                    if let Some(slot) = slots.get_mut(s.offset as usize + i) {
                        *slot = x;
                    }
                }
            }
        }
    }

    /// An `error` value `*errors.errorString` with this message (a new pointer, as errors.New makes).
    pub fn new_error(&mut self, msg: &str) -> Value {
        let obj = self.heap.alloc(Object::Slots(vec![Value::str(msg)]));
        Value::iface(
            builtin::PTR_ERRORS_ERROR_STRING,
            Value::Ptr(Ptr { obj, slot: 0 }),
        )
    }

    /// A `*strconv.NumError` error value.
    fn num_error(&mut self, func: &str, num: &[u8], range: bool) -> Value {
        let sentinel = if range { ERR_RANGE } else { ERR_SYNTAX };
        let err = Value::iface(
            builtin::PTR_ERRORS_ERROR_STRING,
            Value::Ptr(Ptr {
                obj: sentinel,
                slot: 0,
            }),
        );
        let obj = self.heap.alloc(Object::Slots(vec![
            Value::str(func),
            Value::Str(GoStr::from_bytes(num)),
            err,
        ]));
        Value::iface(
            builtin::PTR_STRCONV_NUM_ERROR,
            Value::Ptr(Ptr { obj, slot: 0 }),
        )
    }
}

/// `append(slice, bytes...)` for a `[]byte` with Go's growth.
fn append_bytes(c: &mut NativeCtx<'_>, slice: &Value, bytes: &[u8]) -> Result<Value, NativeError> {
    let vals = bytes.iter().map(|b| Value::Int(*b as i64)).collect();
    Ok(crate::interp::append_values(
        c.heap,
        c.types,
        slice,
        vals,
        builtin::SLICE_BYTE,
    )?)
}

/// The bytes of a `[]byte` value.
fn bytes_of(c: &NativeCtx<'_>, v: &Value) -> Vec<u8> {
    c.elems(v).iter().map(|b| b.as_int() as u8).collect()
}

/// The pointer inside a `*T` argument (nil dereference panics as Go would).
fn ptr_arg(v: &Value) -> Result<Ptr, NativeError> {
    match v {
        Value::Ptr(p) => Ok(*p),
        _ => Err(NativeError::Panic(crate::interp::runtime_error(
            crate::interp::NIL_DEREF,
        ))),
    }
}

/// Field `i` (a scalar slot) of the struct a pointer points to.
fn field(c: &NativeCtx<'_>, p: Ptr, i: u32) -> Value {
    c.heap
        .slot(Ptr {
            obj: p.obj,
            slot: p.slot + i,
        })
        .cloned()
        .unwrap_or_default()
}

fn set_field(c: &mut NativeCtx<'_>, p: Ptr, i: u32, v: Value) {
    c.heap.set_slot(
        Ptr {
            obj: p.obj,
            slot: p.slot + i,
        },
        v,
    );
}

fn utf8_encode(r: i64) -> Vec<u8> {
    let mut out = Vec::new();
    push_rune(
        &mut out,
        if (0..=0x10FFFF).contains(&r) {
            r as u32
        } else {
            0xFFFD
        },
    );
    out
}

fn bounds_panic(msg: String) -> NativeError {
    NativeError::Panic(Value::iface(
        builtin::RUNTIME_BOUNDS_ERROR,
        Value::str(&msg),
    ))
}

/// time.ParseDuration.
fn parse_duration(text: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(text).ok()?;
    let (neg, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_end == 0 {
            return None;
        }
        let num: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..unit_end] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[unit_end..];
        total += num * unit;
    }
    if total >= 9_223_372_036_854_775_808.0 {
        return None;
    }
    let v = total.round() as i64;
    Some(if neg { -v } else { v })
}

fn s(v: &Value) -> &[u8] {
    v.as_str()
}

fn string(b: Vec<u8>) -> Value {
    Value::Str(GoStr::from_vec(b))
}

fn boolean(b: bool) -> Value {
    Value::Bool(b)
}

fn index_of(hay: &[u8], needle: &[u8]) -> i64 {
    if needle.is_empty() {
        return 0;
    }
    hay.windows(needle.len())
        .position(|w| w == needle)
        .map_or(-1, |i| i as i64)
}

fn last_index_of(hay: &[u8], needle: &[u8]) -> i64 {
    if needle.is_empty() {
        return hay.len() as i64;
    }
    hay.windows(needle.len())
        .rposition(|w| w == needle)
        .map_or(-1, |i| i as i64)
}

fn runes(b: &[u8]) -> Vec<(u32, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (r, w) = crate::interp::decode_rune(&b[i..]);
        let w = w.max(1);
        out.push((r, i, w));
        i += w;
    }
    out
}

fn push_rune(out: &mut Vec<u8>, r: u32) {
    let c = char::from_u32(r).unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// strings.Map with a rune mapping: like Go, each invalid UTF-8 byte is mapped as U+FFFD
/// (so it comes out as the three bytes of U+FFFD, not as the original byte).
fn map_runes(b: &[u8], mut f: impl FnMut(char) -> char) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for (r, _, _) in runes(b) {
        push_rune(&mut out, f(char::from_u32(r).unwrap_or('\u{FFFD}')) as u32);
    }
    out
}

/// Letters that gained a case mapping after Unicode 15.0 (the tables of Go 1.23): no case in Go.
fn cased_after_unicode_15(c: char) -> bool {
    matches!(c as u32, 0x19B | 0x264 | 0x1C89..=0x1C8A | 0xA7CB..=0xA7CF | 0xA7D2..=0xA7D5
        | 0xA7DA..=0xA7DC | 0x10D50..=0x10D65 | 0x10D70..=0x10D85 | 0x16EA0..=0x16EB8
        | 0x16EBB..=0x16ED3)
}

/// unicode.ToUpper: the simple (one rune) case mapping. Rust's `to_uppercase` is the full
/// mapping ('ß' -> "SS"); where that has several runes Go keeps the rune, except the Greek
/// letters with ypogegrammeni, whose simple uppercase is their titlecase form.
/// Checked equal to Go 1.23 on every rune.
fn go_to_upper(c: char) -> char {
    if cased_after_unicode_15(c) {
        return c;
    }
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => match c as u32 {
            0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => {
                char::from_u32(c as u32 + 8).unwrap_or(c)
            }
            0x1FB3 | 0x1FC3 | 0x1FF3 => char::from_u32(c as u32 + 9).unwrap_or(c),
            _ => c,
        },
    }
}

/// unicode.ToLower (simple mapping; 'İ' -> 'i'). Checked equal to Go 1.23 on every rune.
fn go_to_lower(c: char) -> char {
    if cased_after_unicode_15(c) {
        return c;
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        (Some(l), Some(_)) if c == '\u{130}' => l,
        _ => c,
    }
}

/// unicode.ToTitle: as ToUpper except the Latin digraphs (Ǆ ǆ -> ǅ) and Georgian Mkhedruli
/// (its own title case). Checked equal to Go 1.23 on every rune.
fn go_to_title(c: char) -> char {
    match c as u32 {
        0x10D0..=0x10FA | 0x10FD..=0x10FF => c,
        0x1C4..=0x1C6 => '\u{1C5}',
        0x1C7..=0x1C9 => '\u{1C8}',
        0x1CA..=0x1CC => '\u{1CB}',
        0x1F1..=0x1F3 => '\u{1F2}',
        _ => go_to_upper(c),
    }
}

fn is_go_space(r: u32) -> bool {
    matches!(r, 0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

fn split(hay: &[u8], sep: &[u8], n: i64) -> Vec<Value> {
    if n == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    if sep.is_empty() {
        // Split into UTF-8 sequences.
        let rs = runes(hay);
        let limit = if n < 0 {
            rs.len()
        } else {
            (n as usize).min(rs.len())
        };
        for (k, (_, i, w)) in rs.iter().enumerate() {
            if k + 1 == limit && limit < rs.len() {
                out.push(Value::Str(GoStr::from_bytes(&hay[*i..])));
                break;
            }
            out.push(Value::Str(GoStr::from_bytes(&hay[*i..i + w])));
        }
        return out;
    }
    let mut rest = hay;
    while n < 0 || (out.len() as i64) < n - 1 {
        let i = index_of(rest, sep);
        if i < 0 {
            break;
        }
        out.push(Value::Str(GoStr::from_bytes(&rest[..i as usize])));
        rest = &rest[i as usize + sep.len()..];
    }
    out.push(Value::Str(GoStr::from_bytes(rest)));
    out
}

fn trim_set(b: &[u8], set: &[u8], left: bool, right: bool) -> Vec<u8> {
    let cut: Vec<u32> = runes(set).iter().map(|r| r.0).collect();
    let rs = runes(b);
    let mut start = 0;
    let mut end = rs.len();
    if left {
        while start < end && cut.contains(&rs[start].0) {
            start += 1;
        }
    }
    if right {
        while end > start && cut.contains(&rs[end - 1].0) {
            end -= 1;
        }
    }
    if start >= end {
        return Vec::new();
    }
    b[rs[start].1..rs[end - 1].1 + rs[end - 1].2].to_vec()
}

fn trim_space(b: &[u8]) -> Vec<u8> {
    let rs = runes(b);
    let mut start = 0;
    let mut end = rs.len();
    while start < end && is_go_space(rs[start].0) {
        start += 1;
    }
    while end > start && is_go_space(rs[end - 1].0) {
        end -= 1;
    }
    if start >= end {
        return Vec::new();
    }
    b[rs[start].1..rs[end - 1].1 + rs[end - 1].2].to_vec()
}

/// Go's strconv.ParseInt core: returns (value, error kind).
/// strconv.ParseFloat's syntax (atof.go `readFloat`): Rust's decimal syntax plus underscores between
/// digits (`underscoreOK`) and hexadecimal mantissas with a binary exponent (`0x1.8p-3`).
fn parse_go_float(text: &str) -> Option<f64> {
    let cleaned;
    let text = if text.contains('_') {
        if !underscore_ok(text) {
            return None;
        }
        cleaned = text.replace('_', "");
        cleaned.as_str()
    } else {
        text
    };
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let hex = body.len() > 2 && (body.starts_with("0x") || body.starts_with("0X"));
    if !hex {
        // Rust accepts what Go does here, except a sign after the sign: "+-1".
        if body.starts_with(['+', '-']) {
            return None;
        }
        return text.parse::<f64>().ok();
    }
    let body = &body[2..];
    let p = body.find(['p', 'P'])?;
    let (mant, exp) = (&body[..p], &body[p + 1..]);
    let exp: i64 = match exp.as_bytes().first() {
        Some(b'+') if exp.len() > 1 && exp[1..].bytes().all(|c| c.is_ascii_digit()) => {
            exp[1..].parse().unwrap_or(i64::MAX / 4)
        }
        Some(b'-') if exp.len() > 1 && exp[1..].bytes().all(|c| c.is_ascii_digit()) => {
            -exp[1..].parse().unwrap_or(i64::MAX / 4)
        }
        Some(c) if c.is_ascii_digit() && exp.bytes().all(|c| c.is_ascii_digit()) => {
            exp.parse().unwrap_or(i64::MAX / 4)
        }
        _ => return None,
    };
    let (mut m, mut scale, mut digits, mut point, mut sticky) = (0u64, exp, 0, false, false);
    for c in mant.bytes() {
        if c == b'.' {
            if point {
                return None;
            }
            point = true;
            continue;
        }
        let d = (c as char).to_digit(16)? as u64;
        digits += 1;
        if m >> 60 == 0 {
            m = m * 16 + d;
            if point {
                scale -= 4;
            }
        } else {
            sticky |= d != 0;
            if !point {
                scale += 4;
            }
        }
    }
    if digits == 0 {
        return None;
    }
    let m = m | u64::from(sticky);
    // Two factors, so that 2^scale itself never overflows or underflows before the product rounds.
    let scale = scale.clamp(-2000, 2000) as i32;
    let v = (m as f64) * 2f64.powi(scale / 2) * 2f64.powi(scale - scale / 2);
    Some(if neg { -v } else { v })
}

/// strconv's `underscoreOK`: underscores only between digits (or after a base prefix).
fn underscore_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let b = match b.first() {
        Some(b'+' | b'-') => &b[1..],
        _ => b,
    };
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1].eq_ignore_ascii_case(&b'x');
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

fn parse_int(sv: &[u8], base: i64, bits: i64) -> Result<i64, (i64, bool)> {
    let bits = if bits == 0 { 64 } else { bits.clamp(1, 64) };
    let (neg, body) = match sv.first() {
        Some(b'-') => (true, &sv[1..]),
        Some(b'+') => (false, &sv[1..]),
        _ => (false, sv),
    };
    let cutoff = 1u64 << (bits - 1);
    let u = match parse_uint(body, base, 64) {
        Ok(u) => u,
        Err((_, true)) => {
            return Err((
                if neg {
                    (-(cutoff as i128)) as i64
                } else {
                    (cutoff - 1) as i64
                },
                true,
            ))
        }
        Err((_, false)) => return Err((0, false)),
    };
    if !neg && u >= cutoff {
        return Err(((cutoff - 1) as i64, true));
    }
    if neg && u > cutoff {
        return Err((-(cutoff as i128) as i64, true));
    }
    Ok(if neg {
        (u as i64).wrapping_neg()
    } else {
        u as i64
    })
}

fn parse_uint(sv: &[u8], base: i64, bits: i64) -> Result<u64, (u64, bool)> {
    if sv.is_empty() {
        return Err((0, false));
    }
    let base0 = base == 0;
    let mut s = sv;
    let mut base = base as u32;
    if base0 {
        base = 10;
        if s[0] == b'0' {
            if s.len() >= 3 && matches!(s[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
                base = match s[1].to_ascii_lowercase() {
                    b'b' => 2,
                    b'o' => 8,
                    _ => 16,
                };
                s = &s[2..];
            } else {
                base = 8;
                s = &s[1..];
                if s.is_empty() {
                    return Ok(0);
                }
            }
        }
    } else if !(2..=36).contains(&base) {
        return Err((0, false));
    }
    let max: u64 = if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let mut n: u64 = 0;
    let mut range = false;
    for &c in s {
        if c == b'_' && base0 {
            continue;
        }
        let d = match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'a'..=b'z' => (c - b'a') as u32 + 10,
            b'A'..=b'Z' => (c - b'A') as u32 + 10,
            _ => return Err((0, false)),
        };
        if d >= base {
            return Err((0, false));
        }
        match n
            .checked_mul(base as u64)
            .and_then(|v| v.checked_add(d as u64))
        {
            Some(v) if v <= max => n = v,
            _ => {
                range = true;
                n = max;
            }
        }
    }
    if range {
        return Err((max, true));
    }
    Ok(n)
}

fn float_arg(v: &Value) -> f64 {
    v.as_float()
}

fn fl(v: f64) -> Value {
    Value::Float(F64(v))
}

macro_rules! native {
    ($name:literal, $arity:literal, $results:literal, |$ctx:ident, $a:ident, $out:ident| $body:block) => {
        Native {
            name: $name,
            arity: $arity,
            results: $results,
            func: {
                #[allow(unused_variables, unused_mut)]
                fn f($ctx: &mut NativeCtx<'_>, $a: &[Value], $out: &mut [Value]) -> Result<(), NativeError> {
                    $body
                    #[allow(unreachable_code)]
                    Ok(())
                }
                f
            },
        }
    };
}

macro_rules! math1 {
    ($name:literal, $f:expr) => {
        native!($name, 1, 1, |c, a, o| {
            let f: fn(f64) -> f64 = $f;
            o[0] = fl(f(float_arg(&a[0])));
        })
    };
}

macro_rules! math2 {
    ($name:literal, $f:expr) => {
        native!($name, 2, 1, |c, a, o| {
            let f: fn(f64, f64) -> f64 = $f;
            o[0] = fl(f(float_arg(&a[0]), float_arg(&a[1])));
        })
    };
}

macro_rules! rune_pred {
    ($name:literal, $f:expr) => {
        native!($name, 1, 1, |c, a, o| {
            let f: fn(char) -> bool = $f;
            o[0] = boolean(
                u32::try_from(a[0].as_int())
                    .ok()
                    .and_then(char::from_u32)
                    .is_some_and(f),
            );
        })
    };
}

/// Go's math.Max/Min special cases.
fn go_max(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x > 0.0 || y.is_infinite() && y > 0.0 {
        return f64::INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { y } else { x };
    }
    x.max(y)
}

fn go_min(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x < 0.0 || y.is_infinite() && y < 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { x } else { y };
    }
    x.min(y)
}

fn cmp_values(x: &Value, y: &Value) -> std::cmp::Ordering {
    match (x, y) {
        (Value::Int(a), Value::Int(b)) => a.cmp(b),
        (Value::Float(a), Value::Float(b)) => match (a.0.is_nan(), b.0.is_nan()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
            _ => a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal),
        },
        (Value::Str(a), Value::Str(b)) => a.as_bytes().cmp(b.as_bytes()),
        _ => std::cmp::Ordering::Equal,
    }
}

static TABLE: &[Native] = &[
    // --- strings ---
    native!("strings.Contains", 2, 1, |c, a, o| {
        o[0] = boolean(index_of(s(&a[0]), s(&a[1])) >= 0);
    }),
    native!("strings.ContainsRune", 2, 1, |c, a, o| {
        let r = a[1].as_int();
        o[0] = boolean(runes(s(&a[0])).iter().any(|x| x.0 as i64 == r));
    }),
    native!("strings.ContainsAny", 2, 1, |c, a, o| {
        let set: Vec<u32> = runes(s(&a[1])).iter().map(|r| r.0).collect();
        o[0] = boolean(runes(s(&a[0])).iter().any(|x| set.contains(&x.0)));
    }),
    native!("strings.HasPrefix", 2, 1, |c, a, o| {
        o[0] = boolean(s(&a[0]).starts_with(s(&a[1])));
    }),
    native!("strings.HasSuffix", 2, 1, |c, a, o| {
        o[0] = boolean(s(&a[0]).ends_with(s(&a[1])));
    }),
    native!("strings.Index", 2, 1, |c, a, o| {
        o[0] = Value::Int(index_of(s(&a[0]), s(&a[1])));
    }),
    native!("strings.LastIndex", 2, 1, |c, a, o| {
        o[0] = Value::Int(last_index_of(s(&a[0]), s(&a[1])));
    }),
    native!("strings.IndexByte", 2, 1, |c, a, o| {
        let b = a[1].as_int() as u8;
        o[0] = Value::Int(
            s(&a[0])
                .iter()
                .position(|x| *x == b)
                .map_or(-1, |i| i as i64),
        );
    }),
    native!("strings.IndexRune", 2, 1, |c, a, o| {
        let r = a[1].as_int();
        o[0] = Value::Int(
            runes(s(&a[0]))
                .iter()
                .find(|x| x.0 as i64 == r)
                .map_or(-1, |x| x.1 as i64),
        );
    }),
    native!("strings.IndexAny", 2, 1, |c, a, o| {
        let set: Vec<u32> = runes(s(&a[1])).iter().map(|r| r.0).collect();
        o[0] = Value::Int(
            runes(s(&a[0]))
                .iter()
                .find(|x| set.contains(&x.0))
                .map_or(-1, |x| x.1 as i64),
        );
    }),
    native!("strings.Split", 2, 1, |c, a, o| {
        let parts = split(s(&a[0]), s(&a[1]), -1);
        o[0] = c.new_slice(parts);
    }),
    native!("strings.SplitN", 3, 1, |c, a, o| {
        let parts = split(s(&a[0]), s(&a[1]), a[2].as_int());
        o[0] = c.new_slice(parts);
    }),
    native!("strings.Join", 2, 1, |c, a, o| {
        let parts = c.elems(&a[0]);
        let sep = s(&a[1]);
        let mut out = Vec::new();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            out.extend_from_slice(p.as_str());
        }
        o[0] = string(out);
    }),
    native!("strings.Repeat", 2, 1, |c, a, o| {
        let n = a[1].as_int();
        if n < 0 {
            return Err(NativeError::Panic(Value::iface(
                builtin::STRING,
                Value::str("strings: negative Repeat count"),
            )));
        }
        let total = (s(&a[0]).len() as u64).saturating_mul(n as u64);
        if total > crate::interp::MAX_STRING_BYTES as u64 {
            return Err(NativeError::Panic(Value::iface(
                builtin::STRING,
                Value::str("strings: Repeat output length overflow"),
            )));
        }
        o[0] = string(s(&a[0]).repeat(n as usize));
    }),
    native!("strings.Replace", 4, 1, |c, a, o| {
        let (hay, old, new, n) = (s(&a[0]), s(&a[1]), s(&a[2]), a[3].as_int());
        o[0] = string(replace(hay, old, new, n));
    }),
    native!("strings.ReplaceAll", 3, 1, |c, a, o| {
        o[0] = string(replace(s(&a[0]), s(&a[1]), s(&a[2]), -1));
    }),
    native!("strings.ToUpper", 1, 1, |c, a, o| {
        o[0] = string(map_runes(s(&a[0]), go_to_upper));
    }),
    native!("strings.ToLower", 1, 1, |c, a, o| {
        o[0] = string(map_runes(s(&a[0]), go_to_lower));
    }),
    native!("strings.Title", 1, 1, |c, a, o| {
        // strings/strings.go Title: a rune after a separator is title-cased. For non-ASCII
        // runes Go's isSeparator is `!(IsLetter || IsDigit) && IsSpace`, i.e. IsSpace.
        let is_separator = |r: char| {
            if r.is_ascii() {
                !(r.is_ascii_alphanumeric() || r == '_')
            } else {
                is_go_space(r as u32)
            }
        };
        let mut prev = ' ';
        o[0] = string(map_runes(s(&a[0]), |r| {
            let title = is_separator(prev);
            prev = r;
            if title {
                go_to_title(r)
            } else {
                r
            }
        }));
    }),
    native!("strings.TrimSpace", 1, 1, |c, a, o| {
        o[0] = string(trim_space(s(&a[0])));
    }),
    native!("strings.Trim", 2, 1, |c, a, o| {
        o[0] = string(trim_set(s(&a[0]), s(&a[1]), true, true));
    }),
    native!("strings.TrimLeft", 2, 1, |c, a, o| {
        o[0] = string(trim_set(s(&a[0]), s(&a[1]), true, false));
    }),
    native!("strings.TrimRight", 2, 1, |c, a, o| {
        o[0] = string(trim_set(s(&a[0]), s(&a[1]), false, true));
    }),
    native!("strings.TrimPrefix", 2, 1, |c, a, o| {
        let (x, p) = (s(&a[0]), s(&a[1]));
        o[0] = string(x.strip_prefix(p).unwrap_or(x).to_vec());
    }),
    native!("strings.TrimSuffix", 2, 1, |c, a, o| {
        let (x, p) = (s(&a[0]), s(&a[1]));
        o[0] = string(x.strip_suffix(p).unwrap_or(x).to_vec());
    }),
    native!("strings.Fields", 1, 1, |c, a, o| {
        let b = s(&a[0]);
        let mut parts = Vec::new();
        let mut start: Option<usize> = None;
        for (r, i, _) in runes(b) {
            if is_go_space(r) {
                if let Some(st) = start.take() {
                    parts.push(Value::Str(GoStr::from_bytes(&b[st..i])));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(st) = start {
            parts.push(Value::Str(GoStr::from_bytes(&b[st..])));
        }
        o[0] = c.new_slice(parts);
    }),
    native!("strings.Count", 2, 1, |c, a, o| {
        let (hay, sub) = (s(&a[0]), s(&a[1]));
        let n = if sub.is_empty() {
            runes(hay).len() as i64 + 1
        } else {
            let mut n = 0;
            let mut rest = hay;
            loop {
                let i = index_of(rest, sub);
                if i < 0 {
                    break;
                }
                n += 1;
                rest = &rest[i as usize + sub.len()..];
            }
            n
        };
        o[0] = Value::Int(n);
    }),
    native!("strings.EqualFold", 2, 1, |c, a, o| {
        let low = |b: &[u8]| map_runes(b, |ch| go_to_lower(go_to_upper(ch)));
        o[0] = boolean(low(s(&a[0])) == low(s(&a[1])));
    }),
    native!("strings.Cut", 2, 3, |c, a, o| {
        let (x, sep) = (s(&a[0]), s(&a[1]));
        let i = index_of(x, sep);
        if i >= 0 {
            o[0] = Value::Str(GoStr::from_bytes(&x[..i as usize]));
            o[1] = Value::Str(GoStr::from_bytes(&x[i as usize + sep.len()..]));
            o[2] = boolean(true);
        } else {
            o[0] = a[0].clone();
            o[1] = Value::Str(GoStr::EMPTY);
            o[2] = boolean(false);
        }
    }),
    native!("strings.Compare", 2, 1, |c, a, o| {
        o[0] = Value::Int(match s(&a[0]).cmp(s(&a[1])) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        });
    }),
    // --- strconv ---
    native!("strconv.Itoa", 1, 1, |c, a, o| {
        o[0] = Value::str(&a[0].as_int().to_string());
    }),
    native!("strconv.Atoi", 1, 2, |c, a, o| {
        let sv = s(&a[0]);
        // Atoi accepts only base 10 without prefixes or underscores.
        let ok_chars = sv
            .iter()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || (i == 0 && (*b == b'-' || *b == b'+')));
        let r = if ok_chars {
            parse_int(sv, 10, 64)
        } else {
            Err((0, false))
        };
        match r {
            Ok(v) => {
                o[0] = Value::Int(v);
                o[1] = Value::Nil;
            }
            Err((v, range)) => {
                o[0] = Value::Int(v);
                o[1] = c.num_error("Atoi", sv, range);
            }
        }
    }),
    native!("strconv.ParseInt", 3, 2, |c, a, o| {
        let sv = s(&a[0]);
        match parse_int(sv, a[1].as_int(), a[2].as_int()) {
            Ok(v) => {
                o[0] = Value::Int(v);
                o[1] = Value::Nil;
            }
            Err((v, range)) => {
                o[0] = Value::Int(v);
                o[1] = c.num_error("ParseInt", sv, range);
            }
        }
    }),
    native!("strconv.ParseUint", 3, 2, |c, a, o| {
        let sv = s(&a[0]);
        let bits = if a[2].as_int() == 0 {
            64
        } else {
            a[2].as_int()
        };
        match parse_uint(sv, a[1].as_int(), bits) {
            Ok(v) => {
                o[0] = Value::Int(v as i64);
                o[1] = Value::Nil;
            }
            Err((v, range)) => {
                o[0] = Value::Int(v as i64);
                o[1] = c.num_error("ParseUint", sv, range);
            }
        }
    }),
    native!("strconv.ParseFloat", 2, 2, |c, a, o| {
        let sv = s(&a[0]);
        let text = String::from_utf8_lossy(sv);
        let lower = text.to_ascii_lowercase();
        let literal_inf = matches!(lower.trim_start_matches(['+', '-']), "inf" | "infinity");
        match parse_go_float(&text) {
            Some(v) => {
                let v = if a[1].as_int() == 32 {
                    v as f32 as f64
                } else {
                    v
                };
                o[0] = fl(v);
                o[1] = if v.is_infinite() && !literal_inf {
                    c.num_error("ParseFloat", sv, true)
                } else {
                    Value::Nil
                };
            }
            _ => {
                o[0] = fl(0.0);
                o[1] = c.num_error("ParseFloat", sv, false);
            }
        }
    }),
    native!("strconv.ParseBool", 1, 2, |c, a, o| {
        let v = match s(&a[0]) {
            b"1" | b"t" | b"T" | b"TRUE" | b"true" | b"True" => Some(true),
            b"0" | b"f" | b"F" | b"FALSE" | b"false" | b"False" => Some(false),
            _ => None,
        };
        match v {
            Some(b) => {
                o[0] = boolean(b);
                o[1] = Value::Nil;
            }
            None => {
                o[0] = boolean(false);
                let sv = s(&a[0]).to_vec();
                o[1] = c.num_error("ParseBool", &sv, false);
            }
        }
    }),
    native!("strconv.FormatInt", 2, 1, |c, a, o| {
        o[0] = Value::str(&format_radix(a[0].as_int() as i128, a[1].as_int()));
    }),
    native!("strconv.FormatUint", 2, 1, |c, a, o| {
        o[0] = Value::str(&format_radix(a[0].as_int() as u64 as i128, a[1].as_int()));
    }),
    native!("strconv.FormatFloat", 4, 1, |c, a, o| {
        let verb = char::from_u32(a[1].as_int() as u32).unwrap_or('g');
        o[0] = Value::str(&crate::fmt::format_float(
            float_arg(&a[0]),
            verb,
            a[2].as_int() as i32,
            a[3].as_int() as u32,
        ));
    }),
    native!("strconv.FormatBool", 1, 1, |c, a, o| {
        o[0] = Value::str(if a[0].as_bool() { "true" } else { "false" });
    }),
    native!("strconv.Quote", 1, 1, |c, a, o| {
        o[0] = Value::str(&crate::fmt::quote(s(&a[0])));
    }),
    native!("strconv.QuoteRune", 1, 1, |c, a, o| {
        let r = a[0].as_int();
        let mut buf = Vec::new();
        push_rune(
            &mut buf,
            if (0..=0x10FFFF).contains(&r) {
                r as u32
            } else {
                0xFFFD
            },
        );
        o[0] = Value::str(&crate::fmt::quote_with(&buf, b'\'', false));
    }),
    native!("strconv.ErrSyntax", 0, 1, |c, a, o| {
        o[0] = Value::iface(
            builtin::PTR_ERRORS_ERROR_STRING,
            Value::Ptr(Ptr {
                obj: ERR_SYNTAX,
                slot: 0,
            }),
        );
    }),
    native!("strconv.ErrRange", 0, 1, |c, a, o| {
        o[0] = Value::iface(
            builtin::PTR_ERRORS_ERROR_STRING,
            Value::Ptr(Ptr {
                obj: ERR_RANGE,
                slot: 0,
            }),
        );
    }),
    // --- errors ---
    native!("errors.New", 1, 1, |c, a, o| {
        let obj = c.heap.alloc(Object::Slots(vec![a[0].clone()]));
        o[0] = Value::iface(
            builtin::PTR_ERRORS_ERROR_STRING,
            Value::Ptr(Ptr { obj, slot: 0 }),
        );
    }),
    native!("errors.Join", 1, 1, |c, a, o| {
        let errs: Vec<Value> = c.elems(&a[0]).into_iter().filter(|e| !e.is_nil()).collect();
        if errs.is_empty() {
            o[0] = Value::Nil;
        } else {
            let list = c.new_slice(errs);
            let obj = c.heap.alloc(Object::Slots(vec![list]));
            o[0] = Value::iface(
                builtin::PTR_ERRORS_JOIN_ERROR,
                Value::Ptr(Ptr { obj, slot: 0 }),
            );
        }
    }),
    // --- math ---
    math1!("math.Sqrt", f64::sqrt),
    math1!("math.Abs", f64::abs),
    math1!("math.Floor", f64::floor),
    math1!("math.Ceil", f64::ceil),
    math1!("math.Trunc", f64::trunc),
    math1!("math.Round", f64::round),
    math1!("math.RoundToEven", f64::round_ties_even),
    math1!("math.Log", f64::ln),
    math1!("math.Log2", f64::log2),
    math1!("math.Log10", f64::log10),
    math1!("math.Log1p", f64::ln_1p),
    math1!("math.Exp", f64::exp),
    math1!("math.Exp2", f64::exp2),
    math1!("math.Sin", f64::sin),
    math1!("math.Cos", f64::cos),
    math1!("math.Tan", f64::tan),
    math1!("math.Asin", f64::asin),
    math1!("math.Acos", f64::acos),
    math1!("math.Atan", f64::atan),
    math1!("math.Sinh", f64::sinh),
    math1!("math.Cosh", f64::cosh),
    math1!("math.Tanh", f64::tanh),
    math1!("math.Cbrt", f64::cbrt),
    math2!("math.Pow", f64::powf),
    math2!("math.Atan2", f64::atan2),
    math2!("math.Hypot", f64::hypot),
    math2!("math.Mod", |x, y| x % y),
    math2!("math.Max", go_max),
    math2!("math.Min", go_min),
    math2!("math.Copysign", f64::copysign),
    math2!("math.Dim", |x, y| if x - y <= 0.0 { 0.0 } else { x - y }),
    native!("math.Inf", 1, 1, |c, a, o| {
        o[0] = fl(if a[0].as_int() >= 0 {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        });
    }),
    native!("math.NaN", 0, 1, |c, a, o| {
        o[0] = fl(f64::NAN);
    }),
    native!("math.IsNaN", 1, 1, |c, a, o| {
        o[0] = boolean(float_arg(&a[0]).is_nan());
    }),
    native!("math.IsInf", 2, 1, |c, a, o| {
        let (f, sign) = (float_arg(&a[0]), a[1].as_int());
        o[0] = boolean((sign >= 0 && f == f64::INFINITY) || (sign <= 0 && f == f64::NEG_INFINITY));
    }),
    native!("math.Signbit", 1, 1, |c, a, o| {
        o[0] = boolean(float_arg(&a[0]).is_sign_negative());
    }),
    native!("math.Float64bits", 1, 1, |c, a, o| {
        o[0] = Value::Int(float_arg(&a[0]).to_bits() as i64);
    }),
    native!("math.Float64frombits", 1, 1, |c, a, o| {
        o[0] = fl(f64::from_bits(a[0].as_int() as u64));
    }),
    // --- unicode, unicode/utf8 ---
    rune_pred!("unicode.IsUpper", char::is_uppercase),
    rune_pred!("unicode.IsLower", char::is_lowercase),
    rune_pred!("unicode.IsLetter", char::is_alphabetic),
    rune_pred!("unicode.IsDigit", |c| c.is_ascii_digit()
        || ('\u{660}'..='\u{669}').contains(&c)),
    rune_pred!("unicode.IsNumber", char::is_numeric),
    rune_pred!("unicode.IsSpace", |c| is_go_space(c as u32)),
    rune_pred!("unicode.IsPunct", |c| c.is_ascii_punctuation()
        && !matches!(
            c,
            '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~'
        )),
    native!("unicode.ToUpper", 1, 1, |c, a, o| {
        let r = u32::try_from(a[0].as_int()).ok().and_then(char::from_u32);
        o[0] = Value::Int(r.map_or(a[0].as_int(), |ch| go_to_upper(ch) as i64));
    }),
    native!("unicode.ToLower", 1, 1, |c, a, o| {
        let r = u32::try_from(a[0].as_int()).ok().and_then(char::from_u32);
        o[0] = Value::Int(r.map_or(a[0].as_int(), |ch| go_to_lower(ch) as i64));
    }),
    native!("utf8.RuneCountInString", 1, 1, |c, a, o| {
        o[0] = Value::Int(runes(s(&a[0])).len() as i64);
    }),
    native!("utf8.RuneLen", 1, 1, |c, a, o| {
        let r = a[0].as_int();
        o[0] = Value::Int(match r {
            0..=0x7F => 1,
            0x80..=0x7FF => 2,
            0xD800..=0xDFFF => -1,
            0x800..=0xFFFF => 3,
            0x10000..=0x10FFFF => 4,
            _ => -1,
        });
    }),
    native!("utf8.ValidString", 1, 1, |c, a, o| {
        o[0] = boolean(std::str::from_utf8(s(&a[0])).is_ok());
    }),
    native!("utf8.DecodeRuneInString", 1, 2, |c, a, o| {
        let (r, w) = crate::interp::decode_rune(s(&a[0]));
        o[0] = Value::Int(r as i64);
        o[1] = Value::Int(w as i64);
    }),
    // --- sort, slices (slices of scalars) ---
    native!("sort.Ints", 1, 0, |c, a, o| {
        let mut v = c.elems(&a[0]);
        crate::util::sort_by(&mut v, cmp_values);
        c.set_elems(&a[0], v);
    }),
    native!("sort.Strings", 1, 0, |c, a, o| {
        let mut v = c.elems(&a[0]);
        crate::util::sort_by(&mut v, cmp_values);
        c.set_elems(&a[0], v);
    }),
    native!("sort.Float64s", 1, 0, |c, a, o| {
        let mut v = c.elems(&a[0]);
        crate::util::sort_by(&mut v, cmp_values);
        c.set_elems(&a[0], v);
    }),
    native!("slices.Sort", 1, 0, |c, a, o| {
        let mut v = c.elems(&a[0]);
        crate::util::sort_by(&mut v, cmp_values);
        c.set_elems(&a[0], v);
    }),
    native!("slices.Reverse", 1, 0, |c, a, o| {
        let mut v = c.elems(&a[0]);
        v.reverse();
        c.set_elems(&a[0], v);
    }),
    native!("slices.Contains", 2, 1, |c, a, o| {
        let v = c.elems(&a[0]);
        o[0] = boolean(
            v.iter()
                .any(|x| crate::value::go_equal(x, &a[1], c.types).unwrap_or(false)),
        );
    }),
    native!("slices.Index", 2, 1, |c, a, o| {
        let v = c.elems(&a[0]);
        o[0] = Value::Int(
            v.iter()
                .position(|x| crate::value::go_equal(x, &a[1], c.types).unwrap_or(false))
                .map_or(-1, |i| i as i64),
        );
    }),
    native!("sort.IntsAreSorted", 1, 1, |c, a, o| {
        let v = c.elems(&a[0]);
        o[0] = boolean(
            v.windows(2)
                .all(|w| cmp_values(&w[0], &w[1]) != std::cmp::Ordering::Greater),
        );
    }),
    native!("sort.SearchInts", 2, 1, |c, a, o| {
        let v = c.elems(&a[0]);
        o[0] = Value::Int(v.partition_point(|x| x.as_int() < a[1].as_int()) as i64);
    }),
    // --- time ---
    native!("time.Duration.Seconds", 1, 1, |c, a, o| {
        let d = a[0].as_int();
        o[0] = fl((d / 1_000_000_000) as f64 + (d % 1_000_000_000) as f64 / 1e9);
    }),
    native!("time.Duration.Milliseconds", 1, 1, |c, a, o| {
        o[0] = Value::Int(a[0].as_int() / 1_000_000);
    }),
    native!("time.Duration.Microseconds", 1, 1, |c, a, o| {
        o[0] = Value::Int(a[0].as_int() / 1_000);
    }),
    native!("time.Duration.Minutes", 1, 1, |c, a, o| {
        let d = a[0].as_int();
        o[0] = fl((d / 60_000_000_000) as f64 + (d % 60_000_000_000) as f64 / 6e10);
    }),
    native!("time.Duration.Hours", 1, 1, |c, a, o| {
        let d = a[0].as_int();
        o[0] = fl((d / 3_600_000_000_000) as f64 + (d % 3_600_000_000_000) as f64 / 3.6e12);
    }),
    native!("time.Duration.String", 1, 1, |c, a, o| {
        o[0] = Value::str(&crate::fmt::duration_string(a[0].as_int()));
    }),
    native!("time.Duration.Truncate", 2, 1, |c, a, o| {
        let (d, m) = (a[0].as_int(), a[1].as_int());
        o[0] = Value::Int(if m <= 0 { d } else { d - d % m });
    }),
    native!("time.Duration.Round", 2, 1, |c, a, o| {
        let (d, m) = (a[0].as_int(), a[1].as_int());
        o[0] = Value::Int(if m <= 0 {
            d
        } else {
            let r = d % m;
            if d < 0 {
                let r = -r;
                if r + r < m {
                    d + r
                } else {
                    d.checked_sub(m - r).unwrap_or(i64::MIN)
                }
            } else if r + r < m {
                d - r
            } else {
                d.checked_add(m - r).unwrap_or(i64::MAX)
            }
        });
    }),
    native!("time.Duration.Abs", 1, 1, |c, a, o| {
        let d = a[0].as_int();
        o[0] = Value::Int(if d >= 0 {
            d
        } else if d == i64::MIN {
            i64::MAX
        } else {
            -d
        });
    }),
    native!("time.ParseDuration", 1, 2, |c, a, o| {
        match parse_duration(s(&a[0])) {
            Some(d) => {
                o[0] = Value::Int(d);
                o[1] = Value::Nil;
            }
            None => {
                o[0] = Value::Int(0);
                let msg = format!("time: invalid duration {}", crate::fmt::quote(s(&a[0])));
                o[1] = c.new_error(&msg);
            }
        }
    }),
    // --- errors/sort intrinsics that need type information ---
    native!("errors.isComparable", 1, 1, |c, a, o| {
        o[0] = boolean(match &a[0] {
            Value::Iface(x) => c.types.comparable(x.ty),
            _ => true,
        });
    }),
    native!("errors.asOne", 2, 1, |c, a, o| {
        let bad = || {
            NativeError::Panic(Value::iface(
                builtin::STRING,
                Value::str("errors: target must be a non-nil pointer"),
            ))
        };
        let (elem, ptr) = match &a[1] {
            Value::Iface(t) => match (&t.value, c.types.kind(t.ty)) {
                (Value::Ptr(p), crate::types::TypeKind::Pointer { elem }) => (*elem, *p),
                _ => return Err(bad()),
            },
            _ => return Err(bad()),
        };
        let Value::Iface(err) = &a[0] else {
            o[0] = boolean(false);
            return Ok(());
        };
        let matched = if c.types.is_interface(elem) {
            c.types
                .implements(err.ty, elem)
                .is_ok()
                .then(|| a[0].clone())
        } else {
            (err.ty == elem).then(|| err.value.clone())
        };
        match matched {
            Some(v) => {
                crate::interp::store_slots(c.heap, c.types, ptr.obj, ptr.slot, elem, v)?;
                o[0] = boolean(true);
            }
            None => o[0] = boolean(false),
        }
    }),
    native!("sort.lenOf", 1, 1, |c, a, o| {
        o[0] = Value::Int(match &a[0] {
            Value::Iface(x) => match &x.value {
                Value::Slice(s) => s.len as i64,
                _ => 0,
            },
            _ => 0,
        });
    }),
    native!("sort.swapAt", 3, 0, |c, a, o| {
        let Value::Iface(x) = &a[0] else {
            return Ok(());
        };
        let Value::Slice(sl) = &x.value else {
            return Ok(());
        };
        let elem = c
            .types
            .elem(x.ty)
            .ok_or_else(|| NativeError::Invalid("swapAt of a non-slice".into()))?;
        let w = c.types.slots(elem) as usize;
        let (i, j) = (a[1].as_int(), a[2].as_int());
        let n = sl.len as i64;
        if i < 0 || i >= n || j < 0 || j >= n {
            let bad = if i < 0 || i >= n { i } else { j };
            return Err(bounds_panic(format!(
                "index out of range [{bad}] with length {n}"
            )));
        }
        if let Some(slots) = c.heap.slots_mut(sl.obj) {
            let (i, j) = (
                sl.offset as usize + i as usize * w,
                sl.offset as usize + j as usize * w,
            );
            for k in 0..w {
                if i + k < slots.len() && j + k < slots.len() {
                    slots.swap(i + k, j + k);
                }
            }
        }
    }),
    // --- unicode/utf8 on byte slices, bytes ---
    native!("utf8.RuneCount", 1, 1, |c, a, o| {
        let b = bytes_of(c, &a[0]);
        o[0] = Value::Int(runes(&b).len() as i64);
    }),
    native!("utf8.Valid", 1, 1, |c, a, o| {
        let b = bytes_of(c, &a[0]);
        o[0] = boolean(std::str::from_utf8(&b).is_ok());
    }),
    native!("utf8.DecodeLastRuneInString", 1, 2, |c, a, o| {
        let (r, w) = match runes(s(&a[0])).last() {
            Some(&(r, _, w)) => (r as i64, w as i64),
            None => (0xFFFD, 0),
        };
        o[0] = Value::Int(r);
        o[1] = Value::Int(w);
    }),
    native!("utf8.EncodeRune", 2, 1, |c, a, o| {
        let enc = utf8_encode(a[1].as_int());
        let (sl, len) = match &a[0] {
            Value::Slice(sl) => (Some(*sl), sl.len as usize),
            _ => (None, 0),
        };
        if len < enc.len() {
            return Err(bounds_panic(format!(
                "index out of range [{}] with length {len}",
                enc.len() - 1
            )));
        }
        if let Some(sl) = sl {
            let p = Ptr {
                obj: sl.obj,
                slot: sl.offset,
            };
            for (k, b) in enc.iter().enumerate() {
                set_field(c, p, k as u32, Value::Int(*b as i64));
            }
        }
        o[0] = Value::Int(enc.len() as i64);
    }),
    native!("utf8.AppendRune", 2, 1, |c, a, o| {
        let enc = utf8_encode(a[1].as_int());
        o[0] = append_bytes(c, &a[0], &enc)?;
    }),
    native!("bytes.Equal", 2, 1, |c, a, o| {
        o[0] = boolean(bytes_of(c, &a[0]) == bytes_of(c, &a[1]));
    }),
    native!("bytes.Compare", 2, 1, |c, a, o| {
        o[0] = Value::Int(match bytes_of(c, &a[0]).cmp(&bytes_of(c, &a[1])) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        });
    }),
    native!("bytes.Contains", 2, 1, |c, a, o| {
        o[0] = boolean(index_of(&bytes_of(c, &a[0]), &bytes_of(c, &a[1])) >= 0);
    }),
    // --- bytes.Buffer (struct { buf []byte; off int }) ---
    native!("bytes.NewBufferString", 1, 1, |c, a, o| {
        let buf = append_bytes(c, &Value::Nil, s(&a[0]))?;
        let obj = c.heap.alloc(Object::Slots(vec![buf, Value::Int(0)]));
        o[0] = Value::Ptr(Ptr { obj, slot: 0 });
    }),
    native!("bytes.NewBuffer", 1, 1, |c, a, o| {
        let obj = c
            .heap
            .alloc(Object::Slots(vec![a[0].clone(), Value::Int(0)]));
        o[0] = Value::Ptr(Ptr { obj, slot: 0 });
    }),
    native!("bytes.(*Buffer).WriteString", 2, 2, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, s(&a[1]))?;
        set_field(c, p, 0, nb);
        o[0] = Value::Int(s(&a[1]).len() as i64);
        o[1] = Value::Nil;
    }),
    native!("bytes.(*Buffer).Write", 2, 2, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let bytes = bytes_of(c, &a[1]);
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, &bytes)?;
        set_field(c, p, 0, nb);
        o[0] = Value::Int(bytes.len() as i64);
        o[1] = Value::Nil;
    }),
    native!("bytes.(*Buffer).WriteByte", 2, 1, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, &[a[1].as_int() as u8])?;
        set_field(c, p, 0, nb);
        o[0] = Value::Nil;
    }),
    native!("bytes.(*Buffer).WriteRune", 2, 2, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let enc = utf8_encode(a[1].as_int());
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, &enc)?;
        set_field(c, p, 0, nb);
        o[0] = Value::Int(enc.len() as i64);
        o[1] = Value::Nil;
    }),
    native!("bytes.(*Buffer).String", 1, 1, |c, a, o| {
        // A nil *Buffer prints "<nil>", as Go's does.
        let Value::Ptr(p) = &a[0] else {
            o[0] = Value::str("<nil>");
            return Ok(());
        };
        let bytes = bytes_of(c, &field(c, *p, 0));
        let off = (field(c, *p, 1).as_int().max(0) as usize).min(bytes.len());
        o[0] = string(bytes[off..].to_vec());
    }),
    native!("bytes.(*Buffer).Bytes", 1, 1, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let off = field(c, p, 1).as_int().max(0) as u32;
        o[0] = match field(c, p, 0) {
            Value::Slice(sl) if off <= sl.len => Value::Slice(SliceRef {
                obj: sl.obj,
                offset: sl.offset + off,
                len: sl.len - off,
                cap: sl.cap - off,
            }),
            _ => Value::Nil,
        };
    }),
    native!("bytes.(*Buffer).Len", 1, 1, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let off = field(c, p, 1).as_int();
        o[0] = Value::Int(match field(c, p, 0) {
            Value::Slice(sl) => (sl.len as i64 - off).max(0),
            _ => 0,
        });
    }),
    native!("bytes.(*Buffer).Reset", 1, 0, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let reset = match field(c, p, 0) {
            Value::Slice(sl) => Value::Slice(SliceRef { len: 0, ..sl }),
            _ => Value::Nil,
        };
        set_field(c, p, 0, reset);
        set_field(c, p, 1, Value::Int(0));
    }),
    // --- strings.Builder (struct { buf []byte }) ---
    native!("strings.(*Builder).WriteString", 2, 2, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, s(&a[1]))?;
        set_field(c, p, 0, nb);
        o[0] = Value::Int(s(&a[1]).len() as i64);
        o[1] = Value::Nil;
    }),
    native!("strings.(*Builder).Write", 2, 2, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let bytes = bytes_of(c, &a[1]);
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, &bytes)?;
        set_field(c, p, 0, nb);
        o[0] = Value::Int(bytes.len() as i64);
        o[1] = Value::Nil;
    }),
    native!("strings.(*Builder).WriteByte", 2, 1, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, &[a[1].as_int() as u8])?;
        set_field(c, p, 0, nb);
        o[0] = Value::Nil;
    }),
    native!("strings.(*Builder).WriteRune", 2, 2, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let enc = utf8_encode(a[1].as_int());
        let buf = field(c, p, 0);
        let nb = append_bytes(c, &buf, &enc)?;
        set_field(c, p, 0, nb);
        o[0] = Value::Int(enc.len() as i64);
        o[1] = Value::Nil;
    }),
    native!("strings.(*Builder).String", 1, 1, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let buf = field(c, p, 0);
        o[0] = string(bytes_of(c, &buf));
    }),
    native!("strings.(*Builder).Len", 1, 1, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        o[0] = Value::Int(match field(c, p, 0) {
            Value::Slice(s) => s.len as i64,
            _ => 0,
        });
    }),
    native!("strings.(*Builder).Cap", 1, 1, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        o[0] = Value::Int(match field(c, p, 0) {
            Value::Slice(s) => s.cap as i64,
            _ => 0,
        });
    }),
    native!("strings.(*Builder).Reset", 1, 0, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        set_field(c, p, 0, Value::Nil);
    }),
    native!("strings.(*Builder).Grow", 2, 0, |c, a, o| {
        let p = ptr_arg(&a[0])?;
        let n = a[1].as_int();
        if n < 0 {
            return Err(NativeError::Panic(Value::iface(
                builtin::STRING,
                Value::str("strings.Builder.Grow: negative count"),
            )));
        }
        let buf = field(c, p, 0);
        let (len, cap) = match &buf {
            Value::Slice(s) => (s.len as i64, s.cap as i64),
            _ => (0, 0),
        };
        if cap - len < n {
            // Go: a new buffer of capacity 2*cap+n holding the bytes so far.
            let new_cap = (2 * cap + n) as u64;
            if new_cap > crate::interp::MAX_STRING_BYTES as u64 {
                return Err(NativeError::Limit(
                    crate::interp::LimitReached::Allocation { requested: new_cap },
                ));
            }
            let mut slots: Vec<Value> = bytes_of(c, &buf)
                .into_iter()
                .map(|b| Value::Int(b as i64))
                .collect();
            slots.resize(new_cap as usize, Value::Int(0));
            let obj = c.heap.alloc(Object::Slots(slots));
            set_field(
                c,
                p,
                0,
                Value::Slice(SliceRef {
                    obj,
                    offset: 0,
                    len: len as u32,
                    cap: new_cap as u32,
                }),
            );
        }
    }),
];

fn replace(hay: &[u8], old: &[u8], new: &[u8], n: i64) -> Vec<u8> {
    if n == 0 || (old == new) {
        return hay.to_vec();
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut done = 0i64;
    if old.is_empty() {
        // Insert `new` before every rune and at the end.
        let rs = runes(hay);
        for (_, i, w) in &rs {
            if n < 0 || done < n {
                out.extend_from_slice(new);
                done += 1;
            }
            out.extend_from_slice(&hay[*i..i + w]);
        }
        if n < 0 || done < n {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut rest = hay;
    while n < 0 || done < n {
        let i = index_of(rest, old);
        if i < 0 {
            break;
        }
        out.extend_from_slice(&rest[..i as usize]);
        out.extend_from_slice(new);
        rest = &rest[i as usize + old.len()..];
        done += 1;
    }
    out.extend_from_slice(rest);
    out
}

fn format_radix(v: i128, base: i64) -> String {
    if !(2..=36).contains(&base) {
        return String::new();
    }
    let neg = v < 0;
    let mut u = v.unsigned_abs();
    let mut digits = Vec::new();
    loop {
        let d = (u % base as u128) as u8;
        digits.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
        u /= base as u128;
        if u == 0 {
            break;
        }
    }
    if neg {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}
