//! The order of evaluation inside a statement, as gc orders it (cmd/compile/internal/walk/order.go,
//! and `dataWordFuncName` in walk/convert.go).
//!
//! The spec fixes only the order of function calls, method calls, receives and logical operators
//! ("all function calls, method calls, receive operations, and binary logical operations are
//! evaluated in lexical left-to-right order"). gc evaluates those first, left to right, into
//! temporaries, and reads plain operands (variables, arithmetic on them, fields, elements, map
//! entries) only when the statement uses them. So in `fmt.Println(x, f())` where `f` changes `x`,
//! Go prints the new `x`, and in `a[i] = f()` the index is read after the call.
//!
//! One exception, also gc's: an operand converted to an interface is copied where it stands when
//! it is not addressable and its conversion needs an address (`convT`/`convTnoptr`: one-byte values
//! such as comparisons, pointers, maps, channels, structs and arrays that are not a single string or
//! slice, ...). So `fmt.Println(x == 1, f())` prints the comparison made before `f` runs, while
//! `fmt.Println(x+1, f())` adds after.
//!
//! `order_stmt` evaluates those parts ahead and records their registers in `Fx::hoisted`;
//! `Fx::expr` returns a recorded register instead of evaluating the node again. A logical operator
//! is evaluated ahead as a unit, as gc does (its right operand stays conditional). `if` conditions, `switch` tags and the
//! sends of `select` cases are ordered where they are evaluated; loop conditions, `range`
//! expressions and `case` values are not reordered.

use super::*;

