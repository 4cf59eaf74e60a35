//! Runtime type descriptors, like Go's `_type`/`uncommontype`/`itab` (runtime/type.go, internal/abi/type.go,
//! runtime/iface.go).
//!
//! A [`Types`] table is built by the compiler (or [`crate::builder`]) and travels inside the `Program`.
//! `Types::new()` pre-populates the builtin types at the fixed ids of [`builtin`].
//!
//! Invariants:
//! - `TypeId(i)` indexes `Types::descs`; unnamed types are interned (one id per structure), named types are
//!   distinct even with the same underlying type.
//! - After `Types::finish()`: `slots` is the flat slot count (1 for scalars, the sum of fields for structs,
//!   `len * slots(elem)` for arrays) and `comparable` is Go's comparability.
//! - A type's `methods` are sorted by `NameId` and form its method set: for `T`, value-receiver methods;
//!   for `*T`, all methods, with `Receiver::Deref` on those declared with a value receiver.
//! - Struct field offsets are slot offsets in the flattened layout.

use serde::{Deserialize, Serialize};

use crate::program::{FuncId, NameId, NumKind};
use crate::value::{GoStr, Value, F64};

/// A type: index into [`Types::descs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeId(pub u32);

/// Ids of the types every program has (`Types::new` creates them in this order).
pub mod builtin {
    use super::TypeId;
    /// bool
    pub const BOOL: TypeId = TypeId(0);
    /// int
    pub const INT: TypeId = TypeId(1);
    /// int8
    pub const INT8: TypeId = TypeId(2);
    /// int16
    pub const INT16: TypeId = TypeId(3);
    /// int32 (rune)
    pub const INT32: TypeId = TypeId(4);
    /// int64
    pub const INT64: TypeId = TypeId(5);
    /// uint
    pub const UINT: TypeId = TypeId(6);
    /// uint8 (byte)
    pub const UINT8: TypeId = TypeId(7);
    /// uint16
    pub const UINT16: TypeId = TypeId(8);
    /// uint32
    pub const UINT32: TypeId = TypeId(9);
    /// uint64
    pub const UINT64: TypeId = TypeId(10);
    /// uintptr
    pub const UINTPTR: TypeId = TypeId(11);
    /// float32
    pub const FLOAT32: TypeId = TypeId(12);
    /// float64
    pub const FLOAT64: TypeId = TypeId(13);
    /// string
    pub const STRING: TypeId = TypeId(14);
    /// `interface {}` (any)
    pub const ANY: TypeId = TypeId(15);
    /// `error`
    pub const ERROR: TypeId = TypeId(16);
    /// `[]interface {}`: the packed `...any` arguments of fmt functions.
    pub const SLICE_ANY: TypeId = TypeId(17);
    /// `[]uint8`
    pub const SLICE_BYTE: TypeId = TypeId(18);
    /// `[]int32`
    pub const SLICE_RUNE: TypeId = TypeId(19);
    /// `[]string`
    pub const SLICE_STRING: TypeId = TypeId(20);
    /// `[]error`
    pub const SLICE_ERROR: TypeId = TypeId(21);
    /// `runtime.errorString`: runtime errors such as "integer divide by zero" (Error adds "runtime error: ").
    pub const RUNTIME_ERROR_STRING: TypeId = TypeId(22);
    /// `runtime.plainError`: e.g. "assignment to entry in nil map", "send on closed channel".
    pub const RUNTIME_PLAIN_ERROR: TypeId = TypeId(23);
    /// `runtime.boundsError` (holds the message after "runtime error: ").
    pub const RUNTIME_BOUNDS_ERROR: TypeId = TypeId(24);
    /// `runtime.TypeAssertionError` (struct holding the message).
    pub const RUNTIME_TYPE_ASSERTION_ERROR: TypeId = TypeId(25);
    /// `*runtime.TypeAssertionError`
    pub const PTR_RUNTIME_TYPE_ASSERTION_ERROR: TypeId = TypeId(26);
    /// `runtime.PanicNilError` (struct)
    pub const RUNTIME_PANIC_NIL_ERROR: TypeId = TypeId(27);
    /// `*runtime.PanicNilError`
    pub const PTR_RUNTIME_PANIC_NIL_ERROR: TypeId = TypeId(28);
    /// `errors.errorString` (struct { s string })
    pub const ERRORS_ERROR_STRING: TypeId = TypeId(29);
    /// `*errors.errorString`: what `errors.New` returns.
    pub const PTR_ERRORS_ERROR_STRING: TypeId = TypeId(30);
    /// `fmt.wrapError` (struct { msg string; err error })
    pub const FMT_WRAP_ERROR: TypeId = TypeId(31);
    /// `*fmt.wrapError`: `fmt.Errorf` with one `%w`.
    pub const PTR_FMT_WRAP_ERROR: TypeId = TypeId(32);
    /// `fmt.wrapErrors` (struct { msg string; errs []error })
    pub const FMT_WRAP_ERRORS: TypeId = TypeId(33);
    /// `*fmt.wrapErrors`: `fmt.Errorf` with several `%w`.
    pub const PTR_FMT_WRAP_ERRORS: TypeId = TypeId(34);
    /// `errors.joinError` (struct { errs []error })
    pub const ERRORS_JOIN_ERROR: TypeId = TypeId(35);
    /// `*errors.joinError`: what `errors.Join` returns.
    pub const PTR_ERRORS_JOIN_ERROR: TypeId = TypeId(36);
    /// `time.Duration` (int64 with a String method)
    pub const TIME_DURATION: TypeId = TypeId(37);
    /// `strconv.NumError` (struct { Func string; Num string; Err error })
    pub const STRCONV_NUM_ERROR: TypeId = TypeId(38);
    /// `*strconv.NumError`
    pub const PTR_STRCONV_NUM_ERROR: TypeId = TypeId(39);
    /// Number of builtin types.
    pub const COUNT: u32 = 40;
}

