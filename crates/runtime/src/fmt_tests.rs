//! fmt tests: values built directly, formatted without Go methods (see vm_tests for String/Error methods).
//! Every expectation was checked against Go 1.23.
#![allow(clippy::approx_constant)]

use super::*;
use crate::heap::GoMap;
use crate::program::Program;
use crate::types::{builtin::*, Field};
use crate::value::SliceRef;

struct Env {
    program: Program,
    heap: Heap,
}

impl Env {
    fn new(types: Types) -> Env {
        let program = Program {
            types,
            ..Program::default()
        };
        let heap = Heap::new(&program);
        Env { program, heap }
    }

    fn sprintf(&self, format: &str, args: Vec<Value>) -> String {
        let job = Job::Fmt {
            op: FmtOp::Sprintf,
            format: Value::str(format),
            args,
        };
        let done = run_job(&job, &[], &self.program.types, &self.heap, &self.program)
            .expect("no Go methods");
        String::from_utf8(done.bytes).unwrap()
    }

    fn sprintln(&self, args: Vec<Value>) -> String {
        let job = Job::Fmt {
            op: FmtOp::Sprintln,
            format: Value::Nil,
            args,
        };
        let done = run_job(&job, &[], &self.program.types, &self.heap, &self.program)
            .expect("no Go methods");
        String::from_utf8(done.bytes).unwrap()
    }

    fn sprint(&self, args: Vec<Value>) -> String {
        let job = Job::Fmt {
            op: FmtOp::Sprint,
            format: Value::Nil,
            args,
        };
        let done = run_job(&job, &[], &self.program.types, &self.heap, &self.program)
            .expect("no Go methods");
        String::from_utf8(done.bytes).unwrap()
    }

    fn slice(&mut self, elem: TypeId, vals: Vec<Value>) -> Value {
        let n = vals.len() as u32;
        let mut slots = Vec::new();
        for v in vals {
            match v {
                Value::Agg(a) if self.program.types.is_aggregate(elem) => {
                    slots.extend(a.iter().cloned())
                }
                v => slots.push(v),
            }
        }
        let obj = self.heap.alloc(Object::Slots(slots));
        Value::Slice(SliceRef {
            obj,
            offset: 0,
            len: n,
            cap: n,
        })
    }

    fn map(&mut self, ty: TypeId, entries: Vec<(Value, Value)>) -> Value {
        let mut m = GoMap::new(ty);
        for (k, v) in entries {
            m.insert(k, v, &self.program.types).unwrap();
        }
        Value::Map(self.heap.alloc(Object::Map(m)))
    }
}

fn i(ty: TypeId, v: i64) -> Value {
    Value::iface(ty, Value::Int(v))
}
fn int(v: i64) -> Value {
    i(INT, v)
}
fn f64v(v: f64) -> Value {
    Value::iface(FLOAT64, Value::float(v))
}
fn s(v: &str) -> Value {
    Value::iface(STRING, Value::str(v))
}

#[test]
fn println_basic() {
    let mut e = Env::new(Types::new());
    let sl = e.slice(INT, vec![Value::Int(1), Value::Int(2)]);
    let map_ty = e.program.types.intern(TypeKind::Map {
        key: STRING,
        elem: INT,
    });
    let slice_ty = e.program.types.slice_of(INT);
    let m = e.map(
        map_ty,
        vec![
            (Value::str("b"), Value::Int(2)),
            (Value::str("a"), Value::Int(1)),
        ],
    );
    let out = e.sprintln(vec![
        int(1),
        s("a"),
        f64v(2.5),
        Value::iface(BOOL, Value::Bool(true)),
        Value::Nil,
        i(INT32, 'x' as i64),
        Value::iface(slice_ty, sl),
        Value::iface(map_ty, m),
    ]);
    assert_eq!(out, "1 a 2.5 true <nil> 120 [1 2] map[a:1 b:2]\n");
    // Print adds spaces only between operands when neither is a string.
    let out = e.sprint(vec![
        int(1),
        int(2),
        s("a"),
        s("b"),
        int(3),
        f64v(4.0),
        s("\n"),
    ]);
    assert_eq!(out, "1 2ab3 4\n");
    let out = e.sprint(vec![
        s("a"),
        int(1),
        int(2),
        s("b"),
        s("c"),
        f64v(3.0),
        Value::Nil,
        Value::Nil,
    ]);
    assert_eq!(out, "a1 2bc3 <nil> <nil>");
}

