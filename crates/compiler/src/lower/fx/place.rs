//! Places: addressable operands (variables, boxed variables, fields, elements, dereferences) and loads and stores through them.
//!
//! Models cmd/compile/internal/walk (assign.go, order.go addressability) for our register machine.

use super::*;

impl<'l, 'a> Fx<'l, 'a> {
    // ------------------------------------------------------------ places

    pub fn place_type(&self, p: Place) -> CT {
        match p {
            Place::Blank => CT(0),
            Place::Local(_, t)
            | Place::Ptr(_, _, t)
            | Place::Global(_, t)
            | Place::AggField(_, _, t)
            | Place::AggIndex(_, _, _, t)
            | Place::Elem(_, _, _, t)
            | Place::MapEntry(_, _, _, t) => t,
        }
    }

    pub fn place(&mut self, e: &Expr) -> R<Place> {
        let e = e.unparen();
        match &e.kind {
            ExprKind::Name(n) if n == "_" => Ok(Place::Blank),
            ExprKind::Name(_) => {
                let o = self
                    .obj_of(e)
                    .ok_or_else(|| self.unsup_at(e.span, "this assignment target"))?;
                self.place_of_obj(o, e.span)
            }
            ExprKind::Selector { x, .. } => match self.l.ck.info.selections.get(&e.id).cloned() {
                Some(Selection::Qualified(o)) => self.place_of_obj(o, e.span),
                Some(Selection::Field { path, index, .. }) => {
                    let mut steps = path.clone();
                    steps.push(index);
                    let xt = self.tv(x)?;
                    let mut cur = match self.under(xt) {
                        Type::Pointer(pt) => {
                            let p = self.tmp();
                            let v = self.expr(x)?;
                            self.mv(p, v);
                            Place::Ptr(p, 0, pt)
                        }
                        _ => self.place(x)?,
                    };
                    for s in steps {
                        cur = self.field_place(cur, s, e.span)?;
                    }
                    Ok(cur)
                }
                _ => Err(self.unsup_at(e.span, "this assignment target")),
            },
            ExprKind::Index { x, indices } if indices.len() == 1 => {
                let xt = self.tv(x)?;
                match self.under(xt) {
                    Type::Map(kt, vt) => {
                        let m = self.tmp();
                        let mv = self.expr(x)?;
                        self.mv(m, mv);
                        let k = self.tmp();
                        let kv = self.expr_to(&indices[0], kt)?;
                        self.mv(k, kv);
                        let mrt = self.rt(xt)?;
                        Ok(Place::MapEntry(m, k, mrt, vt))
                    }
                    Type::Slice(et) => {
                        let s = self.tmp();
                        let sv = self.expr(x)?;
                        self.mv(s, sv);
                        let i = self.index_value(&indices[0])?;
                        let srt = self.rt(xt)?;
                        Ok(Place::Elem(s, i, srt, et))
                    }
                    Type::Pointer(p) => {
                        let Type::Array(_, et) = self.under(p) else {
                            return Err(self.unsup_at(e.span, "this index"));
                        };
                        let s = self.tmp();
                        let sv = self.expr(x)?;
                        self.mv(s, sv);
                        let i = self.index_value(&indices[0])?;
                        let srt = self.rt(xt)?;
                        Ok(Place::Elem(s, i, srt, et))
                    }
                    Type::Array(_, et) => {
                        let base = self.place(x)?;
                        let art = self.rt(xt)?;
                        let ert = self.rt(et)?;
                        let es = self.l.slots(ert);
                        let ci = self.const_of(&indices[0]).and_then(|c| c.to_int());
                        match (base, ci) {
                            (Place::Local(r, _), Some(c)) => {
                                Ok(Place::AggField(r, c as u32 * es, et))
                            }
                            (Place::AggField(r, o, _), Some(c)) => {
                                Ok(Place::AggField(r, o + c as u32 * es, et))
                            }
                            (Place::Global(o, _), Some(c)) => {
                                Ok(Place::Global(o + c as u32 * es, et))
                            }
                            (Place::Ptr(p, o, _), Some(c)) => {
                                Ok(Place::Ptr(p, o + c as u32 * es, et))
                            }
                            (Place::Local(r, _), None) => {
                                let i = self.index_value(&indices[0])?;
                                Ok(Place::AggIndex(r, i, art, et))
                            }
                            (other, _) => {
                                let ptr = self.place_addr(other, e.span)?;
                                let i = self.index_value(&indices[0])?;
                                let prt = self.l.p.types.pointer_to(art);
                                Ok(Place::Elem(ptr, i, prt, et))
                            }
                        }
                    }
                    _ => Err(self.unsup_at(e.span, "this assignment target")),
                }
            }
            ExprKind::Star(x) => {
                let xt = self.tv(x)?;
                let Type::Pointer(pt) = self.under(xt) else {
                    return Err(self.unsup_at(e.span, "this dereference"));
                };
                let p = self.tmp();
                let v = self.expr(x)?;
                self.mv(p, v);
                Ok(Place::Ptr(p, 0, pt))
            }
            _ => Err(self.unsup_at(e.span, "this assignment target")),
        }
    }

