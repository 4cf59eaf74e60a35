//! A small `ProgramBuilder` for hand-written test programs (used by this crate's tests and the scheduler's).
//!
//! ```
//! use runtime::builder::ProgramBuilder;
//! use runtime::program::{FmtOp, Instr, Stream};
//! use runtime::types::builtin;
//! let mut b = ProgramBuilder::new();
//! let main = b.declare_func("main.main", 0, &[]);
//! let mut f = b.func(main);
//! let s = f.reg();
//! let hello = f.str_const("hello");
//! f.emit(Instr::Const { dst: s, konst: hello });
//! f.println(&[(s, builtin::STRING)]);
//! f.ret(&[]);
//! f.finish();
//! let program = b.finish(main).unwrap();
//! assert_eq!(program.funcs.len(), 1);
//! ```

use crate::natives;
use crate::program::{
    Const, ConstId, FmtOp, Func, FuncId, Global, Instr, NativeIdx, Pc, Program, ProgramError, Reg,
    SelectTable, SourceSpan, Stream,
};
use crate::types::{builtin, Method, MethodImpl, Receiver, TypeId, Types};

/// Builds a [`Program`].
#[derive(Debug, Default)]
pub struct ProgramBuilder {
    program: Program,
}

/// A forward-referenceable code position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(usize);

/// Builds one function's code.
pub struct FuncBuilder<'a> {
    b: &'a mut ProgramBuilder,
    id: FuncId,
    code: Vec<Instr>,
    spans: Vec<SourceSpan>,
    labels: Vec<Option<Pc>>,
    fixups: Vec<(usize, Label)>,
    regs: u16,
    line: u32,
    selects: Vec<SelectTable>,
    recover_pc: Option<Label>,
}

impl ProgramBuilder {
    /// An empty program with the builtin types.
    pub fn new() -> ProgramBuilder {
        let mut program = Program::default();
        program.files.push("main.go".into());
        ProgramBuilder { program }
    }

    /// The type table (to add named types, methods...).
    pub fn types(&mut self) -> &mut Types {
        &mut self.program.types
    }

    /// Adds (or reuses) a constant.
    pub fn konst(&mut self, c: Const) -> ConstId {
        if let Some(i) = self.program.consts.iter().position(|k| *k == c) {
            return ConstId(i as u32);
        }
        self.program.consts.push(c);
        ConstId(self.program.consts.len() as u32 - 1)
    }

    /// Index of a native by name (added to the program's native list).
    ///
    /// # Panics
    /// If no native has that name (a bug in the test program).
    pub fn native(&mut self, name: &str) -> NativeIdx {
        assert!(natives::lookup(name).is_some(), "unknown native {name}");
        if let Some(i) = self.program.native_index(name) {
            return i;
        }
        self.program.natives.push(name.into());
        NativeIdx(self.program.natives.len() as u32 - 1)
    }

    /// Declares a package-level variable; returns its slot offset.
    pub fn global(&mut self, name: &str, ty: TypeId) -> u32 {
        let offset = self.program.global_slots();
        self.program.globals.push(Global {
            name: name.into(),
            ty,
            offset,
        });
        offset
    }

    /// Declares a function (its code comes from [`ProgramBuilder::func`]).
    pub fn declare_func(&mut self, name: &str, params: u16, results: &[TypeId]) -> FuncId {
        self.program.funcs.push(Func {
            name: name.into(),
            params,
            results: results.len() as u16,
            regs: params,
            result_types: results.to_vec(),
            ..Func::default()
        });
        FuncId(self.program.funcs.len() as u32 - 1)
    }