#[test]
fn floats_v() {
    let e = Env::new(Types::new());
    let vals = [
        3.14,
        1e6,
        1e21,
        1e20,
        0.1 + 0.2,
        100000.0,
        1234567.0,
        1e-5,
        0.0001,
        f64::INFINITY,
        f64::NAN,
        -0.0,
    ];
    let args: Vec<Value> = vals.iter().map(|v| f64v(*v)).collect();
    assert_eq!(
        e.sprintln(args),
        "3.14 1e+06 1e+21 1e+20 0.30000000000000004 100000 1.234567e+06 1e-05 0.0001 +Inf NaN -0\n"
    );
    let f32v = |v: f32| Value::iface(FLOAT32, Value::float(v as f64));
    let out = e.sprintln(vec![
        f32v(0.1),
        f32v(1.0 / 3.0),
        f64v(1.0 / 3.0),
        f64v(2e-7),
        f64v(123456789.0),
        f32v(16777216.0),
        f64v(1e100),
    ]);
    assert_eq!(
        out,
        "0.1 0.33333334 0.3333333333333333 2e-07 1.23456789e+08 1.6777216e+07 1e+100\n"
    );
}

#[test]
fn printf_verbs() {
    let e = Env::new(Types::new());
    let out = e.sprintf(
        "%d %5d %-5d| %05d %x %X %#x %o %#o %b %c %q %U %#U %+d % d\n",
        vec![
            int(42),
            int(42),
            int(42),
            int(-42),
            int(255),
            int(255),
            int(255),
            int(8),
            int(8),
            int(5),
            i(INT32, 'A' as i64),
            i(INT32, 'A' as i64),
            i(INT32, 'A' as i64),
            i(INT32, 'A' as i64),
            int(5),
            int(5),
        ],
    );
    assert_eq!(
        out,
        "42    42 42   | -0042 ff FF 0xff 10 010 101 A 'A' U+0041 U+0041 'A' +5  5\n"
    );
    let out = e.sprintf(
        "%s %q %10s|%-10s|%.2s %x % x %X\n",
        vec![
            s("hi"),
            s("hi\n"),
            s("hi"),
            s("hi"),
            s("hello"),
            s("hi"),
            s("hi"),
            s("hi"),
        ],
    );
    assert_eq!(
        out,
        "hi \"hi\\n\"         hi|hi        |he 6869 68 69 6869\n"
    );
    let x = 1234.5678;
    let out = e.sprintf(
        "%f %.2f %8.3f %e %E %g %G %.3g %10.2e\n",
        vec![
            f64v(3.14159),
            f64v(3.14159),
            f64v(3.14159),
            f64v(x),
            f64v(x),
            f64v(x),
            f64v(1e-7),
            f64v(x),
            f64v(x),
        ],
    );
    assert_eq!(
        out,
        "3.141590 3.14    3.142 1.234568e+03 1.234568E+03 1234.5678 1E-07 1.23e+03   1.23e+03\n"
    );
    let out = e.sprintf(
        "%v|%6.2f|%-8v|%08.3f|%+.1e\n",
        vec![
            f64v(1.0),
            f64v(2.0),
            int(3),
            f64v(-3.14159),
            f64v(12345.678),
        ],
    );
    assert_eq!(out, "1|  2.00|3       |-003.142|+1.2e+04\n");
    let out = e.sprintf(
        "%6.2v|%.0f|%.1f|%.2f|%.3f\n",
        vec![
            f64v(3.14159),
            f64v(2.5),
            f64v(0.25),
            f64v(1.005),
            f64v(1.0005),
        ],
    );
    assert_eq!(out, "   3.1|2|0.2|1.00|1.000\n");
    let out = e.sprintf(
        "%5t|%-5t|%q|%v\n",
        vec![
            Value::iface(BOOL, Value::Bool(true)),
            Value::iface(BOOL, Value::Bool(false)),
            i(INT32, 'x' as i64),
            i(INT32, 'x' as i64),
        ],
    );
    assert_eq!(out, " true|false|'x'|120\n");
    let out = e.sprintf(
        "%08b|%3c|%-4q|%#q\n",
        vec![
            int(5),
            i(INT32, 'z' as i64),
            i(INT32, 'y' as i64),
            s("back`q"),
        ],
    );
    assert_eq!(out, "00000101|  z|'y' |\"back`q\"\n");
    let out = e.sprintf("%v %.2v %10v|\n", vec![s("str"), s("str"), s("str")]);
    assert_eq!(out, "str st        str|\n");
    let out = e.sprintf(
        "%*d|%-*d|%.*f\n",
        vec![int(5), int(1), int(5), int(2), int(2), f64v(3.14159)],
    );
    assert_eq!(out, "    1|2    |3.14\n");
    let out = e.sprintf("%v %v\n", vec![i(INT8, -5), i(UINT64, -1)]);
    assert_eq!(out, "-5 18446744073709551615\n");
}