/// Channel direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChanDir {
    /// `chan T`
    Both,
    /// `chan<- T`
    Send,
    /// `<-chan T`
    Recv,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Field {
    /// Go name (for embedded fields, the type's name without package, e.g. "Mutex").
    pub name: String,
    /// Its type.
    pub ty: TypeId,
    /// Whether the field is embedded (`struct { T }`).
    pub embedded: bool,
    /// Slot offset within the struct; computed by `Types::finish`.
    pub offset: u32,
}

/// A method of an interface type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IfaceMethod {
    /// Method name.
    pub name: NameId,
    /// Signature (a func type, without receiver).
    pub ty: TypeId,
}

/// The kind and structure of a type (its underlying type).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TypeKind {
    /// bool
    Bool,
    /// An integer kind (`NumKind::I8` .. `NumKind::Uintptr`).
    Int(NumKind),
    /// `NumKind::F32` or `NumKind::F64`.
    Float(NumKind),
    /// string
    String,
    /// `[len]elem`
    Array {
        /// Element type.
        elem: TypeId,
        /// Length.
        len: u32,
    },
    /// `[]elem`
    Slice {
        /// Element type.
        elem: TypeId,
    },
    /// `map[key]elem`
    Map {
        /// Key type.
        key: TypeId,
        /// Element type.
        elem: TypeId,
    },
    /// `*elem`
    Pointer {
        /// Pointee type.
        elem: TypeId,
    },
    /// `chan elem`
    Chan {
        /// Element type.
        elem: TypeId,
        /// Direction.
        dir: ChanDir,
    },
    /// `func(params) results`
    Func {
        /// Parameter types (a variadic last parameter is its slice type).
        params: Vec<TypeId>,
        /// Result types.
        results: Vec<TypeId>,
        /// Whether the last parameter is `...T`.
        variadic: bool,
    },
    /// `interface { methods }`, methods sorted by name id.
    Interface {
        /// The method set.
        methods: Vec<IfaceMethod>,
    },
    /// `struct { fields }`
    Struct {
        /// Fields in declaration order.
        fields: Vec<Field>,
    },
}

/// How the receiver is passed to a method's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Receiver {
    /// The receiver value as stored in the interface (T for value methods of T, the pointer for methods of *T).
    AsIs,
    /// The interface holds a `*T` but the method has a value receiver: load `*p` first
    /// (nil panics "value method main.T.M called using nil *T pointer").
    Deref,
}

/// Methods implemented by the runtime itself (for the builtin error types and time.Duration).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BuiltinMethod {
    /// `runtime.errorString.Error`: "runtime error: " + s.
    RuntimeErrorError,
    /// `runtime.plainError.Error`: s.
    PlainErrorError,
    /// `(*runtime.TypeAssertionError).Error` / `(*runtime.PanicNilError).Error` / `(*errors.errorString).Error` /
    /// `(*fmt.wrapError).Error` / `(*fmt.wrapErrors).Error`: the first field (a string) of the pointee.
    FirstFieldError,
    /// `(*fmt.wrapError).Unwrap() error`: the second field of the pointee.
    WrapErrorUnwrap,
    /// `(*fmt.wrapErrors).Unwrap() []error` / `(*errors.joinError).Unwrap() []error`.
    WrapErrorsUnwrap,
    /// `(*errors.joinError).Error`: the errors' messages joined by newlines.
    JoinErrorError,
    /// `(*strconv.NumError).Error`: `"strconv." + Func + ": parsing " + Quote(Num) + ": " + Err.Error()`.
    NumErrorError,
    /// `(*strconv.NumError).Unwrap() error`.
    NumErrorUnwrap,
    /// `time.Duration.String`.
    DurationString,
    /// `RuntimeError()`: the marker method of the `runtime.Error` interface (no results).
    RuntimeErrorMarker,
}