    /// Starts writing the code of a declared function.
    pub fn func(&mut self, id: FuncId) -> FuncBuilder<'_> {
        let regs = self.program.funcs[id.0 as usize].params;
        FuncBuilder {
            b: self,
            id,
            code: Vec::new(),
            spans: Vec::new(),
            labels: Vec::new(),
            fixups: Vec::new(),
            regs,
            line: 1,
            selects: Vec::new(),
            recover_pc: None,
        }
    }

    /// Adds a Go method `func` (receiver = its param 0) named `name` to `ty`'s method set.
    pub fn method(&mut self, ty: TypeId, name: &str, func: FuncId, receiver: Receiver) {
        let name = self.program.types.name_id(name);
        let string = builtin::STRING;
        let results = self.program.funcs[func.0 as usize].result_types.clone();
        let sig = if results == [string] && self.program.funcs[func.0 as usize].params == 1 {
            Some(self.program.types.intern(crate::types::TypeKind::Func {
                params: vec![],
                results: vec![string],
                variadic: false,
            }))
        } else {
            None
        };
        self.program.types.add_method(
            ty,
            Method {
                name,
                ty: sig,
                imp: MethodImpl::Func { func, receiver },
            },
        );
    }

    /// Finishes the program with `entry` as the main goroutine's function and validates it.
    pub fn finish(mut self, entry: FuncId) -> Result<Program, ProgramError> {
        self.program.entry = entry;
        self.program.types.finish();
        self.program.layout_globals();
        self.program.validate()?;
        Ok(self.program)
    }
}

