//! Go values as the interpreter holds them in registers and heap slots (Go's in-memory representation,
//! `runtime/runtime2.go` `iface`/`eface`, `runtime/slice.go` `slice`, `runtime/string.go` `stringStruct`).
//!
//! Invariants:
//! - `Value` is 24 bytes and cheap to clone: strings and aggregates are reference-counted and immutable
//!   (aggregates are copied on write with `Rc::make_mut`), everything mutable lives in the [`crate::heap::Heap`]
//!   and is reached through `u32` ids.
//! - An `Agg` is a flat run of *scalar* slots: it never contains another `Agg` (nested structs/arrays are
//!   flattened; see `crate::program` "machine model").
//! - Integers are normalised to their kind's width (see `NumKind::wrap`); `float32` values are f64s that are
//!   exactly representable as f32.
//! - Nil pointers, slices, maps, channels, funcs and interfaces are all `Value::Nil`.
//! - Derived `PartialEq`/`Eq`/`Hash` are *structural* (floats by bits): for tests and state hashing.
//!   Go's `==` is [`go_equal`].

use std::fmt;
use std::rc::Rc;

use crate::heap::ObjId;
use crate::ids::{ChanId, SyncId, TimerId};
use crate::program::FuncId;
use crate::types::{TypeId, TypeKind, Types};

/// A Go value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Value {
    /// The zero value of pointers, slices, maps, channels, funcs and interfaces.
    #[default]
    Nil,
    /// A bool.
    Bool(bool),
    /// Any integer kind, normalised to its width.
    Int(i64),
    /// float32 or float64.
    Float(F64),
    /// A string (immutable bytes).
    Str(GoStr),
    /// A struct or array value: flat scalar slots.
    Agg(Rc<[Value]>),
    /// A non-nil pointer to a heap slot.
    Ptr(Ptr),
    /// A non-nil slice.
    Slice(SliceRef),
    /// A non-nil map.
    Map(ObjId),
    /// A non-nil channel (owned by the scheduler).
    Chan(ChanId),
    /// A non-nil function value.
    Func(FuncValue),
    /// A non-nil interface value: dynamic type and value.
    Iface(Rc<Iface>),
    /// A sync object's identity, stored by the scheduler in the object's storage slot on first use.
    Sync(SyncId),
    /// A runtime timer (behind `*time.Timer`, `*time.Ticker`).
    Timer(TimerId),
    /// A map iterator (internal to `for range` over maps).
    MapIter(ObjId),
}

/// An f64 compared and hashed by bits (structural equality). Go's `==` on floats is in [`go_equal`].
#[derive(Clone, Copy, Debug)]
pub struct F64(pub f64);

impl PartialEq for F64 {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}
impl Eq for F64 {}
impl std::hash::Hash for F64 {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state)
    }
}

/// A Go string: immutable bytes, `None` for "" (no allocation for the empty string).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GoStr(Option<Rc<[u8]>>);

impl GoStr {
    /// The empty string.
    pub const EMPTY: GoStr = GoStr(None);

    /// A string from bytes.
    pub fn from_bytes(bytes: &[u8]) -> GoStr {
        if bytes.is_empty() {
            GoStr(None)
        } else {
            GoStr(Some(Rc::from(bytes)))
        }
    }

    /// A string from owned bytes.
    pub fn from_vec(bytes: Vec<u8>) -> GoStr {
        if bytes.is_empty() {
            GoStr(None)
        } else {
            GoStr(Some(Rc::from(bytes)))
        }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Some(b) => b,
            None => &[],
        }
    }

    /// Byte length.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Whether this is "".
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Lossy UTF-8 view for display.
    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(self.as_bytes()).into_owned()
    }
}

impl From<&str> for GoStr {
    fn from(s: &str) -> GoStr {
        GoStr::from_bytes(s.as_bytes())
    }
}

impl From<String> for GoStr {
    fn from(s: String) -> GoStr {
        GoStr::from_vec(s.into_bytes())
    }
}

/// A pointer: a slot of a heap object. Pointers to fields/elements point at the first slot of the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ptr {
    /// The object.
    pub obj: ObjId,
    /// The slot within it.
    pub slot: u32,
}

/// A slice header: `len`/`cap` count elements, `offset` counts slots (elements are `Types::slots(elem)` wide).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SliceRef {
    /// The backing array object.
    pub obj: ObjId,
    /// Slot of element 0 in the backing object.
    pub offset: u32,
    /// Length in elements.
    pub len: u32,
    /// Capacity in elements.
    pub cap: u32,
}

/// A function value: code plus the captured environment of a closure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuncValue {
    /// The code.
    pub func: FuncId,
    /// The closure's captures (a `heap::Object::Env`), or `None` for plain functions.
    pub env: Option<ObjId>,
}

/// A non-nil interface value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Iface {
    /// The dynamic type (never an interface type).
    pub ty: TypeId,
    /// The dynamic value (an `Agg` for structs/arrays, `Nil` for typed nils).
    pub value: Value,
}

impl Value {
    /// A string value.
    pub fn str(s: &str) -> Value {
        Value::Str(GoStr::from(s))
    }

