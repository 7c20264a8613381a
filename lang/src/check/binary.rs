//! Binary operators: arithmetic, comparison, logical operators and shifts, with Go's
//! rules for untyped operands (an untyped side takes the other side's type; two untyped
//! constants take the wider kind) and constant folding.
//!
//! This module does not convert untyped operands itself (`operand`) or do the constant
//! arithmetic (`constops`). Invariant: a comparison's result is `untyped bool`, given its
//! final type by the context like any untyped value.

use crate::ast::{self, BinaryOp};

use super::checker::Checker;
use super::constops;
use super::operand::{Mode, Operand};
use super::predicates;
use super::types::{Type, TypeId};

impl<'a> Checker<'a> {
    pub fn binary<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        lhs: &'e ast::Expr,
        rhs: &'e ast::Expr,
    ) -> Operand<'e> {
        let mut x = self.expr(lhs);
        let mut y = self.expr(rhs);
        if x.is_invalid() || y.is_invalid() {
            return Operand::invalid(e);
        }
        if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
            return self.shift(e, op, x, y);
        }
        let nil_cmp = x.ty == TypeId::UNTYPED_NIL || y.ty == TypeId::UNTYPED_NIL;
        if !self.match_types(&mut x, &mut y) {
            return self.mismatched(e, op, &x, &y);
        }
        if op.precedence() == 3 {
            return self.comparison(e, op, x, y, nil_cmp);
        }
        if !predicates::identical(x.ty, y.ty) {
            return self.mismatched(e, op, &x, &y);
        }
        if !self.op_defined(op, x.ty) {
            let d = self.operand_str(&x);
            self.invalid_op(
                lhs.span,
                format!("operator {} not defined on {d}", op.text()),
            );
            return Operand::invalid(e);
        }
        if matches!(op, BinaryOp::Quo | BinaryOp::Rem) && y.value().is_some_and(is_zero) {
            self.invalid_op(rhs.span, "division by zero");
            return Operand::invalid(e);
        }
        if let (Some(a), Some(b)) = (x.value(), y.value()) {
            let integer = predicates::is_integer(&self.types, x.ty);
            if let Some(v) = constops::binary(op, a, b, integer) {
                return self.typed_constant(e, v, x.ty);
            }
        }
        Operand::new(Mode::Value, x.ty, e)
    }

    fn mismatched<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        x: &Operand<'_>,
        y: &Operand<'_>,
    ) -> Operand<'e> {
        let _ = op;
        let s = self.expr_str(e);
        let (a, b) = (self.type_str(x.ty), self.type_str(y.ty));
        self.invalid_op(e.span, format!("{s} (mismatched types {a} and {b})"));
        Operand::invalid(e)
    }

    fn op_defined(&self, op: BinaryOp, ty: TypeId) -> bool {
        let t = &self.types;
        match op {
            // Per term of a type parameter's type set: `~int | ~string` allows `+`.
            BinaryOp::Add => predicates::is_ordered(t, ty),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Quo => predicates::is_numeric(t, ty),
            BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot => {
                predicates::is_integer(t, ty)
            }
            BinaryOp::LAnd | BinaryOp::LOr => predicates::is_boolean(t, ty),
            _ => true,
        }
    }

    /// Brings two operands to a common type: an untyped side takes the other side's
    /// type; two untyped numeric constants take the larger kind.
    pub fn match_types(&mut self, x: &mut Operand<'_>, y: &mut Operand<'_>) -> bool {
        let (xu, yu) = (
            predicates::is_untyped(&self.types, x.ty),
            predicates::is_untyped(&self.types, y.ty),
        );
        match (xu, yu) {
            (true, false) => self.convert_untyped_operand(x, y.ty),
            (false, true) => self.convert_untyped_operand(y, x.ty),
            (true, true) => {
                let (a, b) = (self.types.basic_kind(x.ty), self.types.basic_kind(y.ty));
                let (Some(a), Some(b)) = (a, b) else {
                    return false;
                };
                if a == b {
                    return true;
                }
                if a.is_numeric() && b.is_numeric() {
                    let wider = if rank(a) >= rank(b) { x.ty } else { y.ty };
                    x.ty = wider;
                    y.ty = wider;
                    return true;
                }
                a == super::types::Basic::UntypedNil || b == super::types::Basic::UntypedNil
            }
            (false, false) => true,
        }
    }

    /// Like `convert_untyped`, but a mismatch is left for the operator's message.
    fn convert_untyped_operand(&mut self, x: &mut Operand<'_>, target: TypeId) -> bool {
        if x.ty == TypeId::UNTYPED_NIL {
            return predicates::has_nil(&self.types, target) && {
                x.ty = target;
                true
            };
        }
        if predicates::is_interface(&self.types, target)
            && !predicates::is_type_param(&self.types, target)
        {
            self.default_operand(x);
            return !x.is_invalid();
        }
        let kind = self
            .types
            .basic_kind(x.ty)
            .unwrap_or(super::types::Basic::Invalid);
        let fits = match self.types.get(self.types.underlying(target)) {
            Type::Basic(b) => super::assign::untyped_kind_fits(kind, *b),
            Type::Interface(_) => predicates::is_type_param(&self.types, target),
            _ => false,
        };
        if !fits {
            return false;
        }
        self.convert_untyped(x, target, None) && !x.is_invalid()
    }

    fn comparison<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        x: Operand<'e>,
        y: Operand<'e>,
        nil_cmp: bool,
    ) -> Operand<'e> {
        let ok_types = super::assign::assignable(&mut self.types, &self.objects, x.ty, y.ty)
            .is_ok()
            || super::assign::assignable(&mut self.types, &self.objects, y.ty, x.ty).is_ok();
        if !ok_types {
            return self.mismatched(e, op, &x, &y);
        }
        let defined = if op == BinaryOp::Eql || op == BinaryOp::Neq {
            nil_cmp
                || predicates::is_comparable(&self.types, x.ty)
                || predicates::is_comparable(&self.types, y.ty)
        } else {
            predicates::is_ordered(&self.types, x.ty)
        };
        if !defined {
            let d = self.operand_str(&x);
            self.invalid_op(
                e.span,
                format!(
                    "{} (operator {} not defined on {d})",
                    self.expr_str(e),
                    op.text()
                ),
            );
            return Operand::invalid(e);
        }
        self.note_implicit(&x, y.ty);
        self.note_implicit(&y, x.ty);
        if let (Some(a), Some(b)) = (x.value(), y.value())
            && let Some(res) = constops::compare(op, a, b)
        {
            return Operand::new(
                Mode::Constant(constops::Value::Bool(res)),
                TypeId::UNTYPED_BOOL,
                e,
            );
        }
        Operand::new(Mode::Value, TypeId::UNTYPED_BOOL, e)
    }

    fn shift<'e>(
        &mut self,
        e: &'e ast::Expr,
        op: BinaryOp,
        x: Operand<'e>,
        mut y: Operand<'e>,
    ) -> Operand<'e> {
        if predicates::is_untyped(&self.types, y.ty) {
            self.convert_untyped(&mut y, TypeId::UINT, None);
        }
        if !predicates::is_integer(&self.types, y.ty) {
            let d = self.operand_str(&y);
            self.invalid_op(y.expr.span, format!("shift count {d} must be integer"));
            return Operand::invalid(e);
        }
        if let (Some(a), Some(n)) = (
            x.value().and_then(constops::to_int),
            y.value().and_then(constops::as_i64),
        ) {
            if n < 0 {
                self.invalid_op(y.expr.span, "negative shift count");
                return Operand::invalid(e);
            }
            let ty = if x.ty == TypeId::UNTYPED_FLOAT {
                TypeId::UNTYPED_INT
            } else {
                x.ty
            };
            if let Some(v) = constops::shift(op, &a, n as u64) {
                return self.typed_constant(e, v, ty);
            }
        }
        if predicates::is_untyped(&self.types, x.ty) {
            // A non-constant shift of an untyped constant stays untyped: the context gives
            // it its type (`var v int64 = 1 << n` shifts an int64), as the spec says.
            let integral = x.value().and_then(constops::to_int).is_some();
            if !integral {
                let d = self.operand_str(&x);
                self.invalid_op(e.span, format!("shifted operand {d} must be integer"));
                return Operand::invalid(e);
            }
            let ty = if x.ty == TypeId::UNTYPED_FLOAT {
                TypeId::UNTYPED_INT
            } else {
                x.ty
            };
            return Operand::new(Mode::Value, ty, e);
        }
        if !predicates::is_integer(&self.types, x.ty) {
            let d = self.operand_str(&x);
            self.invalid_op(e.span, format!("shifted operand {d} must be integer"));
            return Operand::invalid(e);
        }
        Operand::new(Mode::Value, x.ty, e)
    }
}

fn is_zero(v: &constops::Value) -> bool {
    constops::to_float(v).is_some_and(|f| {
        constops::compare(BinaryOp::Eql, &f, &constops::Value::from_f64(0.0)) == Some(true)
    })
}

/// The order of untyped numeric kinds: int < rune < float.
fn rank(b: super::types::Basic) -> u8 {
    match b {
        super::types::Basic::UntypedInt => 1,
        super::types::Basic::UntypedRune => 2,
        super::types::Basic::UntypedFloat => 3,
        _ => 0,
    }
}
