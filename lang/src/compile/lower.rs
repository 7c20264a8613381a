//! One function body's compilation context: its builder, where each variable lives, the
//! enclosing loops and switches, and the prologue and epilogue of declared functions,
//! function literals and the program entry.
//!
//! This module owns variable placement: a local gets a register for the whole function,
//! unless a closure captures it or its address is taken, in which case the register holds
//! a pointer to a one-word heap cell. A closure reaches the cells of its free variables
//! through its captures. Package-level variables are globals.
//!
//! Invariants: parameters occupy `R[0..n_params]` in signature order (receiver first),
//! whether named or not; every struct or array parameter is copied on entry (the callee
//! owns its copy, so callers pass objects as they are).

use std::collections::{HashMap, HashSet};

use minigo_vm::Function;
use minigo_vm::op::{GlobalIdx, Op, Reg};

use super::CompileError;
use super::builder::Builder;
use super::types;
use super::unit::Compiler;
use crate::ast;
use crate::check::info::FuncInfo;
use crate::check::object::ObjectKind;
use crate::check::types::{ObjectId, Type, TypeId};
use crate::span::Span;

/// Where a variable lives.
#[derive(Clone, Copy, Debug)]
pub enum Var {
    Reg(Reg),
    /// `R[r]` points to the variable's heap cell.
    Cell(Reg),
    /// Capture `idx` of the running closure points to the variable's heap cell.
    Capture(u8),
    Global(GlobalIdx),
}

/// A `for`, `switch` or `select` that `break` (and, for loops, `continue`) can leave.
pub struct Breakable {
    pub label: Option<ast::Name>,
    pub is_loop: bool,
    pub breaks: Vec<super::builder::Patch>,
    pub continues: Vec<super::builder::Patch>,
}

/// The compilation context of one function body.
pub struct FnCx<'c, 'a> {
    pub c: &'c mut Compiler<'a>,
    pub b: Builder,
    pub vars: HashMap<ObjectId, Var>,
    /// Locals that need a heap cell (captured or address-taken).
    pub boxed: HashSet<ObjectId>,
    /// The result types, and the named result variables (empty when unnamed).
    pub results: Vec<TypeId>,
    pub named_results: Vec<ObjectId>,
    pub breakables: Vec<Breakable>,
    pub name: String,
    n_lits: u32,
    pub line: u32,
    /// A label waiting for the loop or switch statement it names.
    pub pending_label: Option<ast::Name>,
    param_words: u8,
}

impl<'c, 'a> FnCx<'c, 'a> {
    fn new(c: &'c mut Compiler<'a>, name: String) -> FnCx<'c, 'a> {
        FnCx {
            c,
            b: Builder::default(),
            vars: HashMap::new(),
            boxed: HashSet::new(),
            results: Vec::new(),
            named_results: Vec::new(),
            breakables: Vec::new(),
            name,
            n_lits: 0,
            line: 0,
            pending_label: None,
            param_words: 0,
        }
    }

    /// Compiles a declared function or method.
    pub fn compile_decl(
        c: &'c mut Compiler<'a>,
        decl: &ast::FuncDecl,
        obj: ObjectId,
        name: String,
    ) -> Function {
        let info = c.decl_infos.get(&obj).copied();
        let mut cx = FnCx::new(c, name);
        let sig_ty = cx.c.obj_ty(obj);
        let params: Vec<&ast::Param> = decl.recv.iter().chain(&decl.sig.params).collect();
        if let Some(body) = &decl.body {
            cx.scan_address_taken(&body.stmts);
        }
        cx.prologue(
            info,
            &params,
            &decl.sig.results,
            sig_ty,
            decl.recv.is_some(),
        );
        if let Some(body) = &decl.body {
            cx.body(body);
        }
        cx.finish(decl.span)
    }

