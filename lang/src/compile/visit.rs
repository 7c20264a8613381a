//! A read-only walk over statements and expressions that finds the local variables whose
//! address is taken (`&x`, or `x.M()` for a pointer method `M` of a non-pointer `x`),
//! which must live in heap cells.
//!
//! This module owns only that question; captured variables come from the checker's
//! `FuncInfo::captured`.

use crate::ast::{self, ExprKind, StmtKind, UnaryOp};
use crate::check::info::SelectionKind;
use crate::check::object::ObjectKind;
use crate::check::types::Type;
use crate::check::{self, types::ObjectId};

/// Appends to `out` every variable `&x` names in `stmts` (nested literals included).
pub fn addr_taken(prog: &check::Program, stmts: &[ast::Stmt], out: &mut Vec<ObjectId>) {
    let mut v = Visitor { prog, out };
    for s in stmts {
        v.stmt(s);
    }
}

struct Visitor<'p, 'o> {
    prog: &'p check::Program,
    out: &'o mut Vec<ObjectId>,
}

impl Visitor<'_, '_> {
    fn stmts(&mut self, stmts: &[ast::Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn opt_stmt(&mut self, s: &Option<Box<ast::Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &ast::Stmt) {
        match &s.kind {
            StmtKind::Decl(ast::Decl::Var(v)) => v
                .specs
                .iter()
                .flat_map(|s| &s.values)
                .for_each(|e| self.expr(e)),
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::Send { ch, value } => {
                self.expr(ch);
                self.expr(value);
            }
            StmtKind::IncDec { x, .. } => self.expr(x),
            StmtKind::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs).for_each(|e| self.expr(e)),
            StmtKind::Define { rhs, .. } | StmtKind::Return(rhs) => {
                rhs.iter().for_each(|e| self.expr(e))
            }
            StmtKind::Block(b) => self.stmts(&b.stmts),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.opt_stmt(init);
                self.expr(cond);
                self.stmts(&then.stmts);
                self.opt_stmt(els);
            }
            StmtKind::Switch {
                init, tag, cases, ..
            } => {
                self.opt_stmt(init);
                tag.iter().for_each(|e| self.expr(e));
                for c in cases {
                    c.exprs.iter().for_each(|e| self.expr(e));
                    self.stmts(&c.body);
                }
            }
            StmtKind::TypeSwitch { init, x, cases, .. } => {
                self.opt_stmt(init);
                self.expr(x);
                cases.iter().for_each(|c| self.stmts(&c.body));
            }
            StmtKind::Select { cases, .. } => {
                for c in cases {
                    self.opt_stmt(&c.comm);
                    self.stmts(&c.body);
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.opt_stmt(init);
                cond.iter().for_each(|e| self.expr(e));
                self.opt_stmt(post);
                self.stmts(&body.stmts);
            }
            StmtKind::Range { x, body, .. } => {
                self.expr(x);
                self.stmts(&body.stmts);
            }
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
            _ => {}
        }
    }

    fn expr(&mut self, e: &ast::Expr) {
        match &e.kind {
            ExprKind::Unary {
                op: UnaryOp::Addr,
                x,
            } => {
                if let ExprKind::Ident(_) = strip(x).kind
                    && let Some(&obj) = self.prog.info.uses.get(&(x.span.file, strip(x).id))
                {
                    self.out.push(obj);
                }
                self.expr(x);
            }
            ExprKind::Composite { elts, .. } => {
                for elt in elts {
                    elt.key.iter().for_each(|k| self.expr(k));
                    self.expr(&elt.value);
                }
            }
            ExprKind::FuncLit { body, .. } => self.stmts(&body.stmts),
            ExprKind::Selector { x, .. } => {
                if let Some(obj) = self.pointer_method_operand(e, x) {
                    self.out.push(obj);
                }
                self.expr(x);
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => self.expr(x),
            ExprKind::TypeAssert { x, .. } => self.expr(x),
            ExprKind::Index { x, indices } => {
                self.expr(x);
                indices.iter().for_each(|i| self.expr(i));
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.expr(x);
                [lo, hi, max]
                    .into_iter()
                    .flatten()
                    .for_each(|i| self.expr(i));
            }
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::Binary { x, y, .. } => {
                self.expr(x);
                self.expr(y);
            }
            _ => {}
        }
    }
}

impl Visitor<'_, '_> {
    /// The variable `x` when `sel` (`x.M`) selects a pointer method directly on a
    /// variable that is not a pointer: `x.M()` is `(&x).M()`, which takes `x`'s address.
    fn pointer_method_operand(&self, sel: &ast::Expr, x: &ast::Expr) -> Option<ObjectId> {
        let info = &self.prog.info;
        let selection = info.selections.get(&(sel.span.file, sel.id))?;
        if selection.kind != SelectionKind::Method || selection.path.len() != 1 {
            return None;
        }
        let types = &self.prog.types;
        let ptr_recv = match self.prog.objects.get(selection.obj).kind {
            ObjectKind::Func { recv: Some(r), .. } => matches!(types.get(r), Type::Pointer(_)),
            _ => false,
        };
        let x = strip(x);
        let obj = *info.uses.get(&(x.span.file, x.id))?;
        let var_ty = self.prog.objects.get(obj).ty;
        let is_ptr = matches!(types.get(types.underlying(var_ty)), Type::Pointer(_));
        (ptr_recv && !is_ptr && matches!(x.kind, ExprKind::Ident(_))).then_some(obj)
    }
}

fn strip(e: &ast::Expr) -> &ast::Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip(x),
        _ => e,
    }
}