    pub(super) fn place_of_obj(&mut self, o: ObjId, sp: Span) -> R<Place> {
        let ob = &self.l.ck.info.objects[o.0 as usize];
        if !matches!(ob.kind, ObjKind::Var) {
            return Err(self.unsup_at(sp, "this assignment target"));
        }
        if let Some(v) = self.vars.get(&o).copied() {
            let t = v.ty;
            return Ok(if v.boxed {
                Place::Ptr(v.reg, 0, t)
            } else {
                Place::Local(v.reg, t)
            });
        }
        let is_global = self.is_global(o);
        if is_global {
            let (off, t) = self.l.global(o)?;
            let t = self.ct(t);
            return Ok(Place::Global(off, t));
        }
        Err(self.unsup_at(sp, "a reference to a variable of an enclosing function"))
    }

    pub(super) fn is_global(&self, o: ObjId) -> bool {
        let ob = &self.l.ck.info.objects[o.0 as usize];
        matches!(ob.decl, Some(crate::check::DeclRef::Var(..)))
    }

    pub(super) fn field_place(&mut self, cur: Place, idx: usize, sp: Span) -> R<Place> {
        let ct = self.place_type(cur);
        match self.under(ct) {
            Type::Pointer(pt) => {
                let p = self.load_place(cur)?;
                let p2 = self.tmp();
                self.mv(p2, p);
                self.field_place(Place::Ptr(p2, 0, pt), idx, sp)
            }
            Type::Struct(fields) => {
                let f = fields.get(idx).ok_or_else(|| self.unsup_at(sp, "field"))?;
                let ft = self.ct(f.typ);
                let srt = self.rt(ct)?;
                let off = self.l.field_offset(srt, idx);
                Ok(match cur {
                    Place::Local(r, _) => Place::AggField(r, off, ft),
                    Place::AggField(r, o, _) => Place::AggField(r, o + off, ft),
                    Place::Ptr(p, o, _) => Place::Ptr(p, o + off, ft),
                    Place::Global(o, _) => Place::Global(o + off, ft),
                    Place::Elem(..) => {
                        let a = self.place_addr(cur, sp)?;
                        Place::Ptr(a, off, ft)
                    }
                    Place::MapEntry(..) | Place::AggIndex(..) | Place::Blank => {
                        // read-only use: copy out then select
                        let v = self.load_place(cur)?;
                        let d = self.tmp();
                        let frt = self.rt(ft)?;
                        self.emit(Instr::GetField {
                            dst: d,
                            src: v,
                            offset: off,
                            ty: frt,
                        });
                        Place::Local(d, ft)
                    }
                })
            }
            _ => Err(self.unsup_at(sp, "field of a non-struct")),
        }
    }