    /// Compiles a function literal into function `idx`; its free variables arrive as the
    /// closure's captures, in `FuncInfo::free` order.
    pub fn compile_lit(
        &mut self,
        e: &ast::Expr,
        sig: &ast::FuncSig,
        body: &ast::Block,
    ) -> Option<(u32, Vec<ObjectId>)> {
        self.n_lits += 1;
        let name = if self.name.contains(".func") {
            format!("{}.{}", self.name, self.n_lits)
        } else {
            format!("{}.func{}", self.name, self.n_lits)
        };
        let info = self.c.lit_infos.get(&(e.span.file, e.id)).copied();
        let sig_ty = self
            .c
            .prog
            .info
            .type_of((e.span.file, e.id))
            .map_or(TypeId::INVALID, |t| self.c.sub(t));
        let idx = self.c.reserve_function(e.span);
        let free = info.map(|i| i.free.clone()).unwrap_or_default();
        let mut cx = FnCx::new(&mut *self.c, name);
        for (i, &v) in free.iter().enumerate() {
            cx.vars.insert(v, Var::Capture(i as u8));
        }
        let params: Vec<&ast::Param> = sig.params.iter().collect();
        cx.scan_address_taken(&body.stmts);
        cx.prologue(info, &params, &sig.results, sig_ty, false);
        cx.body(body);
        let f = cx.finish(e.span);
        self.c.set_function(idx, f);
        Some((u32::from(idx.0), free))
    }

    /// The program entry `runtime.main`: package variables, `init` functions, `main.main`.
    pub fn compile_entry(c: &'c mut Compiler<'a>) -> Function {
        let mut cx = FnCx::new(c, "runtime.main".into());
        let prog = cx.c.prog;
        cx.zero_globals();
        for pkg in &prog.packages {
            for init in &pkg.init_order {
                cx.global_initializer(init);
            }
            for &f in &pkg.inits {
                cx.call_static(f);
            }
        }
        if let Some(main) = prog.main_package()
            && let Some(obj) = prog.scopes.get(main.scope).get("main")
        {
            cx.call_static(obj);
        }
        let r = cx.b.alloc();
        cx.emit(Op::Return { src: r, n: 0 });
        cx.finish(Span::default())
    }

    fn call_static(&mut self, f: ObjectId) {
        if let Some(&idx) = self.c.func_index.get(&f) {
            let base = self.b.alloc();
            self.emit(Op::Call { func: idx, base });
            self.b.release(u32::from(base.0));
        }
    }

    /// Assigns registers or cells to parameters, results and locals, copies struct
    /// parameters, and zeroes named results.
    fn prologue(
        &mut self,
        info: Option<&FuncInfo>,
        params: &[&ast::Param],
        results: &[ast::Param],
        sig_ty: TypeId,
        has_recv: bool,
    ) {
        if let Some(info) = info {
            self.boxed.extend(info.captured.iter().copied());
        }
        let sig = match self.c.tys.get(sig_ty) {
            Type::Func(sig) => sig.clone(),
            _ => crate::check::types::Signature {
                params: Vec::new(),
                results: Vec::new(),
                variadic: false,
            },
        };
        let n_params = sig.params.len() + usize::from(has_recv);
        self.param_words = n_params as u8;
        self.b.alloc_n(n_params as u32);
        let mut reg = 0u32;
        for p in params {
            let count = p.names.len().max(1);
            for i in 0..count {
                if let Some(obj) = p
                    .names
                    .get(i)
                    .and_then(|n| self.c.prog.info.defs.get(&n.span))
                {
                    self.bind_param(*obj, Reg(reg as u8));
                }
                reg += 1;
            }
        }
        self.results = sig.results.clone();
        for p in results {
            for n in &p.names {
                if let Some(&obj) = self.c.prog.info.defs.get(&n.span) {
                    self.named_results.push(obj);
                    self.declare_local(obj);
                }
            }
        }
    }

    /// Binds parameter `obj`, already in `R[r]`: copies an object and boxes if captured.
    fn bind_param(&mut self, obj: ObjectId, r: Reg) {
        let ty = self.c.obj_ty(obj);
        if types::is_object(&self.c.tys, ty) {
            self.copy_object(ty, r, r);
        }
        if self.boxed.contains(&obj) {
            let cell = self.b.alloc();
            self.new_cell(cell, ty);
            self.emit(Op::StoreField {
                obj: cell,
                field: 0,
                src: r,
            });
            self.vars.insert(obj, Var::Cell(cell));
        } else {
            self.vars.insert(obj, Var::Reg(r));
        }
    }

