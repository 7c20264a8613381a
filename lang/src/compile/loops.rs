//! Loops: the three-clause `for` (fused into `ForLoopInt` for counting loops), and `range`
//! over integers, slices, arrays, strings, maps and channels.
//!
//! This module owns Go 1.22's per-iteration loop variables. A fresh variable per
//! iteration is only observable when a closure captures it (or its address is taken), so
//! only such a variable, which lives in a heap cell, gets a new cell per iteration; the
//! others keep one register.

use minigo_vm::op::{Off, Op, Reg};

use super::lower::{FnCx, Var};
use super::store::Place;
use super::types::{self, Repr};
use crate::ast::{self, BinaryOp, ExprKind, StmtKind};
use crate::check::types::{ObjectId, Type, TypeId};

impl FnCx<'_, '_> {
    pub fn for_stmt(
        &mut self,
        init: Option<&ast::Stmt>,
        cond: Option<&ast::Expr>,
        post: Option<&ast::Stmt>,
        body: &ast::Block,
    ) {
        if let Some(init) = init {
            self.stmt(init);
        }
        let loop_vars = self.init_vars(init);
        if let Some((i, n)) = self.counting_loop(cond, post, &loop_vars) {
            self.counting(cond, i, n, body);
            return;
        }
        self.open_breakable(true);
        let top = self.b.here();
        let exits = cond.map(|c| self.cond_false(c)).unwrap_or_default();
        self.block(&body.stmts);
        let continue_at = self.b.here();
        self.fresh_cells(&loop_vars);
        if let Some(post) = post {
            self.stmt(post);
        }
        self.b.emit_back(Op::Jump { off: Off(0) }, top, self.line);
        self.patch_all(exits);
        self.close_breakable(Some(continue_at));
    }

