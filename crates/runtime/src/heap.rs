//! The Go heap: objects reached through pointers, slices, maps and closures (runtime/malloc.go, runtime/map.go,
//! runtime/slice.go).
//!
//! Invariants:
//! - `ObjId(i)` indexes `objects`; a freed slot is `None` and is reused only after a collection proved it
//!   unreachable, so a live `Value` never names a freed object.
//! - Object 0 is the globals object (package-level variables, flat layout from `Program::globals`);
//!   objects 1 and 2 are the sentinel errors `strconv.ErrSyntax` and `strconv.ErrRange`.
//! - Objects are `Rc`-shared and copied on write (`Rc::make_mut`), so cloning a `Heap` for a checkpoint costs
//!   one pointer copy per object.
//! - `Object::Slots` holds flat scalar slots (never an `Agg`); `Object::Env` holds arbitrary values.
//! - A map's `index` maps `go_hash(key)` to the entry indices with that hash; `live` counts `Some` entries.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::program::{Const, Program};
use crate::types::{TypeId, Types};
use crate::value::{go_equal, go_hash, GoStr, Ptr, Uncomparable, Value, F64};

/// A heap object id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjId(pub u32);

/// The globals object's id.
pub const GLOBALS: ObjId = ObjId(0);

/// The `errors.errorString` object behind `strconv.ErrSyntax` ("invalid syntax").
pub const ERR_SYNTAX: ObjId = ObjId(1);

/// The `errors.errorString` object behind `strconv.ErrRange` ("value out of range").
pub const ERR_RANGE: ObjId = ObjId(2);

/// A heap object.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Object {
    /// Flat scalar slots: a boxed variable, a `new(T)`, a slice's backing array.
    Slots(Vec<Value>),
    /// A map.
    Map(GoMap),
    /// A closure's captured values.
    Env(Vec<Value>),
    /// A map iteration in progress.
    MapIter(MapIter),
}

/// A Go map (`runtime.hmap`), insertion-ordered internally; iteration order is randomised by `MapIter`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GoMap {
    /// The map type.
    pub ty: TypeId,
    /// Entries; deleted entries are `None` until compaction.
    pub entries: Vec<Option<(Value, Value)>>,
    /// Hash -> entry indices.
    index: BTreeMap<u64, Vec<u32>>,
    /// Number of live entries (`len(m)`).
    pub live: usize,
}

/// A map iteration: a snapshot of the keys in iteration order, re-looked-up at each step so that deleted
/// entries are skipped (Go's "if a map entry that has not yet been reached is removed during iteration,
/// the corresponding iteration value will not be produced").
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MapIter {
    /// The map (None for a nil map).
    pub map: Option<crate::heap::ObjId>,
    /// Keys in iteration order.
    pub keys: Vec<Value>,
    /// Next position in `keys`.
    pub pos: usize,
}

impl GoMap {
    /// An empty map of type `ty`.
    pub fn new(ty: TypeId) -> GoMap {
        GoMap {
            ty,
            entries: Vec::new(),
            index: BTreeMap::new(),
            live: 0,
        }
    }

    fn find(&self, key: &Value, hash: u64, types: &Types) -> Result<Option<usize>, Uncomparable> {
        if let Some(bucket) = self.index.get(&hash) {
            for &i in bucket {
                if let Some((k, _)) = &self.entries[i as usize] {
                    if go_equal(k, key, types)? {
                        return Ok(Some(i as usize));
                    }
                }
            }
        }
        Ok(None)
    }

    /// `m[key]`.
    pub fn get(&self, key: &Value, types: &Types) -> Result<Option<&Value>, Uncomparable> {
        let h = go_hash(key, types)?;
        Ok(self
            .find(key, h, types)?
            .and_then(|i| self.entries[i].as_ref().map(|(_, v)| v)))
    }

    /// `m[key] = value`.
    pub fn insert(&mut self, key: Value, value: Value, types: &Types) -> Result<(), Uncomparable> {
        let h = go_hash(&key, types)?;
        if let Some(i) = self.find(&key, h, types)? {
            // Go keeps the old key on update (matters for +0/-0 and NaN-free float keys only).
            if let Some((_, v)) = &mut self.entries[i] {
                *v = value;
            }
            return Ok(());
        }
        let i = self.entries.len() as u32;
        self.entries.push(Some((key, value)));
        self.index.entry(h).or_default().push(i);
        self.live += 1;
        Ok(())
    }