/// What runs when a method is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MethodImpl {
    /// Go code.
    Func {
        /// The function (receiver is its parameter 0).
        func: FuncId,
        /// How the receiver is passed.
        receiver: Receiver,
    },
    /// Implemented by the runtime.
    Builtin(BuiltinMethod),
}

/// A method of a concrete type's method set.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Method {
    /// Method name.
    pub name: NameId,
    /// Signature without receiver (a func type); used for interface satisfaction checks.
    pub ty: Option<TypeId>,
    /// What to run.
    pub imp: MethodImpl,
}

/// A type descriptor.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TypeDesc {
    /// The name as Go prints it (`%T`): "main.T", "[]int", "map[string]int", "*main.T", "interface {}".
    pub name: String,
    /// Whether the type is a defined (named) type; its `kind` is then the underlying type.
    pub named: bool,
    /// The (underlying) structure.
    pub kind: TypeKind,
    /// The method set, sorted by name id.
    pub methods: Vec<Method>,
    /// Flat slot count (computed by `finish`).
    pub slots: u32,
    /// Go comparability (computed by `finish`).
    pub comparable: bool,
}

/// The type table of a program.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Types {
    /// Descriptors; `TypeId` indexes this.
    pub descs: Vec<TypeDesc>,
    /// Interned names (method names); `NameId` indexes this.
    pub names: Vec<String>,
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

/// Why a type does not implement an interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingMethod(pub NameId);