impl FuncBuilder<'_> {
    /// Parameter register `i`.
    pub fn param(&self, i: u16) -> Reg {
        Reg(i)
    }

    /// A fresh register.
    pub fn reg(&mut self) -> Reg {
        self.regs(1)
    }

    /// `n` fresh consecutive registers; returns the first.
    pub fn regs(&mut self, n: u16) -> Reg {
        let r = Reg(self.regs);
        self.regs += n;
        r
    }

    /// A string constant.
    pub fn str_const(&mut self, s: &str) -> ConstId {
        self.b.konst(Const::Str(s.as_bytes().to_vec()))
    }

    /// A constant.
    pub fn konst(&mut self, c: Const) -> ConstId {
        self.b.konst(c)
    }

    /// Index of a native.
    pub fn native(&mut self, name: &str) -> NativeIdx {
        self.b.native(name)
    }

    /// The type table.
    pub fn types(&mut self) -> &mut Types {
        self.b.types()
    }

    /// Sets the source line of the following instructions.
    pub fn line(&mut self, line: u32) {
        self.line = line;
    }

    /// A new unbound label.
    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }

    /// Binds a label to the next instruction.
    pub fn bind(&mut self, l: Label) {
        self.labels[l.0] = Some(self.code.len() as Pc);
    }

    /// The next instruction's pc.
    pub fn pc(&self) -> Pc {
        self.code.len() as Pc
    }

    /// Emits an instruction.
    pub fn emit(&mut self, i: Instr) -> Pc {
        self.code.push(i);
        self.spans.push(SourceSpan {
            file: 0,
            line: self.line,
            column: 1,
            len: 1,
        });
        self.code.len() as Pc - 1
    }

    fn emit_to(&mut self, i: Instr, l: Label) {
        let at = self.code.len();
        self.emit(i);
        self.fixups.push((at, l));
    }

    /// `Jump` to a label.
    pub fn jump(&mut self, l: Label) {
        self.emit_to(Instr::Jump { target: 0 }, l);
    }

    /// `JumpIf` to a label.
    pub fn jump_if(&mut self, cond: Reg, l: Label) {
        self.emit_to(Instr::JumpIf { cond, target: 0 }, l);
    }

    /// `JumpIfNot` to a label.
    pub fn jump_if_not(&mut self, cond: Reg, l: Label) {
        self.emit_to(Instr::JumpIfNot { cond, target: 0 }, l);
    }

    /// `MapNext` jumping to `done` when finished.
    pub fn map_next(&mut self, iter: Reg, dst: Reg, done: Label) {
        self.emit_to(Instr::MapNext { iter, dst, done: 0 }, done);
    }

    /// Sets `Func::recover_pc` to a label.
    pub fn recover_at(&mut self, l: Label) {
        self.recover_pc = Some(l);
    }

    /// Adds a select table; returns its index for `Instr::Select`.
    pub fn select_table(&mut self, table: SelectTable) -> u32 {
        self.selects.push(table);
        self.selects.len() as u32 - 1
    }

    /// `Return` of consecutive registers (copies `vals` into fresh consecutive registers first if needed).
    pub fn ret(&mut self, vals: &[Reg]) {
        let src = self.consecutive(vals);
        self.emit(Instr::Return {
            src,
            count: vals.len() as u16,
        });
    }

    /// Copies `vals` into consecutive registers (unless they already are) and returns the first.
    pub fn consecutive(&mut self, vals: &[Reg]) -> Reg {
        if vals.is_empty() {
            return Reg(0);
        }
        if vals.windows(2).all(|w| w[1].0 == w[0].0 + 1) {
            return vals[0];
        }
        let start = self.regs(vals.len() as u16);
        for (i, v) in vals.iter().enumerate() {
            self.emit(Instr::Move {
                dst: start.offset(i),
                src: *v,
            });
        }
        start
    }

    /// Packs `(register, static type)` operands into a `[]any` (MakeIface + Append) and returns its register.
    pub fn any_slice(&mut self, vals: &[(Reg, TypeId)]) -> Reg {
        let start = self.regs(vals.len().max(1) as u16);
        for (i, (r, ty)) in vals.iter().enumerate() {
            if self.b.program.types.is_interface(*ty) {
                self.emit(Instr::Move {
                    dst: start.offset(i),
                    src: *r,
                });
            } else {
                self.emit(Instr::MakeIface {
                    dst: start.offset(i),
                    src: *r,
                    ty: *ty,
                });
            }
        }
        let s = self.reg();
        self.emit(Instr::Zero {
            dst: s,
            ty: builtin::SLICE_ANY,
        });
        if !vals.is_empty() {
            self.emit(Instr::Append {
                dst: s,
                src: s,
                args: start,
                count: vals.len() as u16,
                ty: builtin::SLICE_ANY,
            });
        }
        s
    }

    /// `fmt.Println(vals...)` to stdout.
    pub fn println(&mut self, vals: &[(Reg, TypeId)]) {
        let s = self.any_slice(vals);
        let dst = self.regs(2);
        self.emit(Instr::Fmt {
            op: FmtOp::Println(Stream::Stdout),
            args: s,
            dst,
        });
    }

    /// `fmt.Printf(format, vals...)` to stdout.
    pub fn printf(&mut self, format: &str, vals: &[(Reg, TypeId)]) {
        let s = self.any_slice(vals);
        let args = self.regs(2);
        let k = self.str_const(format);
        self.emit(Instr::Const {
            dst: args,
            konst: k,
        });
        self.emit(Instr::Move {
            dst: args.offset(1),
            src: s,
        });
        let dst = self.regs(2);
        self.emit(Instr::Fmt {
            op: FmtOp::Printf(Stream::Stdout),
            args,
            dst,
        });
    }

    /// Resolves labels and stores the code in the program.
    ///
    /// # Panics
    /// If a label used by a jump was never bound (a bug in the test program).
    pub fn finish(self) {
        let mut code = self.code;
        for (at, l) in &self.fixups {
            let target = self.labels[l.0].expect("unbound label");
            match &mut code[*at] {
                Instr::Jump { target: t }
                | Instr::JumpIf { target: t, .. }
                | Instr::JumpIfNot { target: t, .. }
                | Instr::MapNext { done: t, .. } => *t = target,
                _ => {}
            }
        }
        let recover_pc = self
            .recover_pc
            .map(|l| self.labels[l.0].expect("unbound recover label"));
        let f = &mut self.b.program.funcs[self.id.0 as usize];
        f.code = code;
        f.spans = self.spans;
        f.regs = self.regs.max(f.params);
        f.selects = self.selects;
        f.recover_pc = recover_pc;
    }
}

#[cfg(test)]
impl ProgramBuilder {
    pub(crate) fn into_program_for_tests(self) -> Program {
        self.program
    }
    pub(crate) fn from_program_for_tests(program: Program) -> ProgramBuilder {
        ProgramBuilder { program }
    }
}