    /// A float value.
    pub fn float(f: f64) -> Value {
        Value::Float(F64(f))
    }

    /// An interface value holding `value` with dynamic type `ty`.
    pub fn iface(ty: TypeId, value: Value) -> Value {
        Value::Iface(Rc::new(Iface { ty, value }))
    }

    /// The integer, or 0 for non-integers (the interpreter only calls this on validated integer operands).
    #[inline]
    pub fn as_int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            _ => 0,
        }
    }

    /// The float, or 0.0.
    #[inline]
    pub fn as_float(&self) -> f64 {
        match self {
            Value::Float(f) => f.0,
            Value::Int(i) => *i as f64,
            _ => 0.0,
        }
    }

    /// The bool, or false.
    #[inline]
    pub fn as_bool(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// The string bytes, or "" for non-strings.
    pub fn as_str(&self) -> &[u8] {
        match self {
            Value::Str(s) => s.as_bytes(),
            _ => &[],
        }
    }

    /// Whether this is `Nil`.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The interface's dynamic type and value, if this is a non-nil interface.
    pub fn as_iface(&self) -> Option<&Iface> {
        match self {
            Value::Iface(i) => Some(i),
            _ => None,
        }
    }
}

/// Why `==` or hashing failed: the dynamic type that is not comparable (Go panics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uncomparable(pub TypeId);

/// Go's `==` on two values of the same static type (`runtime.efaceeq`/`ifaceeq` for interfaces).
///
/// Comparing interfaces whose dynamic types are equal but not comparable is an error (Go panics with
/// "runtime error: comparing uncomparable type T").
pub fn go_equal(a: &Value, b: &Value, types: &Types) -> Result<bool, Uncomparable> {
    Ok(match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.0 == y.0,
        (Value::Str(x), Value::Str(y)) => x.as_bytes() == y.as_bytes(),
        (Value::Ptr(x), Value::Ptr(y)) => x == y,
        (Value::Chan(x), Value::Chan(y)) => x == y,
        (Value::Map(x), Value::Map(y)) => x == y,
        (Value::Sync(x), Value::Sync(y)) => x == y,
        (Value::Timer(x), Value::Timer(y)) => x == y,
        (Value::Func(_), Value::Func(_)) | (Value::Slice(_), Value::Slice(_)) => false,
        (Value::Agg(x), Value::Agg(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !go_equal(p, q, types)? {
                    return Ok(false);
                }
            }
            true
        }
        (Value::Iface(x), Value::Iface(y)) => {
            if x.ty != y.ty {
                return Ok(false);
            }
            if !types.comparable(x.ty) {
                return Err(Uncomparable(x.ty));
            }
            go_equal(&x.value, &y.value, types)?
        }
        _ => false,
    })
}

/// A hash of a map key consistent with [`go_equal`] (+0 and -0 hash alike; NaNs hash alike but never compare
/// equal, so each NaN key is a separate entry as in Go).
pub fn go_hash(v: &Value, types: &Types) -> Result<u64, Uncomparable> {
    let mut h = Fnv(0xcbf29ce484222325);
    hash_into(v, types, &mut h)?;
    Ok(h.0)
}

struct Fnv(u64);

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
    fn word(&mut self, w: u64) {
        self.write(&w.to_le_bytes())
    }
}

fn hash_into(v: &Value, types: &Types, h: &mut Fnv) -> Result<(), Uncomparable> {
    match v {
        Value::Nil => h.word(0),
        Value::Bool(b) => h.word(1 + *b as u64),
        Value::Int(i) => h.word(*i as u64),
        Value::Float(f) => {
            let x = if f.0 == 0.0 { 0.0 } else { f.0 };
            h.word(if x.is_nan() {
                0x7ff8000000000000
            } else {
                x.to_bits()
            })
        }
        Value::Str(s) => {
            h.write(s.as_bytes());
            h.word(s.len() as u64)
        }
        Value::Ptr(p) => {
            h.word(p.obj.0 as u64);
            h.word(p.slot as u64)
        }
        Value::Chan(c) => h.word(c.0 as u64 | 1 << 40),
        Value::Map(m) => h.word(m.0 as u64 | 2 << 40),
        Value::Sync(s) => h.word(s.0 as u64 | 3 << 40),
        Value::Timer(t) => h.word(t.0 as u64 | 4 << 40),
        Value::MapIter(m) => h.word(m.0 as u64 | 5 << 40),
        Value::Func(f) => h.word(f.func.0 as u64 | 6 << 40),
        Value::Slice(s) => h.word(s.obj.0 as u64 | 7 << 40),
        Value::Agg(slots) => {
            for s in slots.iter() {
                hash_into(s, types, h)?;
            }
        }
        Value::Iface(i) => {
            if !types.comparable(i.ty) {
                return Err(Uncomparable(i.ty));
            }
            h.word(i.ty.0 as u64);
            hash_into(&i.value, types, h)?;
        }
    }
    Ok(())
}

/// Whether a dynamic type is an interface-free scalar kind (used by printing of panics).
pub fn is_basic_kind(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Bool | TypeKind::Int(_) | TypeKind::Float(_) | TypeKind::String
    )
}

impl fmt::Display for GoStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}
