//! Go's fmt package: Print/Println/Printf/Sprint*/Errorf and the verbs (fmt/print.go, fmt/format.go,
//! internal/fmtsort), strconv's float formatting (strconv/ftoa.go), plus the runtime's own `print`/`println`
//! (runtime/print.go) and panic value printing (runtime/error.go `printpanicval`).
//!
//! Calling `String()`/`Error()` methods without host recursion: formatting runs in two passes over the same
//! walk of the operands. The *collect* pass finds, in order, every operand (or nested value) whose dynamic type
//! has an `Error`/`String` method written in Go that fmt would call; the interpreter then runs those methods one
//! after the other as ordinary frames (kind `Callback`), storing each result in a [`Continuation`]; the *render*
//! pass walks again and takes the results in the same order. Which methods get called depends only on the
//! operands' types and the verbs, never on the methods' results, so both passes agree. Methods implemented by
//! the runtime (errors.New, fmt.Errorf, runtime errors, time.Duration) are evaluated directly.
//! A panic inside such a method is caught as fmt does (`%!v(PANIC=String method: ...)`).
//!
//! Invariants:
//! - A formatting pass never calls Go code and never fails: bad verbs and arguments render Go's `%!` forms.
//! - Map entries are printed in fmtsort order (keys sorted), so output never depends on map iteration order.

use std::fmt::Write as _;

use crate::heap::{Heap, Object};
use crate::program::{FmtOp, NameId, NumKind, PrintForm, Program};
use crate::types::{builtin, MethodImpl, TypeId, TypeKind, Types};
use crate::value::{GoStr, Ptr, Value};

mod float;
pub use float::format_float;

/// An fmt operation waiting for Go method results.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Continuation {
    /// What is being formatted.
    pub(crate) job: Job,
    /// Methods to call, in walk order (filled by the first pass).
    pub(crate) calls: Vec<MethodCall>,
    /// Results of the calls made so far (same order).
    pub(crate) results: Vec<GoStr>,
}

/// The work a continuation finishes when all method results are in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    /// An `Instr::Fmt`.
    Fmt {
        /// Which entry point.
        op: FmtOp,
        /// The format string (Nil for Print/Println/Sprint/Sprintln).
        format: Value,
        /// The operands (interface values).
        args: Vec<Value>,
    },
    /// Printing an unrecovered panic chain (`preprintpanics`).
    PanicPrint {
        /// The panic values, oldest first.
        values: Vec<Value>,
    },
}

/// A Go method call requested by a formatting pass.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct MethodCall {
    /// The receiver (an interface value).
    pub(crate) recv: Value,
    /// The method (`Error` or `String`).
    pub(crate) method: NameId,
    /// The verb being formatted (for `%!v(PANIC=...)`).
    pub(crate) verb: char,
}

/// A finished formatting job.
#[derive(Clone, Debug, Default)]
pub(crate) struct Done {
    /// The formatted bytes (Fmt jobs).
    pub(crate) bytes: Vec<u8>,
    /// Errors wrapped by `%w` (Errorf).
    pub(crate) wrapped: Vec<Value>,
    /// One text per panic (PanicPrint jobs).
    pub(crate) texts: Vec<String>,
}

impl Continuation {
    /// Calls `f` on every value held (GC roots).
    pub fn for_each_value<'a>(&'a self, f: &mut impl FnMut(&'a Value)) {
        match &self.job {
            Job::Fmt { format, args, .. } => {
                f(format);
                args.iter().for_each(&mut *f);
            }
            Job::PanicPrint { values } => values.iter().for_each(&mut *f),
        }
        for c in &self.calls {
            f(&c.recv);
        }
    }
}

/// Runs one formatting pass of `job`. `Err(calls)` lists the Go methods to run first.
pub(crate) fn run_job(
    job: &Job,
    results: &[GoStr],
    types: &Types,
    heap: &Heap,
    _program: &Program,
) -> Result<Done, Vec<MethodCall>> {
    let mut p = Printer::new(types, heap, results);
    let mut done = Done::default();
    match job {
        Job::Fmt { op, format, args } => match op {
            FmtOp::Print(_) | FmtOp::Sprint => p.do_print(args),
            FmtOp::Println(_) | FmtOp::Sprintln => p.do_println(args),
            FmtOp::Printf(_) | FmtOp::Sprintf => p.do_printf(format.as_str(), args),
            FmtOp::Errorf => {
                p.wrap_errs = true;
                p.do_printf(format.as_str(), args);
                let mut idx = p.wrapped.clone();
                crate::util::sort(&mut idx);
                idx.dedup();
                done.wrapped = idx
                    .into_iter()
                    .filter_map(|i| args.get(i).cloned())
                    .filter(|v| !v.is_nil())
                    .collect();
            }
        },
        Job::PanicPrint { values } => {
            for v in values {
                p.buf.clear();
                p.print_panic_value(v);
                done.texts
                    .push(String::from_utf8_lossy(&p.buf).into_owned());
            }
        }
    }
    if !p.needed.is_empty() {
        return Err(p.needed);
    }
    done.bytes = p.buf;
    Ok(done)
}

/// The text fmt prints when a String/Error method panicked (fmt/print.go `catchPanic`).
pub(crate) fn method_panic_text(
    call: &MethodCall,
    panic_value: &Value,
    types: &Types,
    heap: &Heap,
) -> String {
    if let Value::Iface(i) = &call.recv {
        if i.value.is_nil() && matches!(types.kind(i.ty), TypeKind::Pointer { .. }) {
            return "<nil>".into();
        }
    }
    let mut p = Printer::new(types, heap, &[]);
    p.no_methods = true;
    p.print_arg(panic_value, 'v');
    format!(
        "%!{}(PANIC={} method: {})",
        call.verb,
        types.name_str(call.method),
        String::from_utf8_lossy(&p.buf)
    )
}

/// `Error()` of an error value whose method is implemented by the runtime (or a best-effort rendering otherwise).
pub(crate) fn error_text_builtin(v: &Value, types: &Types, heap: &Heap) -> String {
    if let (Value::Iface(x), Some(name)) = (v, types.find_name("Error")) {
        if let Some(MethodImpl::Builtin(b)) = types.method(x.ty, name).map(|m| m.imp) {
            if let Some(s) = builtin_method_text(b, &x.value, types, heap) {
                return s.to_string_lossy();
            }
        }
    }
    let mut p = Printer::new(types, heap, &[]);
    p.no_methods = true;
    p.print_arg(v, 'v');
    String::from_utf8_lossy(&p.buf).into_owned()
}

