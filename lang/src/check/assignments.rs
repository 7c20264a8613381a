//! Assignments: `=`, `op=`, `:=`, and variable initialization, with Go's n:n and n:1
//! forms (`a, b := f()`, `v, ok := m[k]`, `v, ok = <-ch`, `t, ok := x.(T)`).
//!
//! Left-hand identifiers are resolved without counting as a use, so that a variable that
//! is only assigned is still `declared and not used`. This module does not check the
//! statements that contain assignments (`stmt`, `control`). Invariant: every right-hand
//! expression is checked exactly once.

use crate::ast::{self, AssignOp, ExprKind};
use crate::span::Span;

use super::checker::{Checker, key};
use super::error::TypeError;
use super::object::{ObjectKind, VarKind};
use super::operand::{Mode, Operand};
use super::predicates;
use super::types::{ObjectId, Type, TypeId};

impl<'a> Checker<'a> {
    /// An assignment target: like an expression, but a plain variable name is not a use.
    pub fn lhs_expr<'e>(&mut self, x: &'e ast::Expr) -> Operand<'e> {
        if let ExprKind::Ident(name) = &x.kind
            && let Some((_, obj)) = self.scopes.lookup(self.scope, name)
            && matches!(self.objects.get(obj).kind, ObjectKind::Var(_))
        {
            self.record_use(x, obj);
            self.note_reference(obj);
            let op = Operand::new(Mode::Variable, self.objects.get(obj).ty, x);
            self.record_operand(&op);
            return op;
        }
        self.expr(x)
    }

    pub fn check_assignable_lhs(&mut self, x: &Operand<'_>) -> bool {
        if x.is_invalid() || matches!(x.mode, Mode::Variable | Mode::MapIndex) {
            return true;
        }
        let operand = self.operand_str(x);
        let reason = "(neither addressable nor a map index expression)".to_string();
        self.error(TypeError::CannotAssign {
            operand,
            reason,
            span: x.expr.span,
        });
        false
    }

    pub fn assign_stmt(&mut self, span: Span, lhs: &[ast::Expr], op: AssignOp, rhs: &[ast::Expr]) {
        if let AssignOp::Op(bop) = op {
            let (Some(l), Some(r)) = (lhs.first(), rhs.first()) else {
                return;
            };
            return self.op_assign(l, bop, r);
        }
        let targets: Vec<Option<Operand<'_>>> = lhs
            .iter()
            .map(|l| {
                if is_blank(l) {
                    None
                } else {
                    Some(self.lhs_expr(l))
                }
            })
            .collect();
        for t in targets.iter().flatten() {
            self.check_assignable_lhs(t);
        }
        let types: Vec<Option<TypeId>> = targets.iter().map(|t| t.as_ref().map(|t| t.ty)).collect();
        self.assign_values(span, &types, rhs, "assignment");
    }

    fn op_assign(&mut self, l: &ast::Expr, op: ast::BinaryOp, r: &ast::Expr) {
        let x = self.lhs_expr(l);
        let mut y = self.expr(r);
        if x.is_invalid() || y.is_invalid() {
            return;
        }
        self.check_assignable_lhs(&x);
        if matches!(op, ast::BinaryOp::Shl | ast::BinaryOp::Shr) {
            if predicates::is_untyped(&self.types, y.ty) {
                self.convert_untyped(&mut y, TypeId::UINT, None);
            }
            return;
        }
        let mut xv = x.clone();
        if !self.match_types(&mut xv, &mut y) || !predicates::identical(xv.ty, y.ty) {
            let (a, b) = (self.type_str(x.ty), self.type_str(y.ty));
            let s = format!("{} {}= {}", self.expr_str(l), op.text(), self.expr_str(r));
            self.invalid_op(l.span, format!("{s} (mismatched types {a} and {b})"));
        }
    }

    /// Assigns `rhs` to targets of the given types (`None` for `_`), n:n or n:1.
    fn assign_values(
        &mut self,
        span: Span,
        targets: &[Option<TypeId>],
        rhs: &[ast::Expr],
        context: &str,
    ) {
        if targets.len() == rhs.len() {
            for (t, r) in targets.iter().zip(rhs) {
                let mut x = self.rhs_value(span, targets.len(), r, *t);
                match t {
                    Some(t) => {
                        self.assignment(&mut x, *t, context);
                    }
                    None => self.blank_value(&mut x, context),
                }
            }
            return;
        }
        let Some(mut values) = self.multi_value(span, targets.len(), rhs, "variable") else {
            return;
        };
        for (t, x) in targets.iter().zip(values.iter_mut()) {
            if let Some(t) = t {
                self.assignment(x, *t, context);
            }
        }
    }

    /// One right-hand value of an n:n assignment; a multi-value call there is Go's
    /// `assignment mismatch: 1 variable but f() returns 2 values`.
    fn rhs_value<'e>(
        &mut self,
        span: Span,
        n: usize,
        r: &'e ast::Expr,
        hint: Option<TypeId>,
    ) -> Operand<'e> {
        let mut x = self.raw_expr(r, hint);
        if let Type::Tuple(elems) = self.types.get(x.ty) {
            let returns = format!(
                "{} returns {}",
                self.expr_str(r),
                plural(elems.len(), "value")
            );
            self.error(TypeError::AssignMismatch {
                lhs: plural(n, "variable"),
                rhs: returns,
                span,
            });
            return Operand::invalid(r);
        }
        self.single_value(&mut x);
        x
    }

    /// A value assigned to `_` gets its default type; `nil` has none.
    fn blank_value(&mut self, x: &mut Operand<'_>, context: &str) {
        if x.ty == TypeId::UNTYPED_NIL {
            self.error_at(x.expr.span, format!("use of untyped nil in {context}"));
            return;
        }
        self.default_operand(x);
    }

    /// The `n` values of a single multi-valued right-hand side, or reports the mismatch.
    pub fn multi_value<'e>(
        &mut self,
        span: Span,
        n: usize,
        rhs: &'e [ast::Expr],
        what: &str,
    ) -> Option<Vec<Operand<'e>>> {
        if let [only] = rhs {
            let x = self.raw_expr(only, None);
            if x.is_invalid() {
                return None;
            }
            if let Type::Tuple(elems) = self.types.get(x.ty).clone() {
                if elems.len() == n {
                    return Some(
                        elems
                            .into_iter()
                            .map(|t| Operand::new(Mode::Value, t, only))
                            .collect(),
                    );
                }
                let call = self.expr_str(only);
                let lhs = plural(n, what);
                let rhs_s = format!("{call} returns {}", plural(elems.len(), "value"));
                self.error(TypeError::AssignMismatch {
                    lhs,
                    rhs: rhs_s,
                    span,
                });
                return None;
            }
            if n == 2 && matches!(x.mode, Mode::CommaOk | Mode::MapIndex) {
                let tuple = self.types.tuple(vec![x.ty, TypeId::BOOL]);
                if let Some(tv) = self.info.exprs.get_mut(&key(only)) {
                    tv.ty = tuple;
                    tv.mode = super::info::ExprMode::CommaOk;
                }
                return Some(vec![
                    Operand::new(Mode::Value, x.ty, only),
                    Operand::new(Mode::Value, TypeId::UNTYPED_BOOL, only),
                ]);
            }
            let mut x = x;
            self.single_value(&mut x);
        } else {
            for r in rhs {
                self.raw_expr(r, None);
            }
        }
        let lhs = plural(n, what);
        let rhs_s = plural(rhs.len(), "value");
        self.error(TypeError::AssignMismatch {
            lhs,
            rhs: rhs_s,
            span,
        });
        None
    }

    /// The types of `n` variables initialized from `values` (declared with type `target`
    /// when given); `INVALID` for each after an error.
    pub fn init_types(
        &mut self,
        n: usize,
        target: Option<TypeId>,
        values: &[ast::Expr],
        context: &str,
        span: Span,
    ) -> Vec<TypeId> {
        let mut res = vec![TypeId::INVALID; n];
        if n == values.len() {
            for (slot, v) in res.iter_mut().zip(values) {
                let mut x = self.rhs_value(span, n, v, target);
                *slot = self.var_init_type(&mut x, target, context);
            }
            return res;
        }
        let Some(mut ops) = self.multi_value(span, n, values, "variable") else {
            return res;
        };
        for (slot, x) in res.iter_mut().zip(ops.iter_mut()) {
            *slot = self.var_init_type(x, target, context);
        }
        res
    }

    fn var_init_type(
        &mut self,
        x: &mut Operand<'_>,
        target: Option<TypeId>,
        context: &str,
    ) -> TypeId {
        if x.is_invalid() {
            return target.unwrap_or(TypeId::INVALID);
        }
        match target {
            Some(t) => {
                self.assignment(x, t, context);
                t
            }
            None if x.ty == TypeId::UNTYPED_NIL => {
                self.error_at(x.expr.span, format!("use of untyped nil in {context}"));
                TypeId::INVALID
            }
            None => {
                self.default_operand(x);
                if x.is_invalid() {
                    TypeId::INVALID
                } else {
                    x.ty
                }
            }
        }
    }

    /// `a, b := x, y`: declares the new names after checking the values; names already
    /// declared in this scope are assigned instead.
    pub fn define(&mut self, span: Span, lhs: &[ast::Ident], rhs: &[ast::Expr]) {
        let existing: Vec<Option<ObjectId>> = lhs
            .iter()
            .map(|n| {
                let obj = self.scopes.get(self.scope).get(&n.name)?;
                matches!(self.objects.get(obj).kind, ObjectKind::Var(_)).then_some(obj)
            })
            .collect();
        let targets: Vec<Option<TypeId>> = existing
            .iter()
            .map(|o| o.map(|o| self.objects.get(o).ty))
            .collect();
        let types = self.define_types(span, &targets, rhs);
        let mut any_new = false;
        for ((name, old), ty) in lhs.iter().zip(&existing).zip(types) {
            if let Some(obj) = old {
                // A reused variable: the identifier denotes the existing object.
                self.info.defs.insert(name.span, *obj);
                continue;
            }
            if !name.is_blank() {
                any_new = true;
            }
            self.declare_local(name, VarKind::Local, ty);
        }
        if !any_new {
            self.error(TypeError::NoNewVariables { span });
        }
    }

    fn define_types(
        &mut self,
        span: Span,
        targets: &[Option<TypeId>],
        rhs: &[ast::Expr],
    ) -> Vec<TypeId> {
        let n = targets.len();
        let mut res = vec![TypeId::INVALID; n];
        if n == rhs.len() {
            for ((slot, t), r) in res.iter_mut().zip(targets).zip(rhs) {
                let mut x = self.rhs_value(span, n, r, None);
                *slot = self.var_init_type(&mut x, *t, "assignment");
            }
            return res;
        }
        let Some(mut ops) = self.multi_value(span, n, rhs, "variable") else {
            return res;
        };
        for ((slot, t), x) in res.iter_mut().zip(targets).zip(ops.iter_mut()) {
            *slot = self.var_init_type(x, *t, "assignment");
        }
        res
    }
}

fn is_blank(e: &ast::Expr) -> bool {
    matches!(&e.kind, ExprKind::Ident(n) if n == "_")
}

/// `1 variable`, `2 values`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
