//! Statements other than loops: declarations, assignments, `if`, `switch`, type switches,
//! `return`, `break`/`continue`, `go` and `defer`.
//!
//! This module owns statement-level evaluation order: for `a, b = x, y` the places on the
//! left are evaluated first, then every value on the right into fresh registers, and only
//! then are the stores made, so `a, b = b, a` swaps. Loops are `loops`'.

use minigo_vm::op::{Off, Op, Reg};

use super::builder::Patch;
use super::lower::{Breakable, FnCx};
use super::store::Place;
use super::types;
use crate::ast::{self, AssignOp, ExprKind, StmtKind};
use crate::check::info::SelectionKind;
use crate::check::types::{ObjectId, TypeId};

impl FnCx<'_, '_> {
    pub fn block(&mut self, stmts: &[ast::Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    pub fn stmt(&mut self, s: &ast::Stmt) {
        self.line = self.c.line(s.span);
        let mark = self.b.mark();
        match &s.kind {
            StmtKind::Decl(ast::Decl::Var(v)) => {
                for spec in &v.specs {
                    let objs = self.defined(&spec.names);
                    self.define(&objs, &spec.values);
                }
            }
            StmtKind::Decl(_) | StmtKind::Empty | StmtKind::Bad | StmtKind::Fallthrough => {}
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send { ch, value } => {
                let ch = self.expr(ch);
                let src = self.value_copy(value);
                self.emit(Op::Send { ch, src });
            }
            StmtKind::IncDec { x, inc } => self.inc_dec(x, *inc),
            StmtKind::Assign {
                lhs,
                op: AssignOp::Assign,
                rhs,
            } => self.assign(lhs, rhs),
            StmtKind::Assign {
                lhs,
                op: AssignOp::Op(op),
                rhs,
            } => self.op_assign(s, *op, &lhs[0], &rhs[0]),
            StmtKind::Define { lhs, rhs } => {
                let objs = self.defined(lhs);
                self.define(&objs, rhs);
            }
            StmtKind::Go(call) => self.go_or_defer(call, true),
            StmtKind::Defer(call) => self.go_or_defer(call, false),
            StmtKind::Return(values) => self.return_stmt(values),
            StmtKind::Break(label) => self.branch(label.as_ref(), false, s.span),
            StmtKind::Continue(label) => self.branch(label.as_ref(), true, s.span),
            StmtKind::Block(b) => self.block(&b.stmts),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => self.if_stmt(init.as_deref(), cond, then, els.as_deref()),
            StmtKind::Switch {
                init, tag, cases, ..
            } => self.switch(init.as_deref(), tag.as_ref(), cases),
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                cases,
                ..
            } => self.type_switch(init.as_deref(), bind.is_some(), x, cases),
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => self.for_stmt(init.as_deref(), cond.as_ref(), post.as_deref(), body),
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range(key.as_ref(), value.as_ref(), *define, x, body),
            StmtKind::Labeled { label, stmt } => {
                self.pending_label = Some(label.name.clone());
                self.stmt(stmt);
            }
            StmtKind::Select { cases, .. } => self.select(cases, s.span),
        }
        // Variables declared by this statement keep their registers (they are above the
        // mark only while the statement runs when they are temporaries).
        if !matches!(s.kind, StmtKind::Decl(_) | StmtKind::Define { .. }) {
            self.b.release(mark);
        }
    }

    /// The objects a list of declaring identifiers defines (`None` for `_` or a name
    /// `:=` reuses, which then is `Some` of the existing variable via `uses`).
    fn defined(&self, names: &[ast::Ident]) -> Vec<Option<ObjectId>> {
        names
            .iter()
            .map(|n| {
                if n.is_blank() {
                    None
                } else {
                    self.c.prog.info.defs.get(&n.span).copied()
                }
            })
            .collect()
    }

    /// `var a, b = x, y` / `a, b := x, y`: values first, then the new variables.
    fn define(&mut self, objs: &[Option<ObjectId>], values: &[ast::Expr]) {
        if values.is_empty() {
            for obj in objs.iter().flatten() {
                self.declare_local(*obj);
            }
            return;
        }
        let regs: Vec<Reg> = if values.len() == objs.len() {
            values.iter().map(|v| self.fresh_value(v)).collect()
        } else {
            let base = self.multi_value(&values[0], objs.len());
            (0..objs.len()).map(|i| Reg(base.0 + i as u8)).collect()
        };
        for (obj, r) in objs.iter().zip(regs) {
            let Some(obj) = *obj else { continue };
            if self.vars.contains_key(&obj) {
                // `:=` redeclaring an existing variable assigns to it.
                let ty = self.c.obj_ty(obj);
                self.store(Place::Var(obj), r, ty);
            } else {
                self.bind_new(obj, r);
            }
        }
    }

    /// A fresh register (never a variable's own) holding a private copy of `e`.
    pub fn fresh_value(&mut self, e: &ast::Expr) -> Reg {
        let mark = self.b.mark();
        let r = self.value_copy(e);
        if u32::from(r.0) >= mark {
            return r;
        }
        let dst = self.b.alloc();
        self.emit(Op::Move { dst, src: r });
        dst
    }

    fn expr_stmt(&mut self, e: &ast::Expr) {
        match &super::expr::strip_parens(e).kind {
            ExprKind::Call { func, args, spread }
                if !matches!(
                    self.tv(func).map(|t| &t.mode),
                    Some(
                        crate::check::info::ExprMode::Builtin(_)
                            | crate::check::info::ExprMode::Type
                    )
                ) =>
            {
                self.emit_call(e, func, args, *spread);
            }
            _ => _ = self.expr(e),
        }
    }

    /// The place an assignment's left-hand side names.
    pub fn place(&mut self, e: &ast::Expr) -> Place {
        let e = super::expr::strip_parens(e);
        match &e.kind {
            ExprKind::Ident(name) if name == "_" => Place::Blank,
            ExprKind::Ident(_) => match self.c.prog.info.uses.get(&(e.span.file, e.id)) {
                Some(&obj) => Place::Var(obj),
                None => Place::Blank,
            },
            ExprKind::Selector { x, .. } => {
                let key = (e.span.file, e.id);
                if let Some(&obj) = self.c.prog.info.uses.get(&key) {
                    return Place::Var(obj);
                }
                match self.c.prog.info.selections.get(&key).cloned() {
                    Some(sel) if sel.kind == SelectionKind::Field => self.field_place(x, &sel.path),
                    _ => Place::Blank,
                }
            }
            ExprKind::Index { x, indices } => self.index_place(x, &indices[0]),
            ExprKind::Star(x) => self.deref_place(e, x),
            _ => {
                self.unsupported("assigning to this expression", e.span);
                Place::Blank
            }
        }
    }

    fn assign(&mut self, lhs: &[ast::Expr], rhs: &[ast::Expr]) {
        let mut places: Vec<Place> = lhs.iter().map(|l| self.place(l)).collect();
        if places.len() > 1 {
            places = places.into_iter().map(|p| self.pin_place(p)).collect();
        }
        let tys: Vec<TypeId> = lhs.iter().map(|l| self.ty(l)).collect();
        let regs: Vec<Reg> = if lhs.len() == rhs.len() {
            if lhs.len() == 1 {
                vec![self.value_copy(&rhs[0])]
            } else {
                rhs.iter().map(|v| self.fresh_value(v)).collect()
            }
        } else {
            let base = self.multi_value(&rhs[0], lhs.len());
            (0..lhs.len()).map(|i| Reg(base.0 + i as u8)).collect()
        };
        for ((place, r), ty) in places.into_iter().zip(regs).zip(tys) {
            self.store(place, r, ty);
        }
    }

    fn op_assign(&mut self, s: &ast::Stmt, op: ast::BinaryOp, lhs: &ast::Expr, rhs: &ast::Expr) {
        let place = self.place(lhs);
        let ty = self.ty(lhs);
        if let Place::Var(obj) = place
            && let Some(super::lower::Var::Reg(r)) = self.var(obj)
            && !types::is_object(&self.c.tys, ty)
        {
            // A register variable is updated in place: `t += x` is one instruction.
            let v = self.expr(rhs);
            let signed_count = matches!(
                types::repr(&self.c.tys, self.ty(rhs)),
                types::Repr::Int { signed: true, .. }
            );
            self.arith(op, ty, r, v, r, signed_count, s.span);
            return;
        }
        let cur = self.b.alloc();
        self.load_place(place, cur);
        let v = self.expr(rhs);
        let signed_count = matches!(
            types::repr(&self.c.tys, self.ty(rhs)),
            types::Repr::Int { signed: true, .. }
        );
        self.arith(op, ty, cur, v, cur, signed_count, s.span);
        self.store(place, cur, ty);
    }

    fn inc_dec(&mut self, x: &ast::Expr, inc: bool) {
        let place = self.place(x);
        let ty = self.ty(x);
        let repr = types::repr(&self.c.tys, ty);
        if let (Place::Var(obj), types::Repr::Int { bits: 64, .. }) = (place, repr)
            && let Some(super::lower::Var::Reg(r)) = self.var(obj)
        {
            self.emit(Op::AddIntImm {
                dst: r,
                a: r,
                imm: if inc { 1 } else { -1 },
            });
            return;
        }
        let cur = self.b.alloc();
        self.load_place(place, cur);
        if let types::Repr::Int { .. } = repr {
            self.emit(Op::AddIntImm {
                dst: cur,
                a: cur,
                imm: if inc { 1 } else { -1 },
            });
            self.normalize(repr, cur);
            self.store(place, cur, ty);
            return;
        }
        let one = self.b.alloc();
        let op = if inc {
            ast::BinaryOp::Add
        } else {
            ast::BinaryOp::Sub
        };
        self.load_const(&crate::check::constops::Value::from_i64(1), ty, one, x.span);
        self.arith(op, ty, cur, one, cur, false, x.span);
        self.store(place, cur, ty);
    }

    fn return_stmt(&mut self, values: &[ast::Expr]) {
        if values.is_empty() {
            self.emit_return_named();
            return;
        }
        let n = self.results.len();
        if n == 1 && values.len() == 1 && self.named_results.is_empty() {
            let src = self.value_copy(&values[0]);
            self.emit(Op::Return { src, n: 1 });
            return;
        }
        let base = if values.len() == 1 && n > 1 {
            let base = self.multi_value(&values[0], n);
            // `return g()` converts each result of `g` to the declared result type.
            if let crate::check::types::Type::Tuple(from) =
                self.c.tys.get(self.ty(&values[0])).clone()
            {
                for (i, (from, to)) in from.into_iter().zip(self.results.clone()).enumerate() {
                    let r = Reg(base.0 + i as u8);
                    self.convert_word(r, r, from, to);
                }
            }
            base
        } else {
            let base = self.b.alloc_n(n as u32);
            for (i, v) in values.iter().enumerate() {
                let r = self.value_copy(v);
                self.emit(Op::Move {
                    dst: Reg(base.0 + i as u8),
                    src: r,
                });
            }
            base
        };
        if self.named_results.is_empty() {
            self.emit(Op::Return {
                src: base,
                n: n as u8,
            });
            return;
        }
        // Deferred calls may read or change the named results: store, then return them.
        for (i, obj) in self.named_results.clone().into_iter().enumerate() {
            self.store_var(obj, Reg(base.0 + i as u8));
        }
        self.emit_return_named();
    }

    fn branch(&mut self, label: Option<&ast::Ident>, is_continue: bool, span: crate::span::Span) {
        let target = self.breakables.iter().rposition(|b| match label {
            Some(l) => b.label.as_ref() == Some(&l.name),
            None => b.is_loop || !is_continue,
        });
        let Some(i) = target else {
            self.unsupported("this break or continue", span);
            return;
        };
        let p = self.b.emit_jump(Op::Jump { off: Off(0) }, self.line);
        if is_continue {
            self.breakables[i].continues.push(p)
        } else {
            self.breakables[i].breaks.push(p)
        }
    }

    fn if_stmt(
        &mut self,
        init: Option<&ast::Stmt>,
        cond: &ast::Expr,
        then: &ast::Block,
        els: Option<&ast::Stmt>,
    ) {
        if let Some(init) = init {
            self.stmt(init);
        }
        let falses = self.cond_false(cond);
        self.block(&then.stmts);
        match els {
            Some(els) => {
                let end = self.b.emit_jump(Op::Jump { off: Off(0) }, self.line);
                self.patch_all(falses);
                self.stmt(els);
                self.b.patch_here(end);
            }
            None => self.patch_all(falses),
        }
    }

    pub fn patch_all(&mut self, patches: Vec<Patch>) {
        for p in patches {
            self.b.patch_here(p);
        }
    }

    /// Opens a `break` target, taking the pending label.
    pub fn open_breakable(&mut self, is_loop: bool) {
        let label = self.pending_label.take();
        self.breakables.push(Breakable {
            label,
            is_loop,
            breaks: Vec::new(),
            continues: Vec::new(),
        });
    }

    /// Closes the innermost target: `continue`s go to `continue_at`, `break`s here.
    pub fn close_breakable(&mut self, continue_at: Option<usize>) {
        let Some(b) = self.breakables.pop() else {
            return;
        };
        if let Some(at) = continue_at {
            for p in b.continues {
                self.b.patch_to(p, at);
            }
        }
        self.patch_all(b.breaks);
    }

    fn switch(
        &mut self,
        init: Option<&ast::Stmt>,
        tag: Option<&ast::Expr>,
        cases: &[ast::CaseClause],
    ) {
        if let Some(init) = init {
            self.stmt(init);
        }
        self.open_breakable(false);
        let tag_reg = tag.map(|t| self.fresh_value(t));
        let tag_ty = tag.map_or(TypeId::BOOL, |t| self.ty(t));
        let mut to_body: Vec<Vec<Patch>> = vec![Vec::new(); cases.len()];
        for (i, clause) in cases.iter().enumerate() {
            for e in &clause.exprs {
                let mark = self.b.mark();
                let hit = match tag_reg {
                    Some(t) => {
                        let v = self.expr(e);
                        let r = self.b.alloc();
                        self.compare_into(ast::BinaryOp::Eql, tag_ty, t, v, r, e.span);
                        r
                    }
                    None => self.expr(e),
                };
                to_body[i].push(self.b.emit_jump(
                    Op::JumpIfTrue {
                        a: hit,
                        off: Off(0),
                    },
                    self.line,
                ));
                self.b.release(mark);
            }
        }
        let default = cases.iter().position(|c| c.default);
        let miss = self.b.emit_jump(Op::Jump { off: Off(0) }, self.line);
        let mut ends = Vec::new();
        for (i, clause) in cases.iter().enumerate() {
            self.patch_all(std::mem::take(&mut to_body[i]));
            if default == Some(i) {
                self.b.patch_here(miss);
            }
            self.block(&clause.body);
            let falls = clause
                .body
                .last()
                .is_some_and(|s| matches!(s.kind, StmtKind::Fallthrough));
            if !falls {
                ends.push(self.b.emit_jump(Op::Jump { off: Off(0) }, self.line));
            }
        }
        if default.is_none() {
            self.b.patch_here(miss);
        }
        self.patch_all(ends);
        self.close_breakable(None);
    }

    fn type_switch(
        &mut self,
        init: Option<&ast::Stmt>,
        bind: bool,
        x: &ast::Expr,
        cases: &[ast::TypeCaseClause],
    ) {
        if let Some(init) = init {
            self.stmt(init);
        }
        self.open_breakable(false);
        let v = self.fresh_value(x);
        let mut to_body: Vec<Vec<Patch>> = vec![Vec::new(); cases.len()];
        for (i, clause) in cases.iter().enumerate() {
            for t in &clause.types {
                let mark = self.b.mark();
                let pair = self.b.alloc_n(2);
                let ty = self.ty(t);
                let is_nil = matches!(&t.kind, ExprKind::Ident(n) if n == "nil");
                let hit = if is_nil {
                    self.emit(Op::LoadInt { dst: pair, imm: 0 });
                    self.emit(Op::EqWord {
                        dst: pair,
                        a: v,
                        b: pair,
                    });
                    pair
                } else {
                    let desc = self.c.types.get(self.c.prog, &self.c.tys, ty);
                    let op = if types::repr(&self.c.tys, ty) == types::Repr::Interface {
                        Op::AssertIfaceOk {
                            dst: pair,
                            src: v,
                            iface: desc,
                        }
                    } else {
                        Op::AssertTypeOk {
                            dst: pair,
                            src: v,
                            ty: desc,
                        }
                    };
                    self.emit(op);
                    Reg(pair.0 + 1)
                };
                to_body[i].push(self.b.emit_jump(
                    Op::JumpIfTrue {
                        a: hit,
                        off: Off(0),
                    },
                    self.line,
                ));
                self.b.release(mark);
            }
        }
        let default = cases.iter().position(|c| c.default);
        let miss = self.b.emit_jump(Op::Jump { off: Off(0) }, self.line);
        let mut ends = Vec::new();
        for (i, clause) in cases.iter().enumerate() {
            self.patch_all(std::mem::take(&mut to_body[i]));
            if default == Some(i) {
                self.b.patch_here(miss);
            }
            if bind {
                self.bind_type_case(clause, v);
            }
            self.block(&clause.body);
            ends.push(self.b.emit_jump(Op::Jump { off: Off(0) }, self.line));
        }
        if default.is_none() {
            self.b.patch_here(miss);
        }
        self.patch_all(ends);
        self.close_breakable(None);
    }

    /// Declares a type switch clause's variable: the asserted value for a single type, the
    /// interface value otherwise.
    fn bind_type_case(&mut self, clause: &ast::TypeCaseClause, v: Reg) {
        let Some(&obj) = self.c.prog.info.implicits.get(&clause.span) else {
            return;
        };
        let ty = self.c.obj_ty(obj);
        let r = self.b.alloc();
        let single = clause.types.len() == 1
            && !matches!(&clause.types[0].kind, ExprKind::Ident(n) if n == "nil");
        if single && types::repr(&self.c.tys, ty) != types::Repr::Interface {
            let pair = self.b.alloc_n(2);
            let desc = self.c.types.get(self.c.prog, &self.c.tys, ty);
            self.emit(Op::AssertTypeOk {
                dst: pair,
                src: v,
                ty: desc,
            });
            self.emit(Op::Move { dst: r, src: pair });
        } else if single {
            let desc = self.c.types.get(self.c.prog, &self.c.tys, ty);
            self.emit(Op::ConvertIface {
                dst: r,
                src: v,
                iface: desc,
            });
        } else {
            self.emit(Op::Move { dst: r, src: v });
        }
        self.bind_new(obj, r);
    }
}