#[test]
fn printf_errors() {
    let e = Env::new(Types::new());
    assert_eq!(
        e.sprintf(
            "%t %v %p\n",
            vec![
                Value::iface(BOOL, Value::Bool(true)),
                Value::iface(BOOL, Value::Bool(false)),
                Value::Nil
            ]
        ),
        "true false %!p(<nil>)\n"
    );
    assert_eq!(e.sprintf("%d\n", vec![s("hi")]), "%!d(string=hi)\n");
    assert_eq!(e.sprintf("%d %d\n", vec![int(1)]), "1 %!d(MISSING)\n");
    assert_eq!(
        e.sprintf("%d\n", vec![int(1), s("x"), f64v(2.5)]),
        "1\n%!(EXTRA string=x, float64=2.5)"
    );
    assert_eq!(e.sprintf("%!\n", vec![]), "%!!(MISSING)\n");
    assert_eq!(e.sprintf("%z\n", vec![int(3)]), "%!z(int=3)\n");
    assert_eq!(e.sprintf("100%", vec![]), "100%!(NOVERB)");
    assert_eq!(
        e.sprintf("%s %v\n", vec![Value::Nil, Value::Nil]),
        "%!s(<nil>) <nil>\n"
    );
}

#[test]
fn composites() {
    let mut types = Types::new();
    let p = types.named(
        "main.P",
        TypeKind::Struct {
            fields: vec![
                Field {
                    name: "X".into(),
                    ty: INT,
                    embedded: false,
                    offset: 0,
                },
                Field {
                    name: "Y".into(),
                    ty: INT,
                    embedded: false,
                    offset: 0,
                },
            ],
        },
    );
    let pp = types.pointer_to(p);
    let sp = types.slice_of(p);
    let ss = types.slice_of(STRING);
    let msb = types.intern(TypeKind::Map {
        key: STRING,
        elem: BOOL,
    });
    let mii = types.intern(TypeKind::Map {
        key: INT,
        elem: INT,
    });
    let mis = types.intern(TypeKind::Map {
        key: INT,
        elem: STRING,
    });
    let si = types.slice_of(INT);
    let a3 = types.intern(TypeKind::Array { elem: INT, len: 3 });
    let ab2 = types.intern(TypeKind::Array { elem: BOOL, len: 2 });
    let empty = types.intern(TypeKind::Struct { fields: vec![] });
    let a0 = types.intern(TypeKind::Array { elem: INT, len: 0 });
    types.finish();
    let mut e = Env::new(types);
    let pv = Value::Agg(vec![Value::Int(1), Value::Int(2)].into());
    let v = Value::iface(p, pv.clone());
    assert_eq!(
        e.sprintf(
            "%v %+v %#v %T\n",
            vec![v.clone(), v.clone(), v.clone(), v.clone()]
        ),
        "{1 2} {X:1 Y:2} main.P{X:1, Y:2} main.P\n"
    );
    let obj = e
        .heap
        .alloc(Object::Slots(vec![Value::Int(1), Value::Int(2)]));
    let ptr = Value::iface(pp, Value::Ptr(Ptr { obj, slot: 0 }));
    let slice = e.slice(p, vec![pv.clone()]);
    let out = e.sprintf(
        "%v %+v %#v %T\n",
        vec![
            ptr.clone(),
            ptr.clone(),
            Value::iface(sp, slice),
            ptr.clone(),
        ],
    );
    assert_eq!(
        out,
        "&{1 2} &{X:1 Y:2} []main.P{main.P{X:1, Y:2}} *main.P\n"
    );
    let strs = e.slice(STRING, vec![Value::str("a")]);
    let m = e.map(msb, vec![(Value::str("k"), Value::Bool(true))]);
    let out = e.sprintf(
        "%#v %#v %#v %#v\n",
        vec![
            s("s"),
            int(42),
            Value::iface(ss, strs),
            Value::iface(msb, m),
        ],
    );
    assert_eq!(
        out,
        "\"s\" 42 []string{\"a\"} map[string]bool{\"k\":true}\n"
    );
    let out = e.sprintf(
        "%#v %#v %#v\n",
        vec![
            Value::iface(si, Value::Nil),
            Value::iface(mii, Value::Nil),
            Value::iface(pp, Value::Nil),
        ],
    );
    assert_eq!(out, "[]int(nil) map[int]int(nil) (*main.P)(nil)\n");
    let empty_strs = e.slice(STRING, vec![]);
    let out = e.sprintln(vec![
        Value::iface(ss, empty_strs),
        Value::iface(
            ab2,
            Value::Agg(vec![Value::Bool(true), Value::Bool(false)].into()),
        ),
        Value::iface(empty, Value::Agg(vec![].into())),
        Value::iface(a0, Value::Agg(vec![].into())),
    ]);
    assert_eq!(out, "[] [true false] {} []\n");
    let ab = e.slice(STRING, vec![Value::str("a"), Value::str("b")]);
    let m2 = e.map(
        mis,
        vec![
            (Value::Int(2), Value::str("b")),
            (Value::Int(1), Value::str("a")),
        ],
    );
    let out = e.sprintf(
        "%s|%v|%d\n",
        vec![
            Value::iface(ss, ab),
            Value::iface(
                a3,
                Value::Agg(vec![Value::Int(1), Value::Int(2), Value::Int(3)].into()),
            ),
            Value::iface(mis, m2),
        ],
    );
    assert_eq!(out, "[a b]|[1 2 3]|map[1:%!d(string=a) 2:%!d(string=b)]\n");
    let bytes = e.slice(
        UINT8,
        b"abc".iter().map(|b| Value::Int(*b as i64)).collect(),
    );
    let out = e.sprintf(
        "%x %X %s\n",
        vec![
            Value::iface(SLICE_BYTE, bytes.clone()),
            s("xyz"),
            Value::iface(SLICE_BYTE, bytes),
        ],
    );
    assert_eq!(out, "616263 78797A abc\n");
}