    /// The variables a `for` statement's init declares.
    fn init_vars(&self, init: Option<&ast::Stmt>) -> Vec<ObjectId> {
        match init.map(|s| &s.kind) {
            Some(StmtKind::Define { lhs, .. }) => lhs
                .iter()
                .filter_map(|n| self.c.prog.info.defs.get(&n.span).copied())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// For `i < n; i++` over a register `int` loop variable `i` and a register or
    /// constant bound `n`: the two registers of a `ForLoopInt`.
    fn counting_loop(
        &mut self,
        cond: Option<&ast::Expr>,
        post: Option<&ast::Stmt>,
        vars: &[ObjectId],
    ) -> Option<(Reg, ast::Expr)> {
        let (Some(cond), Some(post)) = (cond, post) else {
            return None;
        };
        let ExprKind::Binary {
            op: BinaryOp::Lss,
            x,
            y,
        } = &cond.kind
        else {
            return None;
        };
        let StmtKind::IncDec {
            x: inc_x,
            inc: true,
        } = &post.kind
        else {
            return None;
        };
        let obj = *self.c.prog.info.uses.get(&(x.span.file, x.id))?;
        let inc_obj = *self.c.prog.info.uses.get(&(inc_x.span.file, inc_x.id))?;
        let Some(Var::Reg(i)) = self.var(obj) else {
            return None;
        };
        let is_int = self.ty(x) == TypeId::INT
            || types::repr(&self.c.tys, self.ty(x))
                == (Repr::Int {
                    signed: true,
                    bits: 64,
                });
        let bound_ok = self.tv(y).is_some_and(|tv| tv.value().is_some()) || self.is_register_var(y);
        (obj == inc_obj && vars.contains(&obj) && is_int && bound_ok).then(|| (i, (**y).clone()))
    }

    fn is_register_var(&self, e: &ast::Expr) -> bool {
        matches!(&e.kind, ExprKind::Ident(_))
            && self
                .c
                .prog
                .info
                .uses
                .get(&(e.span.file, e.id))
                .is_some_and(|o| matches!(self.var(*o), Some(Var::Reg(_))))
    }

    /// `for ; i < n; i++ { body }` as: test once, body, `ForLoopInt` back to the body.
    fn counting(&mut self, cond: Option<&ast::Expr>, i: Reg, bound: ast::Expr, body: &ast::Block) {
        let n = self.fresh_or_var(&bound);
        self.open_breakable(true);
        let exits = cond.map(|c| self.cond_false(c)).unwrap_or_default();
        let top = self.b.here();
        self.block(&body.stmts);
        let continue_at = self.b.here();
        self.b.emit_back(
            Op::ForLoopInt {
                a: i,
                b: n,
                off: Off(0),
            },
            top,
            self.line,
        );
        self.patch_all(exits);
        self.close_breakable(Some(continue_at));
    }

    /// A register holding `e`: a variable's own register (re-read every iteration) or a
    /// fresh one.
    fn fresh_or_var(&mut self, e: &ast::Expr) -> Reg {
        self.expr(e)
    }

    /// Gives each boxed loop variable a new cell holding its current value, so closures
    /// of the finished iteration keep theirs.
    fn fresh_cells(&mut self, vars: &[ObjectId]) {
        for &obj in vars {
            if let Some(Var::Cell(cell)) = self.var(obj) {
                let ty = self.c.obj_ty(obj);
                let tmp = self.b.alloc();
                self.emit(Op::LoadField {
                    dst: tmp,
                    obj: cell,
                    field: 0,
                });
                self.new_cell(cell, ty);
                self.emit(Op::StoreField {
                    obj: cell,
                    field: 0,
                    src: tmp,
                });
                self.b.release(u32::from(tmp.0));
            }
        }
    }

    pub fn range(
        &mut self,
        key: Option<&ast::Expr>,
        value: Option<&ast::Expr>,
        define: bool,
        x: &ast::Expr,
        body: &ast::Block,
    ) {
        let xty = self.ty(x);
        let types = &self.c.tys;
        let under = types.get(types.underlying(xty)).clone();
        let src = self.fresh_value(x);
        match under {
            Type::Basic(b) if b.is_string() => self.range_string(key, value, define, src, body),
            Type::Basic(_) => self.range_indexed(key, None, define, src, xty, body),
            Type::Map { .. } => self.range_map(key, value, define, src, xty, body),
            Type::Chan { .. } => self.range_chan(key, define, src, body),
            Type::Slice(_) | Type::Array { .. } | Type::Pointer(_) => {
                self.range_indexed(key, value, define, src, xty, body)
            }
            _ => self.unsupported("range over this type", x.span),
        }
    }

    /// Assigns (or with `define`, declares) an iteration variable from `R[src]`.
    fn iter_var(&mut self, target: Option<&ast::Expr>, define: bool, src: Reg) {
        let Some(t) = target else { return };
        if matches!(&t.kind, ExprKind::Ident(n) if n == "_") {
            return;
        }
        if define {
            let obj = self
                .c
                .prog
                .info
                .defs
                .get(&t.span)
                .copied()
                .or_else(|| self.c.prog.info.uses.get(&(t.span.file, t.id)).copied());
            let Some(obj) = obj else { return };
            match self.vars.get(&obj).copied() {
                Some(Var::Reg(r)) => _ = self.emit(Op::Move { dst: r, src }),
                _ => {
                    let r = self.b.alloc();
                    self.emit(Op::Move { dst: r, src });
                    self.bind_new(obj, r);
                }
            }
        } else {
            let place = self.place(t);
            let ty = self.ty(t);
            self.store(place, src, ty);
        }
    }

    /// Declares register iteration variables before the loop so their registers outlive
    /// the body's temporaries; boxed ones get a fresh cell inside each iteration.
    fn predeclare(&mut self, targets: &[Option<&ast::Expr>], define: bool) {
        if !define {
            return;
        }
        for t in targets.iter().flatten() {
            if let Some(&obj) = self.c.prog.info.defs.get(&t.span)
                && !self.boxed.contains(&obj)
            {
                let r = self.b.alloc();
                self.vars.insert(obj, Var::Reg(r));
            }
        }
    }

    fn range_indexed(
        &mut self,
        key: Option<&ast::Expr>,
        value: Option<&ast::Expr>,
        define: bool,
        src: Reg,
        xty: TypeId,
        body: &ast::Block,
    ) {
        let is_int = matches!(types::repr(&self.c.tys, xty), Repr::Int { .. });
        let is_slice = matches!(self.c.tys.get(self.c.tys.underlying(xty)), Type::Slice(_));
        let len = self.b.alloc();
        if is_int {
            self.emit(Op::Move { dst: len, src });
        } else {
            self.length_into(xty, src, len);
        }
        let idx = self.b.alloc();
        self.emit(Op::LoadInt { dst: idx, imm: 0 });
        self.predeclare(&[key, value], define);
        self.open_breakable(true);
        let exit = self.b.emit_jump(
            Op::JumpIfLeInt {
                a: len,
                b: idx,
                off: Off(0),
            },
            self.line,
        );
        let top = self.b.here();
        let mark = self.b.mark();
        self.iter_var(key, define, idx);
        if value.is_some() {
            let elem = self.b.alloc();
            let place = if is_slice {
                Place::Slice { s: src, idx }
            } else {
                Place::Array { arr: src, idx }
            };
            self.load_place(place, elem);
            let ety = value.map_or(TypeId::INVALID, |v| self.ty(v));
            if types::is_object(&self.c.tys, ety) {
                self.copy_object(ety, elem, elem);
            }
            self.iter_var(value, define, elem);
        }
        self.block(&body.stmts);
        self.b.release(mark);
        let continue_at = self.b.here();
        self.b.emit_back(
            Op::ForLoopInt {
                a: idx,
                b: len,
                off: Off(0),
            },
            top,
            self.line,
        );
        self.b.patch_here(exit);
        self.close_breakable(Some(continue_at));
    }

    fn range_string(
        &mut self,
        key: Option<&ast::Expr>,
        value: Option<&ast::Expr>,
        define: bool,
        s: Reg,
        body: &ast::Block,
    ) {
        let len = self.b.alloc();
        self.emit(Op::LenString { dst: len, s });
        let idx = self.b.alloc();
        self.emit(Op::LoadInt { dst: idx, imm: 0 });
        let decoded = self.b.alloc_n(2);
        self.predeclare(&[key, value], define);
        self.open_breakable(true);
        let top = self.b.here();
        let exit = self.b.emit_jump(
            Op::JumpIfLeInt {
                a: len,
                b: idx,
                off: Off(0),
            },
            self.line,
        );
        let mark = self.b.mark();
        self.emit(Op::DecodeRune {
            dst: decoded,
            s,
            idx,
        });
        self.iter_var(key, define, idx);
        self.iter_var(value, define, decoded);
        self.block(&body.stmts);
        self.b.release(mark);
        let continue_at = self.b.here();
        self.emit(Op::Move {
            dst: idx,
            src: Reg(decoded.0 + 1),
        });
        self.b.emit_back(Op::Jump { off: Off(0) }, top, self.line);
        self.b.patch_here(exit);
        self.close_breakable(Some(continue_at));
    }

    fn range_map(
        &mut self,
        key: Option<&ast::Expr>,
        value: Option<&ast::Expr>,
        define: bool,
        m: Reg,
        xty: TypeId,
        body: &ast::Block,
    ) {
        let key_ty = match self.c.tys.get(self.c.tys.underlying(xty)) {
            Type::Map { key, .. } => *key,
            _ => TypeId::INVALID,
        };
        let elem = self.c.types.get(self.c.prog, &self.c.tys, key_ty);
        let name = format!("[]{}", types::type_name(self.c.prog, &self.c.tys, key_ty));
        let keys_desc = self
            .c
            .types
            .extra(&name, minigo_vm::program::TypeKind::Slice { elem });
        let keys = self.b.alloc();
        self.emit(Op::MapKeys {
            dst: keys,
            m,
            ty: keys_desc,
        });
        let len = self.b.alloc();
        self.emit(Op::LenSlice { dst: len, s: keys });
        let idx = self.b.alloc();
        self.emit(Op::LoadInt { dst: idx, imm: 0 });
        let k = self.b.alloc();
        let got = self.b.alloc_n(2);
        self.predeclare(&[key, value], define);
        self.open_breakable(true);
        let exit = self.b.emit_jump(
            Op::JumpIfLeInt {
                a: len,
                b: idx,
                off: Off(0),
            },
            self.line,
        );
        let top = self.b.here();
        let mark = self.b.mark();
        self.emit(Op::IndexSlice {
            dst: k,
            s: keys,
            idx,
        });
        self.emit(Op::MapGetOk {
            dst: got,
            m,
            key: k,
        });
        // A key deleted during the iteration is skipped.
        let skip = self.b.emit_jump(
            Op::JumpIfFalse {
                a: Reg(got.0 + 1),
                off: Off(0),
            },
            self.line,
        );
        self.iter_var(key, define, k);
        self.iter_var(value, define, got);
        self.block(&body.stmts);
        self.b.release(mark);
        let continue_at = self.b.here();
        self.b.patch_here(skip);
        self.b.emit_back(
            Op::ForLoopInt {
                a: idx,
                b: len,
                off: Off(0),
            },
            top,
            self.line,
        );
        self.b.patch_here(exit);
        self.close_breakable(Some(continue_at));
    }

    fn range_chan(&mut self, value: Option<&ast::Expr>, define: bool, ch: Reg, body: &ast::Block) {
        let got = self.b.alloc_n(2);
        self.predeclare(&[value], define);
        self.open_breakable(true);
        let top = self.b.here();
        self.emit(Op::RecvOk { dst: got, ch });
        let exit = self.b.emit_jump(
            Op::JumpIfFalse {
                a: Reg(got.0 + 1),
                off: Off(0),
            },
            self.line,
        );
        let mark = self.b.mark();
        self.iter_var(value, define, got);
        self.block(&body.stmts);
        self.b.release(mark);
        self.b.emit_back(Op::Jump { off: Off(0) }, top, self.line);
        self.b.patch_here(exit);
        self.close_breakable(Some(top));
    }
}