impl<'l, 'a> Fx<'l, 'a> {
    /// Evaluates ahead what gc evaluates ahead in statement `s` (before `s` itself is lowered).
    pub(super) fn order_stmt(&mut self, s: &Stmt) -> R<()> {
        match &s.kind {
            StmtKind::Expr(e) => self.order(e, false),
            StmtKind::Send { ch, value } => {
                self.order(ch, true)?;
                self.order(value, true)
            }
            StmtKind::Assign {
                lhs, rhs, op: None, ..
            }
            | StmtKind::Define { lhs, rhs, .. } => {
                if lhs.len() == rhs.len() {
                    // `a[i] = f()`: the call runs before the index is read.
                    for e in rhs {
                        self.order(e, true)?;
                    }
                    Ok(())
                } else {
                    self.order_list(rhs)
                }
            }
            // `x op= f()` is `x = x op f()`: `x` is read after the call.
            StmtKind::Assign { rhs, .. } => self.order(&rhs[0], true),
            StmtKind::Return(es) => self.order_list(es),
            StmtKind::Go(e) | StmtKind::Defer(e) => self.order(e, false),
            StmtKind::Decl(Decl::Var(specs)) => {
                for sp in specs {
                    self.order_list(&sp.values)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Orders the right-hand sides of one assignment: with several values, each value that is a
    /// call or receive is evaluated ahead too (`a, b = x, f()` reads `x` after `f`).
    fn order_list(&mut self, es: &[Expr]) -> R<()> {
        let several = es.len() > 1;
        for e in es {
            self.order(e, several)?;
        }
        Ok(())
    }

    /// Evaluates ahead the calls and receives inside `e`, and `e` itself if it is one and `root`
    /// is set.
    pub(super) fn order(&mut self, e: &Expr, root: bool) -> R<()> {
        if self.const_of(e).is_some() || self.hoisted.contains_key(&e.id) {
            return Ok(());
        }
        match &e.kind {
            ExprKind::Paren(x) => self.order(x, root),
            ExprKind::Call {
                fun,
                args,
                has_dots,
                ..
            } => {
                let f = fun.unparen();
                // Builtins with a result and the conversions that allocate ([]byte(s), []rune(s))
                // are evaluated ahead like calls; other conversions are plain operands.
                let ahead = if self.is_type_expr(f) {
                    let t = self.tv(f)?;
                    matches!(self.under(t), Type::Slice(_))
                        && args.first().and_then(|a| self.tv(a).ok()).is_some_and(|a| {
                            matches!(
                                self.under(a),
                                Type::Basic(Basic::String | Basic::UntypedString)
                            )
                        })
                } else if let Some(b) = self.builtin_of(f) {
                    !matches!(
                        b,
                        Builtin::Clear
                            | Builtin::Close
                            | Builtin::Delete
                            | Builtin::Panic
                            | Builtin::Print
                            | Builtin::Println
                    )
                } else {
                    self.order(fun, true)?;
                    self.order_args(fun, args, *has_dots)?;
                    true
                };
                if self.is_type_expr(f) || self.builtin_of(f).is_some() {
                    for a in args {
                        self.order(a, true)?;
                    }
                }
                if ahead && root && self.single_valued(e) {
                    self.hoist(e, false)?;
                }
                Ok(())
            }
            ExprKind::Unary {
                op: Operator::Recv,
                x,
            } => {
                self.order(x, true)?;
                if root {
                    self.hoist(e, false)?;
                }
                Ok(())
            }
            // A logical operator is evaluated ahead as a unit (its right operand is conditional).
            ExprKind::Binary {
                op: Operator::AndAnd | Operator::OrOr,
                ..
            } => {
                if root {
                    self.hoist(e, false)?;
                }
                Ok(())
            }
            ExprKind::FuncLit { .. } => Ok(()),
            ExprKind::Binary { x, y, .. } => {
                self.order(x, true)?;
                self.order(y, true)
            }
            ExprKind::Unary { x, .. } | ExprKind::Star(x) | ExprKind::Selector { x, .. } => {
                self.order(x, true)
            }
            // An assertion to a type that is not pointer-shaped is evaluated ahead.
            ExprKind::TypeAssert { x, typ } => {
                self.order(x, true)?;
                if root && typ.is_some() {
                    let t = self.tv(e)?;
                    let pointer_shaped = matches!(
                        self.under(t),
                        Type::Pointer(_)
                            | Type::Map(..)
                            | Type::Chan(..)
                            | Type::Func { .. }
                            | Type::Basic(Basic::UnsafePointer)
                    );
                    if !pointer_shaped {
                        self.hoist(e, false)?;
                    }
                }
                Ok(())
            }
            ExprKind::Index { x, indices } => {
                if self.l.ck.info.instances.contains_key(&e.id)
                    || self.l.ck.info.instances.contains_key(&x.id)
                {
                    return Ok(());
                }
                self.order(x, true)?;
                for i in indices {
                    self.order(i, true)?;
                }
                Ok(())
            }
            // Slice expressions are evaluated ahead.
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.order(x, true)?;
                for b in [lo, hi, max].into_iter().flatten() {
                    self.order(b, true)?;
                }
                if root {
                    self.hoist(e, false)?;
                }
                Ok(())
            }
            // A map literal is built ahead, one entry after the other, as a unit.
            ExprKind::CompositeLit { .. }
                if matches!(self.tv(e).map(|t| self.under(t)), Ok(Type::Map(..))) =>
            {
                if root {
                    self.hoist(e, false)?;
                }
                Ok(())
            }
            ExprKind::CompositeLit { elems, .. } => {
                for el in elems {
                    if let Some(k) = &el.key {
                        self.order(k, true)?;
                    }
                    self.order(&el.value, true)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Orders a call's arguments, copying ahead those that become interfaces through a conversion
    /// that needs an address.
    fn order_args(&mut self, fun: &Expr, args: &[Expr], has_dots: bool) -> R<()> {
        let sig = self.tv(fun).ok().map(|t| self.under(t));
        let (params, variadic) = match sig {
            Some(Type::Func {
                params, variadic, ..
            }) => (params, variadic),
            _ => (Vec::new(), false),
        };
        let params: Vec<CT> = params.into_iter().map(|p| self.ct(p)).collect();
        for (i, a) in args.iter().enumerate() {
            self.order(a, true)?;
            let to = match params.len() {
                0 => continue,
                n if variadic && !has_dots && i >= n - 1 => match self.under(params[n - 1]) {
                    Type::Slice(et) => et,
                    _ => continue,
                },
                n if i < n => params[i],
                _ => continue,
            };
            if self.copied_when_boxed(a, to)? {
                self.hoist(a, true)?;
            }
        }
        Ok(())
    }

    /// Whether gc copies `e` where it stands because it becomes an interface of type `to` through a
    /// conversion that needs the value's address, and `e` has none.
    fn copied_when_boxed(&mut self, e: &Expr, to: CT) -> R<bool> {
        if !self.is_iface(to) || self.const_of(e).is_some() || self.hoisted.contains_key(&e.id) {
            return Ok(false);
        }
        let from = self.tv(e)?;
        if matches!(self.l.ty.get(from), Type::Tuple(_))
            || self.is_iface(from)
            || self.is_untyped_nil(from)
            || self.addressable(e)
        {
            return Ok(false);
        }
        Ok(self.boxing_needs_address(from))
    }

    /// `dataWordFuncName`'s third result: false for 2-, 4- and 8-byte values without pointers (the
    /// `convT16/32/64` helpers) and for a single string or slice.
    fn boxing_needs_address(&self, t: CT) -> bool {
        let (size, align, pointers) = self.layout(t);
        let word = (size == 2 && align == 2)
            || (size == 4 && align == 4 && !pointers)
            || (size == 8 && align == 8 && !pointers);
        let sole = self.sole_component(t);
        let string_or_slice = matches!(
            self.under(sole),
            Type::Basic(Basic::String) | Type::Slice(_)
        );
        !(word || string_or_slice)
    }

    /// Size, alignment and whether it holds pointers, on a 64-bit target.
    fn layout(&self, t: CT) -> (u64, u64, bool) {
        match self.under(t) {
            Type::Basic(b) => match b {
                Basic::Bool | Basic::Int8 | Basic::Uint8 => (1, 1, false),
                Basic::Int16 | Basic::Uint16 => (2, 2, false),
                Basic::Int32 | Basic::Uint32 | Basic::Float32 => (4, 4, false),
                Basic::Complex64 => (8, 4, false),
                Basic::Complex128 => (16, 8, false),
                Basic::String => (16, 8, true),
                Basic::UnsafePointer => (8, 8, true),
                _ => (8, 8, false),
            },
            Type::Slice(_) => (24, 8, true),
            Type::Interface { .. } => (16, 8, true),
            Type::Array(n, e) => {
                let (s, a, p) = self.layout(e);
                (n.saturating_mul(s), a, p && n > 0)
            }
            Type::Struct(fields) => {
                let (mut off, mut max_align, mut pointers) = (0u64, 1u64, false);
                for f in &fields {
                    let (s, a, p) = self.layout(f.typ);
                    off = off.div_ceil(a) * a + s;
                    max_align = max_align.max(a);
                    pointers |= p;
                }
                (off.div_ceil(max_align) * max_align, max_align, pointers)
            }
            _ => (8, 8, true),
        }
    }

    /// `types.Type.SoleComponent`: through structs of one field and arrays of one element.
    fn sole_component(&self, t: CT) -> CT {
        match self.under(t) {
            Type::Struct(fields) if fields.len() == 1 => self.sole_component(fields[0].typ),
            Type::Array(1, e) => self.sole_component(e),
            _ => t,
        }
    }

    /// Go's addressability: variables, pointer indirections, slice elements, and fields and
    /// elements of addressable structs and arrays.
    fn addressable(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Paren(x) => self.addressable(x),
            ExprKind::Name(_) => self
                .obj_of(e)
                .is_some_and(|o| matches!(self.l.ck.info.objects[o.0 as usize].kind, ObjKind::Var)),
            ExprKind::Star(_) => true,
            ExprKind::Selector { x, .. } => match self.l.ck.info.selections.get(&e.id) {
                Some(Selection::Qualified(o)) => {
                    matches!(self.l.ck.info.objects[o.0 as usize].kind, ObjKind::Var)
                }
                Some(Selection::Field { indirect, .. }) => *indirect || self.addressable(x),
                _ => false,
            },
            ExprKind::Index { x, .. } => match self.tv(x).map(|t| self.under(t)) {
                Ok(Type::Slice(_)) | Ok(Type::Pointer(_)) => true,
                Ok(Type::Array(..)) => self.addressable(x),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether call `e` has exactly one result.
    fn single_valued(&self, e: &Expr) -> bool {
        self.l
            .ck
            .info
            .types
            .get(&e.id)
            .is_some_and(|tv| !matches!(self.l.ty.get(tv.typ), Type::Tuple(ts) if ts.len() != 1))
    }

    /// Evaluates `e` now and records its register for `Fx::expr`; `copy` moves the value into a
    /// fresh register (a variable's own register would see later assignments).
    fn hoist(&mut self, e: &Expr, copy: bool) -> R<()> {
        let r = self.expr(e)?;
        let r = if copy {
            let t = self.tmp();
            self.mv(t, r);
            t
        } else {
            r
        };
        self.hoisted.insert(e.id, r);
        self.hoisted_log.push(e.id);
        Ok(())
    }
}