#[test]
fn durations_and_quotes() {
    let cases = [
        (1_500_000_000, "1.5s"),
        (100_000_000, "100ms"),
        (120_000_000_000, "2m0s"),
        (0, "0s"),
        (90_000_000_000, "1m30s"),
        (1_500_000, "1.5ms"),
        (3 * 3_600_000_000_000 + 25 * 60_000_000_000, "3h25m0s"),
        (1, "1ns"),
        (-2_500, "-2.5µs"),
    ];
    for (d, want) in cases {
        assert_eq!(duration_string(d), want, "{d}");
    }
    assert_eq!(
        quote(b"hi\n\"x\"\t\x01\xff\xe4\xb8\x96"),
        "\"hi\\n\\\"x\\\"\\t\\x01\\xff世\""
    );
    assert_eq!(runtime_float(1.5), "+1.500000e+000");
    assert_eq!(runtime_float(-0.001), "-1.000000e-003");
}

#[test]
fn describe_and_sprint_value_for_snapshots() {
    let mut types = Types::new();
    let p = types.named(
        "main.P",
        TypeKind::Struct {
            fields: vec![
                Field {
                    name: "X".into(),
                    ty: INT,
                    embedded: false,
                    offset: 0,
                },
                Field {
                    name: "S".into(),
                    ty: STRING,
                    embedded: false,
                    offset: 0,
                },
            ],
        },
    );
    let si = types.slice_of(INT);
    types.finish();
    let mut e = Env::new(types);
    let types = &e.program.types;
    assert_eq!(describe(&Value::Int(42), INT, types, &e.heap), "42");
    assert_eq!(
        describe(&Value::str("hi"), STRING, types, &e.heap),
        "\"hi\""
    );
    assert_eq!(describe(&Value::Nil, ANY, types, &e.heap), "nil");
    let agg = Value::Agg(vec![Value::Int(1), Value::str("a")].into());
    assert_eq!(describe(&agg, p, types, &e.heap), "main.P{X:1, S:\"a\"}");
    assert_eq!(sprint_value(&agg, p, types, &e.heap), "{1 a}");
    let s = e.slice(INT, vec![Value::Int(1), Value::Int(2)]);
    let types = &e.program.types;
    assert_eq!(describe(&s, si, types, &e.heap), "[]int{1, 2}");
    assert_eq!(sprint_value(&s, si, types, &e.heap), "[1 2]");
    assert_eq!(describe(&Value::Nil, si, types, &e.heap), "[]int(nil)");
    assert_eq!(
        sprint_value(&Value::Int(1_500_000_000), TIME_DURATION, types, &e.heap),
        "1.5s"
    );
}