    /// Gives local `obj` its storage, holding its zero value.
    pub fn declare_local(&mut self, obj: ObjectId) -> Var {
        let ty = self.c.obj_ty(obj);
        let r = self.b.alloc();
        self.zero_value(ty, r);
        self.bind_new(obj, r)
    }

    /// Makes `obj` a new variable whose initial value is in the fresh register `r`.
    pub fn bind_new(&mut self, obj: ObjectId, r: Reg) -> Var {
        let ty = self.c.obj_ty(obj);
        let var = if self.boxed.contains(&obj) {
            let cell = self.b.alloc();
            self.new_cell(cell, ty);
            self.emit(Op::StoreField {
                obj: cell,
                field: 0,
                src: r,
            });
            Var::Cell(cell)
        } else {
            Var::Reg(r)
        };
        self.vars.insert(obj, var);
        var
    }

    /// `R[dst]` = a new heap cell for a variable of type `ty`.
    pub fn new_cell(&mut self, dst: Reg, ty: TypeId) {
        let cell = self.c.types.cell(types::is_pointer(&self.c.tys, ty));
        self.emit(Op::NewObject { dst, ty: cell });
    }

    /// Emits `op` at the current line.
    pub fn emit(&mut self, op: Op) -> usize {
        self.b.emit(op, self.line)
    }

    /// Records an unsupported construct.
    pub fn unsupported(&mut self, what: &str, span: Span) {
        self.c.errors.push(CompileError::Unsupported {
            what: what.to_string(),
            span,
        });
    }

    fn body(&mut self, body: &ast::Block) {
        self.block(&body.stmts);
    }

    /// Ends the function: an implicit return of the named results (or nothing), the
    /// recovery point, and the limit checks.
    fn finish(mut self, span: Span) -> Function {
        // A jump to the end lands on the recovery block, which returns the same way, so
        // the implicit return is only needed when control can fall off the body.
        if !self.b.code.last().is_some_and(Op::is_terminator) {
            self.emit_return_named();
        }
        let recover_pc = self.b.here();
        self.emit_return_named();
        if self.b.overflow {
            self.c.errors.push(CompileError::TooManyRegisters { span });
        }
        if self.b.far_jump {
            self.c.errors.push(CompileError::JumpTooFar { span });
        }
        let n_params = self.param_words;
        let n_results = self.results.len() as u8;
        let mut f = std::mem::take(&mut self.b).finish(self.name.clone(), n_params, n_results);
        f.recover_pc = Some(recover_pc as u32);
        f
    }

    /// Returns the named results (or zero values when they are unnamed).
    pub fn emit_return_named(&mut self) {
        if !self.named_results.is_empty() {
            // Deferred calls run before the function returns and may change the named
            // results (`defer func() { result *= 2 }()`), so they are read afterwards.
            self.emit(Op::RunDefers);
        }
        let mark = self.b.mark();
        let n = self.results.len() as u32;
        let base = self.b.alloc_n(n);
        for i in 0..self.results.len() {
            let dst = Reg(base.0 + i as u8);
            match self.named_results.get(i).copied() {
                Some(obj) => self.load_var(obj, dst),
                None => _ = self.emit(Op::LoadInt { dst, imm: 0 }),
            }
        }
        self.emit(Op::Return {
            src: base,
            n: n as u8,
        });
        self.b.release(mark);
    }

    /// Records every local whose address is taken (`&x`) or on which a pointer method is
    /// called, so it gets a heap cell.
    fn scan_address_taken(&mut self, stmts: &[ast::Stmt]) {
        let mut found = Vec::new();
        super::visit::addr_taken(self.c.prog, stmts, &mut found);
        for obj in found {
            let ty = self.c.obj_ty(obj);
            let local = matches!(self.c.prog.objects.get(obj).kind, ObjectKind::Var(_));
            // A struct or array variable is its own object: `&x` is the word `x` already.
            if local && !types::is_object(&self.c.tys, ty) {
                self.boxed.insert(obj);
            }
        }
    }
}