impl Types {
    /// A table holding the builtin types at the ids of [`builtin`].
    pub fn new() -> Types {
        use builtin::*;
        let mut t = Types {
            descs: Vec::new(),
            names: Vec::new(),
        };
        let basic = [
            ("bool", TypeKind::Bool),
            ("int", TypeKind::Int(NumKind::Int)),
            ("int8", TypeKind::Int(NumKind::I8)),
            ("int16", TypeKind::Int(NumKind::I16)),
            ("int32", TypeKind::Int(NumKind::I32)),
            ("int64", TypeKind::Int(NumKind::I64)),
            ("uint", TypeKind::Int(NumKind::Uint)),
            ("uint8", TypeKind::Int(NumKind::U8)),
            ("uint16", TypeKind::Int(NumKind::U16)),
            ("uint32", TypeKind::Int(NumKind::U32)),
            ("uint64", TypeKind::Int(NumKind::U64)),
            ("uintptr", TypeKind::Int(NumKind::Uintptr)),
            ("float32", TypeKind::Float(NumKind::F32)),
            ("float64", TypeKind::Float(NumKind::F64)),
            ("string", TypeKind::String),
        ];
        for (name, kind) in basic {
            t.push_raw(name, false, kind);
        }
        t.push_raw(
            "interface {}",
            false,
            TypeKind::Interface { methods: vec![] },
        );
        let error_name = t.name_id("Error");
        t.push_raw(
            "error",
            true,
            TypeKind::Interface {
                methods: vec![IfaceMethod {
                    name: error_name,
                    ty: TypeId(u32::MAX),
                }],
            },
        );
        t.push_raw("[]interface {}", false, TypeKind::Slice { elem: ANY });
        t.push_raw("[]uint8", false, TypeKind::Slice { elem: UINT8 });
        t.push_raw("[]int32", false, TypeKind::Slice { elem: INT32 });
        t.push_raw("[]string", false, TypeKind::Slice { elem: STRING });
        t.push_raw("[]error", false, TypeKind::Slice { elem: ERROR });
        let unwrap = t.name_id("Unwrap");
        let marker_name = t.name_id("RuntimeError");
        let string_m = t.name_id("String");
        let err_m = |imp| Method {
            name: error_name,
            ty: None,
            imp: MethodImpl::Builtin(imp),
        };
        let marker = Method {
            name: marker_name,
            ty: None,
            imp: MethodImpl::Builtin(BuiltinMethod::RuntimeErrorMarker),
        };
        let id = t.push_raw("runtime.errorString", true, TypeKind::String);
        t.descs[id.0 as usize].methods =
            vec![err_m(BuiltinMethod::RuntimeErrorError), marker.clone()];
        let id = t.push_raw("runtime.plainError", true, TypeKind::String);
        t.descs[id.0 as usize].methods =
            vec![err_m(BuiltinMethod::PlainErrorError), marker.clone()];
        let id = t.push_raw("runtime.boundsError", true, TypeKind::String);
        t.descs[id.0 as usize].methods =
            vec![err_m(BuiltinMethod::RuntimeErrorError), marker.clone()];
        let msg_field = |name: &str, ty| Field {
            name: name.into(),
            ty,
            embedded: false,
            offset: 0,
        };
        for (name, ptr_methods) in [
            (
                "runtime.TypeAssertionError",
                vec![err_m(BuiltinMethod::FirstFieldError)],
            ),
            (
                "runtime.PanicNilError",
                vec![err_m(BuiltinMethod::FirstFieldError)],
            ),
            (
                "errors.errorString",
                vec![err_m(BuiltinMethod::FirstFieldError)],
            ),
        ] {
            let s = t.push_raw(
                name,
                true,
                TypeKind::Struct {
                    fields: vec![msg_field("s", STRING)],
                },
            );
            let p = t.push_raw(&format!("*{name}"), false, TypeKind::Pointer { elem: s });
            let mut ptr_methods = ptr_methods;
            if name.starts_with("runtime.") {
                ptr_methods.push(marker.clone());
            }
            t.descs[p.0 as usize].methods = ptr_methods;
        }
        let s = t.push_raw(
            "fmt.wrapError",
            true,
            TypeKind::Struct {
                fields: vec![msg_field("msg", STRING), msg_field("err", ERROR)],
            },
        );
        let p = t.push_raw("*fmt.wrapError", false, TypeKind::Pointer { elem: s });
        t.descs[p.0 as usize].methods = vec![
            err_m(BuiltinMethod::FirstFieldError),
            Method {
                name: unwrap,
                ty: None,
                imp: MethodImpl::Builtin(BuiltinMethod::WrapErrorUnwrap),
            },
        ];
        let s = t.push_raw(
            "fmt.wrapErrors",
            true,
            TypeKind::Struct {
                fields: vec![msg_field("msg", STRING), msg_field("errs", SLICE_ERROR)],
            },
        );
        let p = t.push_raw("*fmt.wrapErrors", false, TypeKind::Pointer { elem: s });
        t.descs[p.0 as usize].methods = vec![
            err_m(BuiltinMethod::FirstFieldError),
            Method {
                name: unwrap,
                ty: None,
                imp: MethodImpl::Builtin(BuiltinMethod::WrapErrorsUnwrap),
            },
        ];
        let s = t.push_raw(
            "errors.joinError",
            true,
            TypeKind::Struct {
                fields: vec![msg_field("errs", SLICE_ERROR)],
            },
        );
        let p = t.push_raw("*errors.joinError", false, TypeKind::Pointer { elem: s });
        t.descs[p.0 as usize].methods = vec![
            err_m(BuiltinMethod::JoinErrorError),
            Method {
                name: unwrap,
                ty: None,
                imp: MethodImpl::Builtin(BuiltinMethod::WrapErrorsUnwrap),
            },
        ];
        let d = t.push_raw("time.Duration", true, TypeKind::Int(NumKind::I64));
        t.descs[d.0 as usize].methods = vec![Method {
            name: string_m,
            ty: None,
            imp: MethodImpl::Builtin(BuiltinMethod::DurationString),
        }];
        let s = t.push_raw(
            "strconv.NumError",
            true,
            TypeKind::Struct {
                fields: vec![
                    msg_field("Func", STRING),
                    msg_field("Num", STRING),
                    msg_field("Err", ERROR),
                ],
            },
        );
        let p = t.push_raw("*strconv.NumError", false, TypeKind::Pointer { elem: s });
        t.descs[p.0 as usize].methods = vec![
            err_m(BuiltinMethod::NumErrorError),
            Method {
                name: unwrap,
                ty: None,
                imp: MethodImpl::Builtin(BuiltinMethod::NumErrorUnwrap),
            },
        ];
        debug_assert_eq!(t.descs.len() as u32, builtin::COUNT);
        for d in &mut t.descs {
            crate::util::sort_by_key(&mut d.methods, |m| m.name);
        }
        // The signature of error.Error, interned after the builtins.
        let sig = t.intern(TypeKind::Func {
            params: vec![],
            results: vec![STRING],
            variadic: false,
        });
        if let TypeKind::Interface { methods } = &mut t.descs[ERROR.0 as usize].kind {
            methods[0].ty = sig;
        }
        let sig_marker = t.intern(TypeKind::Func {
            params: vec![],
            results: vec![],
            variadic: false,
        });
        let sig_error = t.intern(TypeKind::Func {
            params: vec![],
            results: vec![ERROR],
            variadic: false,
        });
        let sig_errors = t.intern(TypeKind::Func {
            params: vec![],
            results: vec![SLICE_ERROR],
            variadic: false,
        });
        for d in &mut t.descs {
            for m in &mut d.methods {
                if m.imp == MethodImpl::Builtin(BuiltinMethod::RuntimeErrorMarker) {
                    m.ty = Some(sig_marker);
                    continue;
                }
                m.ty = Some(match m.imp {
                    MethodImpl::Builtin(
                        BuiltinMethod::WrapErrorUnwrap | BuiltinMethod::NumErrorUnwrap,
                    ) => sig_error,
                    MethodImpl::Builtin(BuiltinMethod::WrapErrorsUnwrap) => sig_errors,
                    _ => sig,
                });
            }
        }
        t.finish();
        t
    }