/// The builtin `print`/`println` (runtime/print.go): args are interface values of their static types.
pub fn print_builtin(vals: &[Value], form: PrintForm, types: &Types, heap: &Heap) -> Vec<u8> {
    let _ = heap;
    let mut out = Vec::new();
    for (i, v) in vals.iter().enumerate() {
        if i > 0 && form == PrintForm::Println {
            out.push(b' ');
        }
        match v {
            Value::Iface(i) => match types.kind(i.ty) {
                TypeKind::Bool => {
                    out.extend_from_slice(if i.value.as_bool() { b"true" } else { b"false" })
                }
                TypeKind::Int(k) => {
                    if k.is_signed() {
                        out.extend_from_slice(i.value.as_int().to_string().as_bytes())
                    } else {
                        out.extend_from_slice((i.value.as_int() as u64).to_string().as_bytes())
                    }
                }
                TypeKind::Float(_) => {
                    out.extend_from_slice(runtime_float(i.value.as_float()).as_bytes())
                }
                TypeKind::String => out.extend_from_slice(i.value.as_str()),
                TypeKind::Interface { .. } => out.extend_from_slice(b"(0x0,0x0)"),
                _ => out.extend_from_slice(fake_addr(&i.value).as_bytes()),
            },
            Value::Nil => out.extend_from_slice(b"nil"),
            other => out.extend_from_slice(fake_addr(other).as_bytes()),
        }
    }
    if form == PrintForm::Println {
        out.push(b'\n');
    }
    out
}

/// runtime.printfloat: `+1.500000e+000` style.
pub fn runtime_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let s = format!("{:.6e}", v);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if v.is_sign_negative() { "" } else { "+" };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}{mant}e{esign}{:03}", exp.abs())
}

/// A stable fake address for pointer-like values (Go prints real addresses, which differ per run anyway).
pub fn fake_addr(v: &Value) -> String {
    let a: u64 = match v {
        Value::Ptr(p) => 0xc000010000 + (p.obj.0 as u64) * 0x100 + p.slot as u64 * 8,
        Value::Slice(s) => 0xc000010000 + (s.obj.0 as u64) * 0x100 + s.offset as u64 * 8,
        Value::Map(m) => 0xc000010000 + (m.0 as u64) * 0x100,
        Value::Chan(c) => 0xc000080000 + (c.0 as u64) * 0x100,
        Value::Func(f) => 0x47a000 + (f.func.0 as u64) * 0x20,
        Value::Sync(s) => 0xc0000a0000 + (s.0 as u64) * 0x10,
        Value::Timer(t) => 0xc0000c0000 + (t.0 as u64) * 0x10,
        _ => 0,
    };
    format!("0x{a:x}")
}

fn addr_u64(v: &Value) -> u64 {
    u64::from_str_radix(fake_addr(v).trim_start_matches("0x"), 16).unwrap_or(0)
}

/// strconv.Quote.
pub fn quote(s: &[u8]) -> String {
    quote_with(s, b'"', false)
}

/// strconv.Quote / QuoteToASCII / QuoteRune core.
pub fn quote_with(s: &[u8], q: u8, ascii_only: bool) -> String {
    let mut out = String::new();
    out.push(q as char);
    let mut rest = s;
    while !rest.is_empty() {
        let (r, w) = crate::interp::decode_rune(rest);
        if w == 1 && r == 0xFFFD {
            let _ = write!(out, "\\x{:02x}", rest[0]);
            rest = &rest[1..];
            continue;
        }
        rest = &rest[w..];
        push_quoted_rune(&mut out, r, q, ascii_only);
    }
    out.push(q as char);
    out
}

fn push_quoted_rune(out: &mut String, r: u32, q: u8, ascii_only: bool) {
    let c = char::from_u32(r).unwrap_or('\u{FFFD}');
    if r == q as u32 || r == '\\' as u32 {
        out.push('\\');
        out.push(c);
        return;
    }
    if ascii_only {
        if r < 0x80 && is_print(c) {
            out.push(c);
            return;
        }
    } else if is_print(c) {
        out.push(c);
        return;
    }
    match c {
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        _ => {
            if r < 0x20 || r == 0x7f {
                let _ = write!(out, "\\x{:02x}", r);
            } else if r < 0x10000 {
                let _ = write!(out, "\\u{:04x}", r);
            } else {
                let _ = write!(out, "\\U{:08x}", r);
            }
        }
    }
}

/// An approximation of unicode.IsPrint: graphic characters and the ASCII space.
fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let r = c as u32;
    // Unassigned/format ranges that strconv escapes: soft hyphen, zero-width and bidi marks, BOM, surrogates.
    !(r == 0xAD
        || (0x200B..=0x200F).contains(&r)
        || (0x2028..=0x202E).contains(&r)
        || (0x2060..=0x206F).contains(&r)
        || r == 0xFEFF
        || (0xFFF0..=0xFFFB).contains(&r)
        || (0xE000..=0xF8FF).contains(&r)
        || r >= 0xF0000)
}

/// time.Duration.String.
pub fn duration_string(d: i64) -> String {
    if d == 0 {
        return "0s".into();
    }
    let neg = d < 0;
    let u = d.unsigned_abs();
    let mut s = String::new();
    if u < 1_000_000_000 {
        // Sub-second: ns, µs or ms with a fraction.
        let (unit, div) = if u < 1_000 {
            ("ns", 1)
        } else if u < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        s.push_str(&frac_string(u, div));
        s.push_str(unit);
    } else {
        let secs_total = u / 1_000_000_000;
        let frac = u % 1_000_000_000;
        let h = secs_total / 3600;
        let m = (secs_total / 60) % 60;
        let sec = secs_total % 60;
        if h > 0 {
            let _ = write!(s, "{h}h");
        }
        if h > 0 || m > 0 {
            let _ = write!(s, "{m}m");
        }
        s.push_str(&frac_string(sec * 1_000_000_000 + frac, 1_000_000_000));
        s.push('s');
    }
    if neg {
        s.insert(0, '-');
    }
    s
}

fn frac_string(v: u64, div: u64) -> String {
    let int = v / div;
    let frac = v % div;
    if frac == 0 {
        return int.to_string();
    }
    let width = div.to_string().len() - 1;
    let mut f = format!("{frac:0width$}");
    while f.ends_with('0') {
        f.pop();
    }
    format!("{int}.{f}")
}

// ---------------------------------------------------------------------------------------------------------------
// The printer (fmt/print.go pp + fmt/format.go fmt)
// ---------------------------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Default)]
struct Flags {
    plus: bool,
    minus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    plus_v: bool,
    sharp_v: bool,
    wid: Option<usize>,
    prec: Option<usize>,
}