    /// `delete(m, key)`.
    pub fn remove(&mut self, key: &Value, types: &Types) -> Result<(), Uncomparable> {
        let h = go_hash(key, types)?;
        if let Some(i) = self.find(key, h, types)? {
            self.entries[i] = None;
            self.live -= 1;
            if let Some(bucket) = self.index.get_mut(&h) {
                bucket.retain(|&j| j as usize != i);
                if bucket.is_empty() {
                    self.index.remove(&h);
                }
            }
            if self.entries.len() > 32 && self.live < self.entries.len() / 4 {
                self.compact(types);
            }
        }
        Ok(())
    }

    /// `clear(m)`.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.live = 0;
    }

    fn compact(&mut self, types: &Types) {
        let entries: Vec<(Value, Value)> = self.entries.drain(..).flatten().collect();
        self.index.clear();
        self.live = 0;
        for (k, v) in entries {
            // Keys were hashable when inserted.
            let _ = self.insert(k, v, types);
        }
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|(k, v)| (k, v))
    }
}

/// The heap.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Heap {
    objects: Vec<Option<Rc<Object>>>,
    free: Vec<u32>,
    consts: Rc<[Value]>,
    /// Objects allocated since the last collection (drives `should_collect`).
    allocated_since_gc: u32,
    /// Slots (values) allocated since the last collection.
    slots_since_gc: u64,
    /// Slots live after the last collection.
    slots_at_gc: u64,
}

impl Heap {
    /// A heap for `program`: the globals object (zeroed) and the constant pool as values.
    pub fn new(program: &Program) -> Heap {
        let mut globals = Vec::new();
        for g in &program.globals {
            program.types.push_zero_slots(g.ty, &mut globals);
        }
        let consts: Vec<Value> = program
            .consts
            .iter()
            .map(|c| match c {
                Const::Bool(b) => Value::Bool(*b),
                Const::Int(i) => Value::Int(*i),
                Const::Float(f) => Value::Float(F64(*f)),
                Const::Str(s) => Value::Str(GoStr::from_bytes(s)),
            })
            .collect();
        Heap {
            objects: vec![
                Some(Rc::new(Object::Slots(globals))),
                Some(Rc::new(Object::Slots(vec![Value::str("invalid syntax")]))),
                Some(Rc::new(Object::Slots(vec![Value::str(
                    "value out of range",
                )]))),
            ],
            free: Vec::new(),
            consts: consts.into(),
            allocated_since_gc: 0,
            slots_since_gc: 0,
            slots_at_gc: 0,
        }
    }

    /// The constant pool as values.
    #[inline]
    pub fn konst(&self, i: u32) -> &Value {
        &self.consts[i as usize]
    }

    /// Allocates an object.
    pub fn alloc(&mut self, obj: Object) -> ObjId {
        self.allocated_since_gc += 1;
        self.slots_since_gc += object_slots(&obj);
        if let Some(i) = self.free.pop() {
            self.objects[i as usize] = Some(Rc::new(obj));
            ObjId(i)
        } else {
            self.objects.push(Some(Rc::new(obj)));
            ObjId(self.objects.len() as u32 - 1)
        }
    }

    /// An object (None if the id is stale or out of range).
    #[inline]
    pub fn get(&self, id: ObjId) -> Option<&Object> {
        self.objects.get(id.0 as usize).and_then(|o| o.as_deref())
    }

    /// An object for writing (copy-on-write if a checkpoint shares it).
    #[inline]
    pub fn get_mut(&mut self, id: ObjId) -> Option<&mut Object> {
        self.objects
            .get_mut(id.0 as usize)
            .and_then(|o| o.as_mut())
            .map(Rc::make_mut)
    }

    /// The slots of a `Slots` object.
    #[inline]
    pub fn slots(&self, id: ObjId) -> Option<&[Value]> {
        match self.get(id)? {
            Object::Slots(s) => Some(s),
            _ => None,
        }
    }

    /// The slots of a `Slots` object, for writing.
    #[inline]
    pub fn slots_mut(&mut self, id: ObjId) -> Option<&mut Vec<Value>> {
        match self.get_mut(id)? {
            Object::Slots(s) => Some(s),
            _ => None,
        }
    }

    /// A map object.
    pub fn map(&self, id: ObjId) -> Option<&GoMap> {
        match self.get(id)? {
            Object::Map(m) => Some(m),
            _ => None,
        }
    }