    fn push_raw(&mut self, name: &str, named: bool, kind: TypeKind) -> TypeId {
        let id = TypeId(self.descs.len() as u32);
        self.descs.push(TypeDesc {
            name: name.to_string(),
            named,
            kind,
            methods: vec![],
            slots: 1,
            comparable: true,
        });
        id
    }

    /// Interns a method name.
    pub fn name_id(&mut self, name: &str) -> NameId {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            return NameId(i as u32);
        }
        self.names.push(name.to_string());
        NameId(self.names.len() as u32 - 1)
    }

    /// Looks up an interned name.
    pub fn find_name(&self, name: &str) -> Option<NameId> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| NameId(i as u32))
    }

    /// The string of a name id.
    pub fn name_str(&self, id: NameId) -> &str {
        self.names
            .get(id.0 as usize)
            .map(|s| s.as_str())
            .unwrap_or("?")
    }

    /// Interns an unnamed type (one id per structure) and computes its Go name.
    pub fn intern(&mut self, kind: TypeKind) -> TypeId {
        if let Some(i) = self.descs.iter().position(|d| !d.named && d.kind == kind) {
            return TypeId(i as u32);
        }
        let name = self.render_kind(&kind);
        let id = self.push_raw(&name, false, kind);
        self.finish_one(id);
        id
    }

    /// Declares a named type whose underlying type is given later by [`Types::define_named`] (allows recursion).
    pub fn declare_named(&mut self, name: &str) -> TypeId {
        self.push_raw(name, true, TypeKind::Struct { fields: vec![] })
    }

    /// Sets the underlying type of a named type.
    pub fn define_named(&mut self, id: TypeId, kind: TypeKind) {
        self.descs[id.0 as usize].kind = kind;
    }

    /// Declares and defines a named type at once.
    pub fn named(&mut self, name: &str, kind: TypeKind) -> TypeId {
        let id = self.declare_named(name);
        self.define_named(id, kind);
        self.finish_one(id);
        id
    }

    /// Adds a method to a type's method set (kept sorted by name id; replaces a same-named method).
    pub fn add_method(&mut self, ty: TypeId, method: Method) {
        let methods = &mut self.descs[ty.0 as usize].methods;
        match methods.binary_search_by_key(&method.name, |m| m.name) {
            Ok(i) => methods[i] = method,
            Err(i) => methods.insert(i, method),
        }
    }

    /// Convenience: the unnamed `*elem`.
    pub fn pointer_to(&mut self, elem: TypeId) -> TypeId {
        self.intern(TypeKind::Pointer { elem })
    }

    /// Convenience: the unnamed `[]elem`.
    pub fn slice_of(&mut self, elem: TypeId) -> TypeId {
        self.intern(TypeKind::Slice { elem })
    }

    /// Convenience: an unnamed struct (offsets are computed here).
    pub fn struct_of(&mut self, fields: Vec<(&str, TypeId)>) -> TypeId {
        let fields = fields
            .into_iter()
            .map(|(n, ty)| Field {
                name: n.into(),
                ty,
                embedded: false,
                offset: 0,
            })
            .collect();
        self.intern(TypeKind::Struct { fields })
    }

    /// Computes slots, field offsets and comparability of every type. Call after defining named types.
    pub fn finish(&mut self) {
        for i in 0..self.descs.len() {
            self.finish_one(TypeId(i as u32));
        }
        // Comparability may depend on later types; iterate to a fixed point.
        loop {
            let mut changed = false;
            for i in 0..self.descs.len() {
                let c = self.compute_comparable(TypeId(i as u32));
                if c != self.descs[i].comparable {
                    self.descs[i].comparable = c;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn finish_one(&mut self, id: TypeId) {
        let slots = self.compute_slots(id, 0);
        let desc = &mut self.descs[id.0 as usize];
        desc.slots = slots;
        if let TypeKind::Struct { fields } = &desc.kind {
            let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
            let offs: Vec<u32> = tys
                .iter()
                .scan(0u32, |acc, t| {
                    let o = *acc;
                    *acc += self.compute_slots(*t, 0);
                    Some(o)
                })
                .collect();
            if let TypeKind::Struct { fields } = &mut self.descs[id.0 as usize].kind {
                for (f, o) in fields.iter_mut().zip(offs) {
                    f.offset = o;
                }
            }
        }
        self.descs[id.0 as usize].comparable = self.compute_comparable(id);
    }

    fn compute_slots(&self, id: TypeId, depth: u32) -> u32 {
        if depth > 64 {
            return 1;
        }
        match self.descs.get(id.0 as usize).map(|d| &d.kind) {
            Some(TypeKind::Struct { fields }) => fields
                .iter()
                .map(|f| self.compute_slots(f.ty, depth + 1))
                .sum(),
            Some(TypeKind::Array { elem, len }) => {
                self.compute_slots(*elem, depth + 1).saturating_mul(*len)
            }
            _ => 1,
        }
    }

    fn compute_comparable(&self, id: TypeId) -> bool {
        match &self.descs[id.0 as usize].kind {
            TypeKind::Slice { .. } | TypeKind::Map { .. } | TypeKind::Func { .. } => false,
            TypeKind::Struct { fields } => fields
                .iter()
                .all(|f| self.descs[f.ty.0 as usize].comparable),
            TypeKind::Array { elem, .. } => self.descs[elem.0 as usize].comparable,
            _ => true,
        }
    }

    /// The descriptor of a type.
    pub fn desc(&self, id: TypeId) -> &TypeDesc {
        &self.descs[id.0 as usize]
    }

    /// Size and alignment in bytes on a 64-bit target (`unsafe.Sizeof`/`Alignof`), for the checks
    /// that Go makes in bytes (makeslice's `maxAlloc`).
    pub fn go_layout(&self, id: TypeId) -> (u64, u64) {
        match self.kind(id) {
            TypeKind::Bool => (1, 1),
            TypeKind::Int(k) | TypeKind::Float(k) => match k {
                NumKind::I8 | NumKind::U8 => (1, 1),
                NumKind::I16 | NumKind::U16 => (2, 2),
                NumKind::I32 | NumKind::U32 | NumKind::F32 => (4, 4),
                _ => (8, 8),
            },
            TypeKind::String | TypeKind::Interface { .. } => (16, 8),
            TypeKind::Slice { .. } => (24, 8),
            TypeKind::Array { elem, len } => {
                let (size, align) = self.go_layout(*elem);
                (size.saturating_mul(u64::from(*len)), align)
            }
            TypeKind::Struct { fields } => {
                let (mut end, mut align) = (0u64, 1u64);
                for f in fields {
                    let (s, a) = self.go_layout(f.ty);
                    end = end.div_ceil(a) * a + s;
                    align = align.max(a);
                }
                (end.div_ceil(align) * align, align)
            }
            _ => (8, 8),
        }
    }

    /// The (underlying) kind of a type.
    pub fn kind(&self, id: TypeId) -> &TypeKind {
        &self.descs[id.0 as usize].kind
    }

    /// Go's printed name of a type (`%T`).
    pub fn name(&self, id: TypeId) -> &str {
        self.descs
            .get(id.0 as usize)
            .map(|d| d.name.as_str())
            .unwrap_or("<invalid type>")
    }

    /// Flat slot count.
    pub fn slots(&self, id: TypeId) -> u32 {
        match self.descs.get(id.0 as usize) {
            Some(d) => d.slots,
            None => 1,
        }
    }

    /// Whether values of this type occupy an `Agg` (structs and arrays).
    pub fn is_aggregate(&self, id: TypeId) -> bool {
        matches!(
            self.kind(id),
            TypeKind::Struct { .. } | TypeKind::Array { .. }
        )
    }

    /// Whether this is an interface type.
    pub fn is_interface(&self, id: TypeId) -> bool {
        matches!(self.kind(id), TypeKind::Interface { .. })
    }

    /// Go comparability.
    pub fn comparable(&self, id: TypeId) -> bool {
        self.descs.get(id.0 as usize).is_some_and(|d| d.comparable)
    }

    /// The element type of a slice, array, pointer, chan or map type.
    pub fn elem(&self, id: TypeId) -> Option<TypeId> {
        match self.kind(id) {
            TypeKind::Slice { elem }
            | TypeKind::Array { elem, .. }
            | TypeKind::Pointer { elem }
            | TypeKind::Chan { elem, .. }
            | TypeKind::Map { elem, .. } => Some(*elem),
            _ => None,
        }
    }

    /// The method named `name` in the method set of `ty`.
    pub fn method(&self, ty: TypeId, name: NameId) -> Option<&Method> {
        let methods = &self.descs.get(ty.0 as usize)?.methods;
        methods
            .binary_search_by_key(&name, |m| m.name)
            .ok()
            .map(|i| &methods[i])
    }

    /// Whether concrete type `ty` implements interface `iface`: every method by name, and by signature when both
    /// the interface method and the concrete method record one (func types are interned, so equal ids = equal
    /// signatures).
    pub fn implements(&self, ty: TypeId, iface: TypeId) -> Result<(), MissingMethod> {
        if let TypeKind::Interface { methods } = self.kind(iface) {
            for m in methods {
                match self.method(ty, m.name) {
                    None => return Err(MissingMethod(m.name)),
                    Some(found) => {
                        if let Some(sig) = found.ty {
                            if (m.ty.0 as usize) < self.descs.len() && sig != m.ty {
                                return Err(MissingMethod(m.name));
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The zero value of a type.
    pub fn zero(&self, id: TypeId) -> Value {
        match self.kind(id) {
            TypeKind::Struct { .. } | TypeKind::Array { .. } => {
                let mut slots = Vec::with_capacity(self.slots(id) as usize);
                self.push_zero_slots(id, &mut slots);
                Value::Agg(slots.into())
            }
            _ => self.zero_scalar(id),
        }
    }

    /// Appends the flat zero slots of `id` to `out`.
    pub fn push_zero_slots(&self, id: TypeId, out: &mut Vec<Value>) {
        match self.kind(id) {
            TypeKind::Struct { fields } => {
                for f in fields {
                    self.push_zero_slots(f.ty, out);
                }
            }
            TypeKind::Array { elem, len } => {
                let start = out.len();
                self.push_zero_slots(*elem, out);
                let w = out.len() - start;
                for _ in 1..*len {
                    out.extend_from_within(start..start + w);
                }
            }
            _ => out.push(self.zero_scalar(id)),
        }
    }

    fn zero_scalar(&self, id: TypeId) -> Value {
        match self.kind(id) {
            TypeKind::Bool => Value::Bool(false),
            TypeKind::Int(_) => Value::Int(0),
            TypeKind::Float(_) => Value::Float(F64(0.0)),
            TypeKind::String => Value::Str(GoStr::EMPTY),
            _ => Value::Nil,
        }
    }

    /// The numeric kind of a basic type, if any.
    pub fn num_kind(&self, id: TypeId) -> Option<NumKind> {
        match self.kind(id) {
            TypeKind::Int(k) | TypeKind::Float(k) => Some(*k),
            TypeKind::String => Some(NumKind::Str),
            TypeKind::Bool => Some(NumKind::Bool),
            _ => None,
        }
    }

    /// Renders a type structure the way Go's `reflect.Type.String` does.
    pub fn render_kind(&self, kind: &TypeKind) -> String {
        match kind {
            TypeKind::Bool => "bool".into(),
            TypeKind::Int(k) | TypeKind::Float(k) => num_kind_name(*k).into(),
            TypeKind::String => "string".into(),
            TypeKind::Array { elem, len } => format!("[{len}]{}", self.name(*elem)),
            TypeKind::Slice { elem } => format!("[]{}", self.name(*elem)),
            TypeKind::Map { key, elem } => format!("map[{}]{}", self.name(*key), self.name(*elem)),
            TypeKind::Pointer { elem } => format!("*{}", self.name(*elem)),
            TypeKind::Chan { elem, dir } => {
                let e = self.name(*elem);
                match dir {
                    // Go writes `chan (<-chan int)` for a bidirectional channel of receive-only channels.
                    ChanDir::Both if e.starts_with("<-") => format!("chan ({e})"),
                    ChanDir::Both => format!("chan {e}"),
                    ChanDir::Send => format!("chan<- {e}"),
                    ChanDir::Recv => format!("<-chan {e}"),
                }
            }
            TypeKind::Func {
                params,
                results,
                variadic,
            } => {
                let mut s = String::from("func(");
                self.render_sig(&mut s, params, results, *variadic);
                s
            }
            TypeKind::Interface { methods } => {
                if methods.is_empty() {
                    return "interface {}".into();
                }
                let parts: Vec<String> = methods
                    .iter()
                    .map(|m| {
                        let mut s = self.name_str(m.name).to_string();
                        s.push('(');
                        if let Some(TypeKind::Func {
                            params,
                            results,
                            variadic,
                        }) = self.descs.get(m.ty.0 as usize).map(|d| &d.kind)
                        {
                            self.render_sig(&mut s, params, results, *variadic);
                        } else {
                            s.push(')');
                        }
                        s
                    })
                    .collect();
                format!("interface {{ {} }}", parts.join("; "))
            }
            TypeKind::Struct { fields } => {
                if fields.is_empty() {
                    return "struct {}".into();
                }
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        if f.embedded {
                            self.name(f.ty).to_string()
                        } else {
                            format!("{} {}", f.name, self.name(f.ty))
                        }
                    })
                    .collect();
                format!("struct {{ {} }}", parts.join("; "))
            }
        }
    }

    fn render_sig(&self, s: &mut String, params: &[TypeId], results: &[TypeId], variadic: bool) {
        for (i, p) in params.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if variadic && i + 1 == params.len() {
                s.push_str("...");
                s.push_str(self.elem(*p).map(|e| self.name(e)).unwrap_or("?"));
            } else {
                s.push_str(self.name(*p));
            }
        }
        s.push(')');
        match results.len() {
            0 => {}
            1 => {
                s.push(' ');
                s.push_str(self.name(results[0]));
            }
            _ => {
                s.push_str(" (");
                for (i, r) in results.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(self.name(*r));
                }
                s.push(')');
            }
        }
    }

    /// Number of types.
    pub fn len(&self) -> usize {
        self.descs.len()
    }

    /// Whether the table is empty (never, after `new`).
    pub fn is_empty(&self) -> bool {
        self.descs.is_empty()
    }
}

/// Go's name of a numeric kind.
pub fn num_kind_name(k: NumKind) -> &'static str {
    match k {
        NumKind::I8 => "int8",
        NumKind::I16 => "int16",
        NumKind::I32 => "int32",
        NumKind::I64 => "int64",
        NumKind::Int => "int",
        NumKind::U8 => "uint8",
        NumKind::U16 => "uint16",
        NumKind::U32 => "uint32",
        NumKind::U64 => "uint64",
        NumKind::Uint => "uint",
        NumKind::Uintptr => "uintptr",
        NumKind::F32 => "float32",
        NumKind::F64 => "float64",
        NumKind::Str => "string",
        NumKind::Bool => "bool",
    }
}

impl Types {
    /// Go's size in bytes on amd64 (`unsafe.Sizeof`), used by `append` growth rounding.
    pub fn go_size(&self, id: TypeId) -> u64 {
        self.size_align(id, 0).0
    }

    /// Whether values of this type contain pointers (Go's "noscan" is the opposite).
    pub fn has_pointers(&self, id: TypeId) -> bool {
        self.has_pointers_depth(id, 0)
    }

    fn has_pointers_depth(&self, id: TypeId, depth: u32) -> bool {
        if depth > 64 {
            return true;
        }
        match self.kind(id) {
            TypeKind::Bool | TypeKind::Int(_) | TypeKind::Float(_) => false,
            TypeKind::Array { elem, len } => *len > 0 && self.has_pointers_depth(*elem, depth + 1),
            TypeKind::Struct { fields } => fields
                .iter()
                .any(|f| self.has_pointers_depth(f.ty, depth + 1)),
            _ => true,
        }
    }

    fn size_align(&self, id: TypeId, depth: u32) -> (u64, u64) {
        if depth > 64 {
            return (8, 8);
        }
        match self.kind(id) {
            TypeKind::Bool => (1, 1),
            TypeKind::Int(k) | TypeKind::Float(k) => {
                let b = match k {
                    NumKind::I8 | NumKind::U8 => 1,
                    NumKind::I16 | NumKind::U16 => 2,
                    NumKind::I32 | NumKind::U32 | NumKind::F32 => 4,
                    _ => 8,
                };
                (b, b)
            }
            TypeKind::String | TypeKind::Interface { .. } => (16, 8),
            TypeKind::Slice { .. } => (24, 8),
            TypeKind::Map { .. }
            | TypeKind::Pointer { .. }
            | TypeKind::Chan { .. }
            | TypeKind::Func { .. } => (8, 8),
            TypeKind::Array { elem, len } => {
                let (s, a) = self.size_align(*elem, depth + 1);
                (s.saturating_mul(*len as u64), a)
            }
            TypeKind::Struct { fields } => {
                let mut off = 0u64;
                let mut align = 1u64;
                for f in fields {
                    let (s, a) = self.size_align(f.ty, depth + 1);
                    off = off.div_ceil(a) * a;
                    off = off.saturating_add(s);
                    align = align.max(a);
                }
                // A trailing zero-size field gets one byte of padding (cmd/compile types/size.go).
                if let Some(last) = fields.last() {
                    if self.size_align(last.ty, depth + 1).0 == 0 && off > 0 {
                        off += 1;
                    }
                }
                (off.div_ceil(align) * align, align)
            }
        }
    }
}