struct Printer<'a> {
    types: &'a Types,
    heap: &'a Heap,
    results: &'a [GoStr],
    next_result: usize,
    needed: Vec<MethodCall>,
    buf: Vec<u8>,
    f: Flags,
    wrap_errs: bool,
    wrapped: Vec<usize>,
    /// Never call methods (for rendering panic values inside a panic, and `describe`).
    no_methods: bool,
    error_name: Option<NameId>,
    string_name: Option<NameId>,
}

impl<'a> Printer<'a> {
    fn new(types: &'a Types, heap: &'a Heap, results: &'a [GoStr]) -> Printer<'a> {
        Printer {
            types,
            heap,
            results,
            next_result: 0,
            needed: Vec::new(),
            buf: Vec::new(),
            f: Flags::default(),
            wrap_errs: false,
            wrapped: Vec::new(),
            no_methods: false,
            error_name: types.find_name("Error"),
            string_name: types.find_name("String"),
        }
    }

    fn write(&mut self, s: &[u8]) {
        self.buf.extend_from_slice(s);
    }

    fn write_str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    // --- padding (fmt/format.go) ---

    fn write_padding(&mut self, n: usize, zero: bool) {
        let b = if zero { b'0' } else { b' ' };
        self.buf.extend(std::iter::repeat_n(b, n));
    }

    fn pad(&mut self, s: &[u8]) {
        let Some(wid) = self.f.wid else {
            self.write(s);
            return;
        };
        // utf8.RuneCount: each byte of invalid UTF-8 counts as one rune.
        let mut n = 0;
        let mut i = 0;
        while i < s.len() {
            i += crate::interp::decode_rune(&s[i..]).1.max(1);
            n += 1;
        }
        if n >= wid {
            self.write(s);
            return;
        }
        let w = wid - n;
        if self.f.minus {
            self.write(s);
            self.write_padding(w, false);
        } else {
            self.write_padding(w, self.f.zero);
            self.write(s);
        }
    }

    fn pad_str(&mut self, s: &str) {
        self.pad(s.as_bytes())
    }

    // --- Print / Println / Printf ---

    fn do_print(&mut self, args: &[Value]) {
        let mut prev_string = false;
        for (i, a) in args.iter().enumerate() {
            let is_string =
                matches!(a, Value::Iface(x) if matches!(self.types.kind(x.ty), TypeKind::String));
            if i > 0 && !is_string && !prev_string {
                self.buf.push(b' ');
            }
            self.print_arg(a, 'v');
            prev_string = is_string;
        }
    }

    fn do_println(&mut self, args: &[Value]) {
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.buf.push(b' ');
            }
            self.print_arg(a, 'v');
        }
        self.buf.push(b'\n');
    }

    fn do_printf(&mut self, format: &[u8], args: &[Value]) {
        let end = format.len();
        let mut argn = 0usize;
        let mut i = 0usize;
        let mut reordered = false;
        while i < end {
            let lasti = i;
            while i < end && format[i] != b'%' {
                i += 1;
            }
            if i > lasti {
                self.write(&format[lasti..i]);
            }
            if i >= end {
                break;
            }
            i += 1; // skip %
            self.f = Flags::default();
            // flags
            while i < end {
                match format[i] {
                    b'#' => self.f.sharp = true,
                    b'0' => self.f.zero = !self.f.minus,
                    b'+' => self.f.plus = true,
                    b'-' => {
                        self.f.minus = true;
                        self.f.zero = false
                    }
                    b' ' => self.f.space = true,
                    _ => break,
                }
                i += 1;
            }
            // argument index
            let (ni, na, ok) = arg_number(format, i, argn, args.len());
            if ni != i {
                reordered = true;
            }
            let mut good_argnum = ok;
            i = ni;
            argn = na;
            // width
            if i < end && format[i] == b'*' {
                i += 1;
                match int_from_arg(args, argn).filter(|w| w.unsigned_abs() <= 1_000_000) {
                    Some(w) => {
                        argn += 1;
                        if w < 0 {
                            self.f.minus = true;
                            self.f.zero = false;
                            self.f.wid = Some(w.unsigned_abs() as usize);
                        } else {
                            self.f.wid = Some(w as usize);
                        }
                    }
                    None => {
                        if argn < args.len() {
                            argn += 1;
                        }
                        self.write_str("%!(BADWIDTH)");
                    }
                }
            } else {
                let (n, ni) = parse_num(format, i);
                if ni != i {
                    self.f.wid = Some(n);
                }
                i = ni;
            }
            // precision
            if i < end && format[i] == b'.' {
                i += 1;
                let (ni, na, ok) = arg_number(format, i, argn, args.len());
                if ni != i {
                    reordered = true;
                }
                good_argnum &= ok;
                i = ni;
                argn = na;
                if i < end && format[i] == b'*' {
                    i += 1;
                    match int_from_arg(args, argn).filter(|p| p.unsigned_abs() <= 1_000_000) {
                        Some(p) if p >= 0 => {
                            argn += 1;
                            self.f.prec = Some(p as usize);
                        }
                        Some(_) => {
                            argn += 1;
                            self.f.prec = None;
                        }
                        None => {
                            if argn < args.len() {
                                argn += 1;
                            }
                            self.write_str("%!(BADPREC)");
                        }
                    }
                } else {
                    let (n, ni) = parse_num(format, i);
                    self.f.prec = Some(if ni != i { n } else { 0 });
                    i = ni;
                }
            }
            let (ni, na, ok) = arg_number(format, i, argn, args.len());
            if ni != i {
                reordered = true;
            }
            good_argnum &= ok;
            i = ni;
            argn = na;
            if i >= end {
                self.write_str("%!(NOVERB)");
                break;
            }
            let (verb, size) = {
                let (r, w) = crate::interp::decode_rune(&format[i..]);
                (char::from_u32(r).unwrap_or('\u{FFFD}'), w.max(1))
            };
            i += size;
            if verb == '%' {
                self.buf.push(b'%');
                continue;
            }
            if !good_argnum {
                self.write_str("%!");
                self.push_char(verb);
                self.write_str("(BADINDEX)");
                continue;
            }
            if argn >= args.len() {
                self.write_str("%!");
                self.push_char(verb);
                self.write_str("(MISSING)");
                continue;
            }
            let verb = if verb == 'w' && self.wrap_errs {
                let is_err = match &args[argn] {
                    Value::Iface(x) => self
                        .error_name
                        .is_some_and(|e| self.types.method(x.ty, e).is_some()),
                    _ => false,
                };
                if is_err {
                    self.wrapped.push(argn);
                    'v'
                } else {
                    'w'
                }
            } else {
                verb
            };
            if verb == 'v' {
                if self.f.sharp {
                    self.f.sharp = false;
                    self.f.sharp_v = true;
                }
                if self.f.plus {
                    self.f.plus = false;
                    self.f.plus_v = true;
                }
            }
            let arg = args[argn].clone();
            argn += 1;
            self.print_arg(&arg, verb);
        }
        if !reordered && argn < args.len() {
            self.f = Flags::default();
            self.write_str("%!(EXTRA ");
            for (k, a) in args[argn..].iter().enumerate() {
                if k > 0 {
                    self.write_str(", ");
                }
                match a {
                    Value::Iface(x) => {
                        let name = self.types.name(x.ty).to_string();
                        self.write_str(&name);
                        self.buf.push(b'=');
                        self.print_arg(a, 'v');
                    }
                    _ => self.write_str("<nil>"),
                }
            }
            self.buf.push(b')');
        }
    }

    fn push_char(&mut self, c: char) {
        let mut b = [0u8; 4];
        self.write(c.encode_utf8(&mut b).as_bytes());
    }

    // --- printArg ---

    fn print_arg(&mut self, arg: &Value, verb: char) {
        let Value::Iface(x) = arg else {
            match verb {
                'T' | 'v' => self.pad_str("<nil>"),
                _ => self.bad_verb_nil(verb),
            }
            return;
        };
        let (ty, v) = (x.ty, &x.value);
        if verb == 'T' {
            let name = self.types.name(ty).to_string();
            self.fmt_s(name.as_bytes(), 's');
            return;
        }
        if verb == 'p' {
            self.fmt_pointer(v, ty, 'p');
            return;
        }
        self.print_value_top(v, ty, verb, true);
    }

    /// printArg's fast paths plus handleMethods for a top-level operand.
    fn print_value_top(&mut self, v: &Value, ty: TypeId, verb: char, can_iface: bool) {
        if can_iface && self.handle_methods(v, ty, verb) {
            return;
        }
        self.print_value(v, ty, verb, 0);
    }

    /// Calls Error()/String() if fmt would (handleMethods). Returns true if handled.
    fn handle_methods(&mut self, v: &Value, ty: TypeId, verb: char) -> bool {
        if self.no_methods || self.f.sharp_v {
            return false;
        }
        if !matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
            return false;
        }
        let method = [self.error_name, self.string_name]
            .into_iter()
            .flatten()
            .find(|m| {
                self.types
                    .method(ty, *m)
                    .is_some_and(|meth| self.method_sig_ok(meth))
            });
        let Some(method) = method else { return false };
        let imp = self.types.method(ty, method).map(|m| m.imp);
        let text: GoStr = match imp {
            Some(MethodImpl::Builtin(b)) => {
                match builtin_method_text(b, v, self.types, self.heap) {
                    Some(s) => s,
                    None => return false,
                }
            }
            _ => {
                let idx = self.next_result;
                self.next_result += 1;
                match self.results.get(idx) {
                    Some(s) => s.clone(),
                    None => {
                        self.needed.push(MethodCall {
                            recv: Value::iface(ty, v.clone()),
                            method,
                            verb,
                        });
                        GoStr::EMPTY
                    }
                }
            }
        };
        self.fmt_string(text.as_bytes(), verb);
        true
    }

    fn method_sig_ok(&self, m: &crate::types::Method) -> bool {
        // Error() string / String() string: the compiler records the signature; builtins have none or the right one.
        match m.ty {
            None => true,
            Some(t) => matches!(self.types.kind(t), TypeKind::Func { params, results, .. }
                if params.is_empty() && results.len() == 1 && matches!(self.types.kind(results[0]), TypeKind::String)),
        }
    }

    fn bad_verb_nil(&mut self, verb: char) {
        self.write_str("%!");
        self.push_char(verb);
        self.write_str("(<nil>)");
    }

    fn bad_verb(&mut self, v: &Value, ty: TypeId, verb: char) {
        let saved = self.f;
        self.write_str("%!");
        self.push_char(verb);
        self.buf.push(b'(');
        self.f = Flags::default();
        let name = self.types.name(ty).to_string();
        self.write_str(&name);
        self.buf.push(b'=');
        self.print_value_top(v, ty, 'v', true);
        self.buf.push(b')');
        self.f = saved;
    }

    /// printValue (reflection-based printing).
    fn print_value(&mut self, v: &Value, ty: TypeId, verb: char, depth: usize) {
        let types = self.types;
        match types.kind(ty).clone() {
            TypeKind::Bool => self.fmt_bool(v, ty, verb),
            TypeKind::Int(k) => self.fmt_integer(v, ty, k, verb),
            TypeKind::Float(k) => {
                self.fmt_float(v, ty, if k == NumKind::F32 { 32 } else { 64 }, verb)
            }
            TypeKind::String => match verb {
                'v' if self.f.sharp_v => self.fmt_q(v.as_str()),
                'v' | 's' | 'x' | 'X' | 'q' => self.fmt_string(v.as_str(), verb),
                _ => self.bad_verb(v, ty, verb),
            },
            TypeKind::Map { key, elem } => {
                if self.f.sharp_v {
                    let name = types.name(ty).to_string();
                    self.write_str(&name);
                    if v.is_nil() {
                        self.write_str("(nil)");
                        return;
                    }
                    self.buf.push(b'{');
                } else {
                    self.write_str("map[");
                }
                let mut entries: Vec<(Value, Value)> = match v {
                    Value::Map(m) => self
                        .heap
                        .map(*m)
                        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                crate::util::sort_by(&mut entries, |a, b| compare_keys(&a.0, &b.0, key, types));
                for (i, (k, e)) in entries.iter().enumerate() {
                    if i > 0 {
                        if self.f.sharp_v {
                            self.write_str(", ");
                        } else {
                            self.buf.push(b' ');
                        }
                    }
                    self.print_elem(k, key, verb, depth + 1);
                    self.buf.push(b':');
                    self.print_elem(e, elem, verb, depth + 1);
                }
                if self.f.sharp_v {
                    self.buf.push(b'}');
                } else {
                    self.buf.push(b']');
                }
            }
            TypeKind::Struct { fields } => {
                if self.f.sharp_v {
                    let name = types.name(ty).to_string();
                    self.write_str(&name);
                }
                self.buf.push(b'{');
                let slots: &[Value] = match v {
                    Value::Agg(a) => a,
                    _ => &[],
                };
                for (i, fld) in fields.iter().enumerate() {
                    if i > 0 {
                        if self.f.sharp_v {
                            self.write_str(", ");
                        } else {
                            self.buf.push(b' ');
                        }
                    }
                    if self.f.plus_v || self.f.sharp_v {
                        self.write_str(&fld.name);
                        self.buf.push(b':');
                    }
                    let fv = slot_value(slots, fld.offset, fld.ty, types);
                    let exported =
                        fld.name.chars().next().is_some_and(|c| c.is_uppercase()) || fld.embedded;
                    if exported {
                        self.print_elem(&fv, fld.ty, verb, depth + 1);
                    } else {
                        let saved = self.no_methods;
                        self.no_methods = true;
                        self.print_elem(&fv, fld.ty, verb, depth + 1);
                        self.no_methods = saved;
                    }
                }
                self.buf.push(b'}');
            }
            TypeKind::Interface { .. } => match v {
                Value::Iface(x) => {
                    let (t, inner) = (x.ty, x.value.clone());
                    self.print_elem(&inner, t, verb, depth + 1)
                }
                _ => {
                    if self.f.sharp_v {
                        let name = types.name(ty).to_string();
                        self.write_str(&name);
                        self.write_str("(nil)");
                    } else {
                        self.pad_str("<nil>");
                    }
                }
            },
            TypeKind::Array { elem, len } => {
                let w = types.slots(elem);
                let slots: Vec<Value> = match v {
                    Value::Agg(a) => (0..len)
                        .map(|i| slot_value(a, i * w, elem, types))
                        .collect(),
                    _ => Vec::new(),
                };
                self.print_list(&slots, ty, elem, verb, depth, false);
            }
            TypeKind::Slice { elem } => {
                let elems: Vec<Value> = match v {
                    Value::Slice(s) => {
                        let w = types.slots(elem);
                        (0..s.len)
                            .map(|i| {
                                self.heap
                                    .slots(s.obj)
                                    .map(|slots| {
                                        slot_value(
                                            slots.get(s.offset as usize..).unwrap_or(&[]),
                                            i * w,
                                            elem,
                                            types,
                                        )
                                    })
                                    .unwrap_or_default()
                            })
                            .collect()
                    }
                    _ => Vec::new(),
                };
                self.print_list(&elems, ty, elem, verb, depth, v.is_nil());
            }
            TypeKind::Pointer { elem } => {
                if depth == 0 {
                    if let Value::Ptr(p) = v {
                        if matches!(
                            types.kind(elem),
                            TypeKind::Array { .. }
                                | TypeKind::Slice { .. }
                                | TypeKind::Struct { .. }
                                | TypeKind::Map { .. }
                        ) {
                            let inner = load_value(self.heap, types, *p, elem);
                            self.buf.push(b'&');
                            self.print_value(&inner, elem, verb, depth + 1);
                            return;
                        }
                    }
                }
                self.fmt_pointer(v, ty, verb);
            }
            TypeKind::Chan { .. } | TypeKind::Func { .. } => self.fmt_pointer(v, ty, verb),
        }
    }

    /// A nested element: handleMethods applies at depth > 0 too.
    fn print_elem(&mut self, v: &Value, ty: TypeId, verb: char, depth: usize) {
        if let TypeKind::Interface { .. } = self.types.kind(ty) {
            match v {
                Value::Iface(x) => {
                    let (t, inner) = (x.ty, x.value.clone());
                    if self.handle_methods(&inner, t, verb) {
                        return;
                    }
                    self.print_value(&inner, t, verb, depth);
                }
                _ => self.print_value(v, ty, verb, depth),
            }
            return;
        }
        if self.handle_methods(v, ty, verb) {
            return;
        }
        self.print_value(v, ty, verb, depth);
    }

    fn print_list(
        &mut self,
        elems: &[Value],
        ty: TypeId,
        elem: TypeId,
        verb: char,
        depth: usize,
        is_nil: bool,
    ) {
        let types = self.types;
        let is_bytes = matches!(types.kind(elem), TypeKind::Int(NumKind::U8));
        if is_bytes && matches!(verb, 's' | 'q' | 'x' | 'X') {
            let bytes: Vec<u8> = elems.iter().map(|b| b.as_int() as u8).collect();
            self.fmt_string(&bytes, verb);
            return;
        }
        if self.f.sharp_v {
            let mut name = types.name(ty).to_string();
            if depth == 0 && name == "[]uint8" {
                // printArg's `case []byte` names the operand's static type.
                name = "[]byte".to_string();
            }
            self.write_str(&name);
            if is_nil && matches!(types.kind(ty), TypeKind::Slice { .. }) {
                self.write_str("(nil)");
                return;
            }
            self.buf.push(b'{');
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    self.write_str(", ");
                }
                self.print_elem(e, elem, verb, depth + 1);
            }
            self.buf.push(b'}');
            return;
        }
        self.buf.push(b'[');
        for (i, e) in elems.iter().enumerate() {
            if i > 0 {
                self.buf.push(b' ');
            }
            self.print_elem(e, elem, verb, depth + 1);
        }
        self.buf.push(b']');
    }

    fn fmt_pointer(&mut self, v: &Value, ty: TypeId, verb: char) {
        let u = addr_u64(v);
        match verb {
            'v' => {
                if self.f.sharp_v {
                    self.buf.push(b'(');
                    let name = self.types.name(ty).to_string();
                    self.write_str(&name);
                    self.write_str(")(");
                    if u == 0 {
                        self.write_str("nil");
                    } else {
                        self.write_str(&format!("0x{u:x}"));
                    }
                    self.buf.push(b')');
                } else if u == 0 {
                    self.pad_str("<nil>");
                } else {
                    self.pad_str(&format!("0x{u:x}"));
                }
            }
            'p' => {
                if v.is_nil()
                    && !matches!(
                        self.types.kind(ty),
                        TypeKind::Pointer { .. }
                            | TypeKind::Chan { .. }
                            | TypeKind::Func { .. }
                            | TypeKind::Map { .. }
                            | TypeKind::Slice { .. }
                    )
                {
                    self.bad_verb(v, ty, verb);
                    return;
                }
                self.pad_str(&format!("0x{u:x}"));
            }
            // fmtPointer: the address as an unsigned integer, 0x only with the # flag.
            'b' | 'o' | 'd' | 'x' | 'X' => self.fmt_int_base(u, false, verb),
            _ => self.bad_verb(v, ty, verb),
        }
    }

    fn fmt_bool(&mut self, v: &Value, ty: TypeId, verb: char) {
        match verb {
            't' | 'v' => self.pad_str(if v.as_bool() { "true" } else { "false" }),
            _ => self.bad_verb(v, ty, verb),
        }
    }

    fn fmt_integer(&mut self, v: &Value, ty: TypeId, k: NumKind, verb: char) {
        let i = v.as_int();
        let signed = k.is_signed();
        let u = i as u64;
        match verb {
            'v' => {
                if self.f.sharp_v && !signed {
                    let saved = self.f.sharp;
                    self.f.sharp = true;
                    self.fmt_int_base(u, false, 'x');
                    self.f.sharp = saved;
                } else {
                    self.fmt_int_base(u, signed, 'd');
                }
            }
            'd' | 'b' | 'o' | 'O' | 'x' | 'X' => self.fmt_int_base(u, signed, verb),
            'c' => {
                let c = char::from_u32(u as u32)
                    .filter(|_| u <= 0x10FFFF)
                    .unwrap_or('\u{FFFD}');
                let mut b = [0u8; 4];
                let s = c.encode_utf8(&mut b).to_string();
                self.pad_str(&s);
            }
            'q' => {
                let r = if u <= 0x10FFFF { u as u32 } else { 0xFFFD };
                let mut s = String::from("'");
                push_quoted_rune(&mut s, r, b'\'', self.f.plus);
                s.push('\'');
                self.pad_str(&s);
            }
            'U' => {
                let mut s = format!("U+{:04X}", u);
                if self.f.sharp {
                    if let Some(c) = char::from_u32(u as u32).filter(|c| is_print(*c)) {
                        s.push_str(&format!(" '{c}'"));
                    }
                }
                self.pad_str(&s);
            }
            _ => self.bad_verb(v, ty, verb),
        }
    }

    /// fmtInteger of fmt/format.go.
    fn fmt_int_base(&mut self, u: u64, signed: bool, verb: char) {
        let negative = signed && (u as i64) < 0;
        let mut mag = if negative {
            (u as i64).unsigned_abs()
        } else {
            u
        };
        let base: u64 = match verb {
            'b' => 2,
            'o' | 'O' => 8,
            'x' | 'X' => 16,
            _ => 10,
        };
        let mut prec = 0usize;
        let mut zero = self.f.zero;
        if let Some(p) = self.f.prec {
            prec = p;
            if p == 0 && u == 0 {
                let w = self.f.wid.unwrap_or(0);
                self.write_padding(w, false);
                return;
            }
            zero = false;
        } else if self.f.zero && self.f.wid.is_some() && !self.f.minus {
            prec = self.f.wid.unwrap_or(0);
            if negative || self.f.plus || self.f.space {
                prec = prec.saturating_sub(1);
            }
            zero = false;
        }
        let digits: &[u8] = if verb == 'X' {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        let mut out: Vec<u8> = Vec::new();
        loop {
            out.push(digits[(mag % base) as usize]);
            mag /= base;
            if mag == 0 {
                break;
            }
        }
        while out.len() < prec {
            out.push(b'0');
        }
        if self.f.sharp {
            match base {
                2 => out.extend_from_slice(b"b0"),
                8 if out.last() != Some(&b'0') => out.push(b'0'),
                16 => {
                    out.push(if verb == 'X' { b'X' } else { b'x' });
                    out.push(b'0');
                }
                _ => {}
            }
        }
        if verb == 'O' {
            out.extend_from_slice(b"o0");
        }
        if negative {
            out.push(b'-');
        } else if self.f.plus {
            out.push(b'+');
        } else if self.f.space {
            out.push(b' ');
        }
        out.reverse();
        let saved = self.f.zero;
        self.f.zero = zero;
        self.pad(&out);
        self.f.zero = saved;
    }

    fn fmt_float(&mut self, v: &Value, ty: TypeId, bits: u32, verb: char) {
        let x = v.as_float();
        let prec = self.f.prec.map(|p| p as i32);
        match verb {
            'v' => self.fmt_float_core(x, bits, 'g', prec.unwrap_or(-1)),
            'b' | 'g' | 'G' | 'x' | 'X' => self.fmt_float_core(x, bits, verb, prec.unwrap_or(-1)),
            'f' | 'e' | 'E' | 'F' => self.fmt_float_core(x, bits, verb, prec.unwrap_or(6)),
            _ => self.bad_verb(v, ty, verb),
        }
    }

    fn fmt_float_core(&mut self, v: f64, bits: u32, verb: char, prec: i32) {
        let s = format_float(v, verb, prec, bits);
        let mut num: Vec<u8> = if s.starts_with('-') || s.starts_with('+') {
            s.into_bytes()
        } else {
            let mut n = vec![b'+'];
            n.extend_from_slice(s.as_bytes());
            n
        };
        if self.f.space && num[0] == b'+' && !self.f.plus {
            num[0] = b' ';
        }
        if num.get(1) == Some(&b'I') || num.get(1) == Some(&b'N') {
            let saved = self.f.zero;
            self.f.zero = false;
            if num[1] == b'N' && !self.f.space && !self.f.plus {
                num.remove(0);
            }
            self.pad(&num);
            self.f.zero = saved;
            return;
        }
        if self.f.sharp && verb != 'b' {
            // fmtFloat's sharp flag: always a decimal point, and %#g keeps its trailing zeros up to
            // the precision (6 when none is given); %e and %f only get the point.
            let mut digits = if matches!(verb, 'v' | 'g' | 'G' | 'x') {
                if prec < 0 {
                    6
                } else {
                    prec
                }
            } else {
                0
            };
            let hex = matches!(verb, 'x' | 'X');
            let epos = num
                .iter()
                .position(|&c| {
                    if hex {
                        c == b'p' || c == b'P'
                    } else {
                        c == b'e' || c == b'E'
                    }
                })
                .unwrap_or(num.len());
            let tail = num.split_off(epos);
            let mut has_point = false;
            let mut nonzero = false;
            for &c in &num[1..] {
                if c == b'.' {
                    has_point = true;
                    continue;
                }
                nonzero |= c != b'0';
                if nonzero {
                    digits -= 1;
                }
            }
            if !has_point {
                if num.len() == 2 && num[1] == b'0' {
                    digits -= 1;
                }
                num.push(b'.');
            }
            while digits > 0 {
                num.push(b'0');
                digits -= 1;
            }
            num.extend_from_slice(&tail);
        }
        if self.f.plus || num[0] != b'+' {
            if self.f.zero && !self.f.minus && self.f.wid.is_some_and(|w| w > num.len()) {
                let w = self.f.wid.unwrap_or(0);
                self.buf.push(num[0]);
                self.write_padding(w - num.len(), true);
                self.write(&num[1..]);
                return;
            }
            self.pad(&num);
            return;
        }
        let rest = num[1..].to_vec();
        self.pad(&rest);
    }

    /// fmtString: %v %s %x %X %q on string bytes.
    fn fmt_string(&mut self, s: &[u8], verb: char) {
        match verb {
            'v' => {
                if self.f.sharp_v {
                    self.fmt_q(s)
                } else {
                    self.fmt_s(s, 's')
                }
            }
            's' => self.fmt_s(s, 's'),
            'x' => self.fmt_sx(s, b"0123456789abcdef"),
            'X' => self.fmt_sx(s, b"0123456789ABCDEF"),
            'q' => self.fmt_q(s),
            _ => {
                let v = Value::Str(GoStr::from_bytes(s));
                self.bad_verb(&v, builtin::STRING, verb)
            }
        }
    }

    fn fmt_s(&mut self, s: &[u8], _verb: char) {
        let s = match self.f.prec {
            Some(p) => {
                // Truncate to p runes.
                let mut n = 0;
                let mut i = 0;
                while i < s.len() && n < p {
                    let (_, w) = crate::interp::decode_rune(&s[i..]);
                    i += w.max(1);
                    n += 1;
                }
                &s[..i]
            }
            None => s,
        };
        self.pad(s);
    }

    fn fmt_sx(&mut self, s: &[u8], digits: &[u8]) {
        let s = match self.f.prec {
            Some(p) if p < s.len() => &s[..p],
            _ => s,
        };
        let mut out = Vec::new();
        for (i, b) in s.iter().enumerate() {
            if i > 0 && self.f.space {
                out.push(b' ');
            }
            if self.f.sharp && (i == 0 || self.f.space) {
                out.push(b'0');
                out.push(if digits[10] == b'A' { b'X' } else { b'x' });
            }
            out.push(digits[(b >> 4) as usize]);
            out.push(digits[(b & 15) as usize]);
        }
        self.pad(&out);
    }

    fn fmt_q(&mut self, s: &[u8]) {
        let s = match self.f.prec {
            Some(p) => {
                let mut n = 0;
                let mut i = 0;
                while i < s.len() && n < p {
                    let (_, w) = crate::interp::decode_rune(&s[i..]);
                    i += w.max(1);
                    n += 1;
                }
                &s[..i]
            }
            None => s,
        };
        if self.f.sharp && can_backquote(s) {
            let mut out = vec![b'`'];
            out.extend_from_slice(s);
            out.push(b'`');
            self.pad(&out);
            return;
        }
        let q = quote_with(s, b'"', self.f.plus);
        self.pad_str(&q);
    }

    // --- panics (runtime/error.go printpanicval) ---

    fn print_panic_value(&mut self, v: &Value) {
        let Value::Iface(x) = v else {
            self.write_str("nil");
            return;
        };
        let (ty, inner) = (x.ty, x.value.clone());
        // preprintpanics: errors print Error(), Stringers String().
        if !self.no_methods {
            for m in [self.error_name, self.string_name].into_iter().flatten() {
                if let Some(meth) = self.types.method(ty, m) {
                    if !self.method_sig_ok(meth) {
                        continue;
                    }
                    let text = match meth.imp {
                        MethodImpl::Builtin(b) => {
                            builtin_method_text(b, &inner, self.types, self.heap)
                        }
                        MethodImpl::Func { .. } => {
                            let idx = self.next_result;
                            self.next_result += 1;
                            match self.results.get(idx) {
                                Some(s) => Some(s.clone()),
                                None => {
                                    self.needed.push(MethodCall {
                                        recv: v.clone(),
                                        method: m,
                                        verb: 'v',
                                    });
                                    Some(GoStr::EMPTY)
                                }
                            }
                        }
                    };
                    if let Some(t) = text {
                        self.write(t.as_bytes());
                        return;
                    }
                }
            }
        }
        let desc = self.types.desc(ty);
        let named = desc.named;
        match &desc.kind {
            TypeKind::Bool | TypeKind::Int(_) | TypeKind::Float(_) | TypeKind::String => {
                if named {
                    let name = desc.name.clone();
                    self.write_str(&name);
                    self.buf.push(b'(');
                }
                match &desc.kind {
                    TypeKind::Bool => {
                        self.write_str(if inner.as_bool() { "true" } else { "false" })
                    }
                    TypeKind::Int(k) => {
                        let s = if k.is_signed() {
                            inner.as_int().to_string()
                        } else {
                            (inner.as_int() as u64).to_string()
                        };
                        self.write_str(&s)
                    }
                    TypeKind::Float(_) => {
                        let s = runtime_float(inner.as_float());
                        self.write_str(&s)
                    }
                    _ => {
                        if named {
                            self.buf.push(b'"');
                            self.write(inner.as_str());
                            self.buf.push(b'"');
                        } else {
                            self.write(inner.as_str());
                        }
                    }
                }
                if named {
                    self.buf.push(b')');
                }
            }
            _ => {
                // printanycustomtype's default: (TYPE) ADDRESS
                let name = desc.name.clone();
                let addr = 0xc000012000u64 + ty.0 as u64 * 0x40;
                self.write_str(&format!("({name}) 0x{addr:x}"));
            }
        }
    }
}