    /// The address of a place (boxing is already arranged by escape analysis).
    pub(super) fn place_addr(&mut self, p: Place, sp: Span) -> R<Reg> {
        match p {
            Place::Ptr(r, 0, _) => Ok(r),
            Place::Ptr(r, o, _) => {
                let d = self.tmp();
                self.emit(Instr::FieldAddr {
                    dst: d,
                    ptr: r,
                    offset: o,
                });
                Ok(d)
            }
            Place::Global(o, _) => {
                let d = self.tmp();
                self.emit(Instr::GlobalAddr { dst: d, offset: o });
                Ok(d)
            }
            Place::Elem(s, i, srt, _) => {
                let d = self.tmp();
                self.emit(Instr::IndexAddr {
                    dst: d,
                    src: s,
                    index: i,
                    ty: srt,
                });
                Ok(d)
            }
            _ => Err(self.unsup_at(sp, "taking the address of this value")),
        }
    }

    pub fn load_place(&mut self, p: Place) -> R<Reg> {
        let t = self.place_type(p);
        let d = self.tmp();
        match p {
            Place::Blank => return Err(self.unsup_at(self.span, "reading _")),
            Place::Local(r, _) => return Ok(r),
            Place::Ptr(r, 0, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::Load {
                    dst: d,
                    ptr: r,
                    ty: rt,
                });
            }
            Place::Ptr(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::LoadField {
                    dst: d,
                    ptr: r,
                    offset: o,
                    ty: rt,
                });
            }
            Place::Global(o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::LoadGlobal {
                    dst: d,
                    offset: o,
                    ty: rt,
                });
            }
            Place::AggField(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::GetField {
                    dst: d,
                    src: r,
                    offset: o,
                    ty: rt,
                });
            }
            Place::AggIndex(r, i, art, _) => {
                self.emit(Instr::IndexAgg {
                    dst: d,
                    src: r,
                    index: i,
                    ty: art,
                });
            }
            Place::Elem(s, i, srt, _) => {
                self.emit(Instr::Index {
                    dst: d,
                    src: s,
                    index: i,
                    ty: srt,
                });
            }
            Place::MapEntry(m, k, mrt, _) => {
                self.emit(Instr::MapGet {
                    dst: d,
                    map: m,
                    key: k,
                    ty: mrt,
                    form: ResultForm::Value,
                });
            }
        }
        Ok(d)
    }

    pub fn store_place(&mut self, p: Place, v: Reg) -> R<()> {
        let t = self.place_type(p);
        match p {
            Place::Blank => {}
            Place::Local(r, _) => self.mv(r, v),
            Place::Ptr(r, 0, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::Store {
                    ptr: r,
                    src: v,
                    ty: rt,
                });
            }
            Place::Ptr(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::StoreField {
                    ptr: r,
                    offset: o,
                    src: v,
                    ty: rt,
                });
            }
            Place::Global(o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::StoreGlobal {
                    offset: o,
                    src: v,
                    ty: rt,
                });
            }
            Place::AggField(r, o, _) => {
                let rt = self.rt(t)?;
                self.emit(Instr::SetField {
                    dst: r,
                    offset: o,
                    src: v,
                    ty: rt,
                });
            }
            Place::AggIndex(r, i, art, _) => {
                self.emit(Instr::SetIndexAgg {
                    dst: r,
                    index: i,
                    src: v,
                    ty: art,
                });
            }
            Place::Elem(s, i, srt, _) => {
                self.emit(Instr::SetIndex {
                    dst: s,
                    index: i,
                    src: v,
                    ty: srt,
                });
            }
            Place::MapEntry(m, k, _, _) => {
                self.emit(Instr::MapSet {
                    map: m,
                    key: k,
                    src: v,
                });
            }
        }
        Ok(())
    }

    pub(super) fn index_value(&mut self, e: &Expr) -> R<Reg> {
        let t = self.tv(e)?;
        let int_t = self.l.ty.basic(Basic::Int);
        let r = self.tmp();
        let t2 = if self.l.ty.is_untyped(t) { int_t } else { t };
        let v = self.expr_to(e, t2)?;
        let k = self.num_kind(t2)?.unwrap_or(NumKind::Int);
        if k != NumKind::Int && k.is_int() {
            self.emit(Instr::Convert {
                dst: r,
                src: v,
                from: k,
                to: NumKind::Int,
            });
        } else {
            self.mv(r, v);
        }
        Ok(r)
    }
}