    /// A map object, for writing.
    pub fn map_mut(&mut self, id: ObjId) -> Option<&mut GoMap> {
        match self.get_mut(id)? {
            Object::Map(m) => Some(m),
            _ => None,
        }
    }

    /// A closure environment.
    pub fn env(&self, id: ObjId) -> Option<&[Value]> {
        match self.get(id)? {
            Object::Env(e) => Some(e),
            _ => None,
        }
    }

    /// Reads one scalar slot through a pointer (the scheduler uses this for sync objects' storage).
    pub fn slot(&self, ptr: Ptr) -> Option<&Value> {
        self.slots(ptr.obj)?.get(ptr.slot as usize)
    }

    /// Writes one scalar slot through a pointer. Returns false if the pointer is invalid.
    pub fn set_slot(&mut self, ptr: Ptr, value: Value) -> bool {
        match self
            .slots_mut(ptr.obj)
            .and_then(|s| s.get_mut(ptr.slot as usize))
        {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// Number of live objects.
    pub fn live_objects(&self) -> usize {
        self.objects.iter().filter(|o| o.is_some()).count()
    }

    /// Whether enough was allocated since the last collection that the owner should call [`Heap::collect`].
    pub fn should_collect(&self) -> bool {
        self.allocated_since_gc as usize > 4096.max(self.objects.len())
            || self.slots_since_gc > (1 << 20).max(self.slots_at_gc)
    }

    /// Upper bound of the slots in use: live after the last collection plus allocated since.
    /// The interpreter reports `LimitReached::Allocation` when this exceeds `Limits::max_heap_slots`.
    pub fn slots_in_use(&self) -> u64 {
        self.slots_at_gc + self.slots_since_gc
    }

    /// Mark-and-sweep collection (Go's GC, without the concurrency). `roots` must yield every value held outside
    /// the heap: all goroutine stacks (`GoStack::for_each_value`), channel buffers, pending runtime ops.
    /// The globals object is always a root.
    pub fn collect<'v>(&mut self, roots: impl IntoIterator<Item = &'v Value>) {
        let mut marked = vec![false; self.objects.len()];
        let mut work: Vec<ObjId> = vec![GLOBALS, ERR_SYNTAX, ERR_RANGE];
        for v in roots {
            value_refs(v, &mut work);
        }
        while let Some(id) = work.pop() {
            let i = id.0 as usize;
            if i >= marked.len() || marked[i] {
                continue;
            }
            marked[i] = true;
            if let Some(obj) = self.get(id) {
                match obj {
                    Object::Slots(s) | Object::Env(s) => {
                        s.iter().for_each(|v| value_refs(v, &mut work))
                    }
                    Object::Map(m) => m.iter().for_each(|(k, v)| {
                        value_refs(k, &mut work);
                        value_refs(v, &mut work);
                    }),
                    Object::MapIter(it) => {
                        if let Some(m) = it.map {
                            work.push(m);
                        }
                        it.keys.iter().for_each(|v| value_refs(v, &mut work));
                    }
                }
            }
        }
        for (i, m) in marked.iter().enumerate() {
            if !m && self.objects[i].is_some() {
                self.objects[i] = None;
                self.free.push(i as u32);
            }
        }
        // Reuse low ids first so that ids stay small and deterministic.
        crate::util::sort_by(&mut self.free, |a, b| b.cmp(a));
        self.allocated_since_gc = 0;
        self.slots_since_gc = 0;
        self.slots_at_gc = self.objects.iter().flatten().map(|o| object_slots(o)).sum();
    }
}

/// The number of values an object holds (the unit of the heap limit).
fn object_slots(obj: &Object) -> u64 {
    match obj {
        Object::Slots(s) | Object::Env(s) => s.len() as u64 + 1,
        Object::Map(m) => 2 * m.entries.len() as u64 + 1,
        Object::MapIter(it) => it.keys.len() as u64 + 1,
    }
}

/// Pushes the heap objects directly referenced by a value.
pub fn value_refs(v: &Value, out: &mut Vec<ObjId>) {
    match v {
        Value::Ptr(p) => out.push(p.obj),
        Value::Slice(s) => out.push(s.obj),
        Value::Map(m) | Value::MapIter(m) => out.push(*m),
        Value::Func(f) => {
            if let Some(e) = f.env {
                out.push(e)
            }
        }
        Value::Agg(slots) => slots.iter().for_each(|s| value_refs(s, out)),
        Value::Iface(i) => value_refs(&i.value, out),
        _ => {}
    }
}