/// strconv.CanBackquote: no invalid UTF-8, no byte order mark, no ASCII control but tab, no '`'.
fn can_backquote(s: &[u8]) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        let (r, w) = crate::interp::decode_rune(rest);
        rest = &rest[w.max(1)..];
        let bad = if w > 1 {
            r == 0xFEFF
        } else {
            r == 0xFFFD || (r < 0x20 && r != 0x09) || r == 0x60 || r == 0x7F
        };
        if bad {
            return false;
        }
    }
    true
}

/// Builtin method results as strings (Error/String implemented by the runtime).
fn builtin_method_text(
    b: crate::types::BuiltinMethod,
    recv: &Value,
    types: &Types,
    heap: &Heap,
) -> Option<GoStr> {
    use crate::types::BuiltinMethod as B;
    let field = |i: u32| -> Option<Value> {
        match recv {
            Value::Ptr(p) => heap
                .slot(Ptr {
                    obj: p.obj,
                    slot: p.slot + i,
                })
                .cloned(),
            _ => None,
        }
    };
    Some(match b {
        B::RuntimeErrorError => {
            let mut v = b"runtime error: ".to_vec();
            v.extend_from_slice(recv.as_str());
            GoStr::from_vec(v)
        }
        B::PlainErrorError => GoStr::from_bytes(recv.as_str()),
        B::FirstFieldError => GoStr::from_bytes(field(0)?.as_str()),
        B::JoinErrorError => {
            let errs = field(0)?;
            let msgs: Vec<String> = match errs {
                Value::Slice(s) => (0..s.len)
                    .filter_map(|i| {
                        heap.slots(s.obj)
                            .and_then(|sl| sl.get((s.offset + i) as usize))
                            .cloned()
                    })
                    .map(|e| error_text_builtin(&e, types, heap))
                    .collect(),
                _ => Vec::new(),
            };
            GoStr::from(msgs.join("\n"))
        }
        B::NumErrorError => {
            let func = field(0)?;
            let num = field(1)?;
            let err = field(2)?;
            GoStr::from(format!(
                "strconv.{}: parsing {}: {}",
                String::from_utf8_lossy(func.as_str()),
                quote(num.as_str()),
                error_text_builtin(&err, types, heap)
            ))
        }
        B::DurationString => GoStr::from(duration_string(recv.as_int())),
        B::WrapErrorUnwrap | B::WrapErrorsUnwrap | B::NumErrorUnwrap | B::RuntimeErrorMarker => {
            return None
        }
    })
}

/// The value of type `ty` at flat `offset` of `slots`.
fn slot_value(slots: &[Value], offset: u32, ty: TypeId, types: &Types) -> Value {
    let o = offset as usize;
    if types.is_aggregate(ty) {
        let w = types.slots(ty) as usize;
        slots
            .get(o..o + w)
            .map(|r| Value::Agg(r.into()))
            .unwrap_or_else(|| types.zero(ty))
    } else {
        slots.get(o).cloned().unwrap_or_else(|| types.zero(ty))
    }
}

fn load_value(heap: &Heap, types: &Types, p: Ptr, ty: TypeId) -> Value {
    match heap.get(p.obj) {
        Some(Object::Slots(s)) => slot_value(s, p.slot, ty, types),
        _ => types.zero(ty),
    }
}

/// internal/fmtsort compare.
fn compare_keys(a: &Value, b: &Value, ty: TypeId, types: &Types) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match types.kind(ty) {
        TypeKind::Int(k) => {
            if k.is_signed() {
                a.as_int().cmp(&b.as_int())
            } else {
                (a.as_int() as u64).cmp(&(b.as_int() as u64))
            }
        }
        TypeKind::Float(_) => {
            let (x, y) = (a.as_float(), b.as_float());
            match (x.is_nan(), y.is_nan()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                _ => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            }
        }
        TypeKind::String => a.as_str().cmp(b.as_str()),
        TypeKind::Bool => a.as_bool().cmp(&b.as_bool()),
        TypeKind::Struct { fields } => {
            let (sa, sb): (&[Value], &[Value]) = match (a, b) {
                (Value::Agg(x), Value::Agg(y)) => (x, y),
                _ => return Ordering::Equal,
            };
            for f in fields {
                let c = compare_keys(
                    &slot_value(sa, f.offset, f.ty, types),
                    &slot_value(sb, f.offset, f.ty, types),
                    f.ty,
                    types,
                );
                if c != Ordering::Equal {
                    return c;
                }
            }
            Ordering::Equal
        }
        TypeKind::Array { elem, len } => {
            let (sa, sb): (&[Value], &[Value]) = match (a, b) {
                (Value::Agg(x), Value::Agg(y)) => (x, y),
                _ => return Ordering::Equal,
            };
            let w = types.slots(*elem);
            for i in 0..*len {
                let c = compare_keys(
                    &slot_value(sa, i * w, *elem, types),
                    &slot_value(sb, i * w, *elem, types),
                    *elem,
                    types,
                );
                if c != Ordering::Equal {
                    return c;
                }
            }
            Ordering::Equal
        }
        TypeKind::Interface { .. } => match (a, b) {
            (Value::Nil, Value::Nil) => Ordering::Equal,
            (Value::Nil, _) => Ordering::Less,
            (_, Value::Nil) => Ordering::Greater,
            (Value::Iface(x), Value::Iface(y)) => {
                x.ty.cmp(&y.ty)
                    .then_with(|| compare_keys(&x.value, &y.value, x.ty, types))
            }
            _ => Ordering::Equal,
        },
        _ => addr_u64(a).cmp(&addr_u64(b)),
    }
}

fn parse_num(s: &[u8], start: usize) -> (usize, usize) {
    let mut i = start;
    let mut n = 0usize;
    while i < s.len() && s[i].is_ascii_digit() {
        if n > 1_000_000 {
            return (0, i);
        }
        n = n * 10 + (s[i] - b'0') as usize;
        i += 1;
    }
    (n, i)
}

/// `[n]` explicit argument indexes: returns (new i, new argn, ok).
fn arg_number(s: &[u8], i: usize, argn: usize, nargs: usize) -> (usize, usize, bool) {
    if i >= s.len() || s[i] != b'[' {
        return (i, argn, true);
    }
    let mut j = i + 1;
    while j < s.len() && s[j] != b']' {
        j += 1;
    }
    if j >= s.len() {
        return (i + 1, argn, false);
    }
    let (n, end) = parse_num(s, i + 1);
    if end != j || n == 0 || n > nargs {
        return (j + 1, argn, false);
    }
    (j + 1, n - 1, true)
}

fn int_from_arg(args: &[Value], argn: usize) -> Option<i64> {
    match args.get(argn)? {
        Value::Iface(x) => match x.value {
            Value::Int(i) => Some(i),
            _ => None,
        },
        _ => None,
    }
}

/// A short Go-syntax rendering of a value for snapshots and the UI (`%#v`-like, no method calls):
/// `42`, `"hi"`, `[]int{1, 2}`, `main.P{X:1, Y:2}`, `(*main.P)(0xc000010100)`.
pub fn describe(v: &Value, ty: TypeId, types: &Types, heap: &Heap) -> String {
    let mut p = Printer::new(types, heap, &[]);
    p.no_methods = true;
    p.f.sharp_v = true;
    match types.kind(ty) {
        TypeKind::Interface { .. } => match v {
            Value::Iface(x) => {
                let (t, inner) = (x.ty, x.value.clone());
                p.print_value(&inner, t, 'v', 1)
            }
            _ => p.write_str("nil"),
        },
        _ => p.print_value(v, ty, 'v', 1),
    }
    String::from_utf8_lossy(&p.buf).into_owned()
}

/// Go's `%v` of a value of static type `ty` without calling Go methods (runtime-implemented `Error`/`String`
/// methods are used): for events and snapshots.
pub fn sprint_value(v: &Value, ty: TypeId, types: &Types, heap: &Heap) -> String {
    let mut p = Printer::new(types, heap, &[]);
    match types.kind(ty) {
        TypeKind::Interface { .. } => p.print_arg(v, 'v'),
        _ => p.print_arg(&Value::iface(ty, v.clone()), 'v'),
    }
    // Go methods that would have been called print as their receiver's plain value.
    if !p.needed.is_empty() {
        let mut q = Printer::new(types, heap, &[]);
        q.no_methods = true;
        match types.kind(ty) {
            TypeKind::Interface { .. } => q.print_arg(v, 'v'),
            _ => q.print_arg(&Value::iface(ty, v.clone()), 'v'),
        }
        return String::from_utf8_lossy(&q.buf).into_owned();
    }
    String::from_utf8_lossy(&p.buf).into_owned()
}

#[cfg(test)]
#[path = "fmt_tests.rs"]
mod tests;
