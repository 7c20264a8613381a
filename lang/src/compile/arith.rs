//! Operators: typed arithmetic with Go's wrapping of narrow integers and float32 rounding,
//! comparisons, `&&`/`||` short-circuit, and conditions compiled straight into jumps
//! (fused `JumpIfLtInt`-style instructions for integer comparisons).
//!
//! This module owns the choice of instruction for an operator and operand type. It does
//! not evaluate constants: the checker folded every constant expression already.

use minigo_vm::op::{IntWidth, Off, Op, Reg};

use super::builder::Patch;
use super::lower::FnCx;
use super::types::{self, Repr};
use crate::ast::{self, BinaryOp, ExprKind, UnaryOp};
use crate::check::types::{Type, TypeId};

/// The normalizing width of a narrow integer representation, if any.
pub fn width(repr: Repr) -> Option<IntWidth> {
    match repr {
        Repr::Int {
            signed: true,
            bits: 8,
        } => Some(IntWidth::I8),
        Repr::Int {
            signed: true,
            bits: 16,
        } => Some(IntWidth::I16),
        Repr::Int {
            signed: true,
            bits: 32,
        } => Some(IntWidth::I32),
        Repr::Int {
            signed: false,
            bits: 8,
        } => Some(IntWidth::U8),
        Repr::Int {
            signed: false,
            bits: 16,
        } => Some(IntWidth::U16),
        Repr::Int {
            signed: false,
            bits: 32,
        } => Some(IntWidth::U32),
        _ => None,
    }
}

impl FnCx<'_, '_> {
    /// The type both operands of a binary operator have (an untyped constant takes the
    /// other operand's type).
    fn operand_type(&self, x: &ast::Expr, y: &ast::Expr) -> TypeId {
        let untyped = |e: &ast::Expr| {
            self.tv(e)
                .is_none_or(|tv| crate::check::predicates::is_untyped(&self.c.tys, tv.ty))
        };
        if untyped(x) && !untyped(y) {
            self.ty(y)
        } else {
            self.ty(x)
        }
    }

    pub fn binary_into(
        &mut self,
        e: &ast::Expr,
        op: BinaryOp,
        x: &ast::Expr,
        y: &ast::Expr,
        dst: Reg,
    ) {
        if matches!(op, BinaryOp::LAnd | BinaryOp::LOr) {
            self.logical_into(op, x, y, dst);
            return;
        }
        let mark = self.b.mark();
        let a = self.expr(x);
        if let Some(imm) = self.small_addend(e, op, y) {
            self.emit(Op::AddIntImm { dst, a, imm });
            let repr = types::repr(&self.c.tys, self.ty(e));
            self.normalize(repr, dst);
            self.b.release(mark);
            return;
        }
        let b = self.expr(y);
        if is_comparison(op) {
            let ty = self.operand_type(x, y);
            let ty = if self.c.prog.info.implicit.contains_key(&(x.span.file, x.id)) {
                self.ty(y)
            } else {
                ty
            };
            self.compare_into(op, ty, a, b, dst, e.span);
        } else {
            let ty = self.ty(e);
            let signed_count = matches!(
                types::repr(&self.c.tys, self.ty(y)),
                Repr::Int { signed: true, .. }
            ) && self.tv(y).is_none_or(|tv| tv.value().is_none());
            self.arith(op, ty, a, b, dst, signed_count, e.span);
        }
        self.b.release(mark);
    }

    /// For `x + k` or `x - k` on integers with a small constant `k`: the immediate.
    fn small_addend(&self, e: &ast::Expr, op: BinaryOp, y: &ast::Expr) -> Option<i16> {
        if !matches!(types::repr(&self.c.tys, self.ty(e)), Repr::Int { .. }) {
            return None;
        }
        let k = self.tv(y)?.value()?.as_i64()?;
        let k = match op {
            BinaryOp::Add => k,
            BinaryOp::Sub => k.checked_neg()?,
            _ => return None,
        };
        i16::try_from(k).ok()
    }

    /// `R[dst] = R[a] op R[b]` for an arithmetic operator on values of type `ty`.
    #[allow(clippy::too_many_arguments)]
    pub fn arith(
        &mut self,
        op: BinaryOp,
        ty: TypeId,
        a: Reg,
        b: Reg,
        dst: Reg,
        signed_count: bool,
        span: crate::span::Span,
    ) {
        let repr = types::repr(&self.c.tys, ty);
        let float = matches!(repr, Repr::Float { .. });
        let signed = matches!(repr, Repr::Int { signed: true, .. });
        let code = match (op, repr) {
            (BinaryOp::Add, Repr::String) => Op::Concat { dst, a, b },
            (BinaryOp::Add, _) if float => Op::AddFloat { dst, a, b },
            (BinaryOp::Sub, _) if float => Op::SubFloat { dst, a, b },
            (BinaryOp::Mul, _) if float => Op::MulFloat { dst, a, b },
            (BinaryOp::Quo, _) if float => Op::DivFloat { dst, a, b },
            (BinaryOp::Add, _) => Op::AddInt { dst, a, b },
            (BinaryOp::Sub, _) => Op::SubInt { dst, a, b },
            (BinaryOp::Mul, _) => Op::MulInt { dst, a, b },
            (BinaryOp::Quo, _) if signed => Op::DivInt { dst, a, b },
            (BinaryOp::Quo, _) => Op::DivUint { dst, a, b },
            (BinaryOp::Rem, _) if signed => Op::RemInt { dst, a, b },
            (BinaryOp::Rem, _) => Op::RemUint { dst, a, b },
            (BinaryOp::And, _) => Op::And { dst, a, b },
            (BinaryOp::Or, _) => Op::Or { dst, a, b },
            (BinaryOp::Xor, _) => Op::Xor { dst, a, b },
            (BinaryOp::AndNot, _) => Op::AndNot { dst, a, b },
            (BinaryOp::Shl, _) => Op::Shl {
                dst,
                a,
                b,
                signed_count,
            },
            (BinaryOp::Shr, _) if signed => Op::ShrInt {
                dst,
                a,
                b,
                signed_count,
            },
            (BinaryOp::Shr, _) => Op::ShrUint {
                dst,
                a,
                b,
                signed_count,
            },
            _ => {
                self.unsupported("this operator", span);
                return;
            }
        };
        self.emit(code);
        self.normalize(repr, dst);
    }

    /// Brings a fresh arithmetic result back into its type's range.
    pub fn normalize(&mut self, repr: Repr, dst: Reg) {
        if let Some(width) = width(repr) {
            self.emit(Op::WrapInt { dst, a: dst, width });
        } else if repr == (Repr::Float { bits: 32 }) {
            self.emit(Op::RoundFloat32 { dst, a: dst });
        }
    }

    /// `R[dst] = R[a] op R[b]` for a comparison of values of type `ty`.
    pub fn compare_into(
        &mut self,
        op: BinaryOp,
        ty: TypeId,
        a: Reg,
        b: Reg,
        dst: Reg,
        span: crate::span::Span,
    ) {
        let repr = types::repr(&self.c.tys, ty);
        // `a > b` is `b < a`: only the less-than forms exist.
        let (op, a, b) = match op {
            BinaryOp::Gtr => (BinaryOp::Lss, b, a),
            BinaryOp::Geq => (BinaryOp::Leq, b, a),
            other => (other, a, b),
        };
        let eq = match repr {
            Repr::Float { .. } => Op::EqFloat { dst, a, b },
            Repr::String => Op::EqString { dst, a, b },
            Repr::Interface => Op::EqIface { dst, a, b },
            Repr::Struct | Repr::Array => {
                if repr == Repr::Struct {
                    self.struct_equal(ty, a, b, dst, span);
                } else {
                    self.array_equal(ty, a, b, dst, span);
                }
                if op == BinaryOp::Neq {
                    self.emit(Op::Not { dst, a: dst });
                }
                return;
            }
            _ => Op::EqWord { dst, a, b },
        };
        let code = match (op, repr) {
            (BinaryOp::Eql, _) => eq,
            (BinaryOp::Neq, Repr::Int { .. } | Repr::Bool | Repr::Ref) => Op::NeWord { dst, a, b },
            (BinaryOp::Neq, _) => {
                self.emit(eq);
                Op::Not { dst, a: dst }
            }
            (BinaryOp::Lss, Repr::Float { .. }) => Op::LtFloat { dst, a, b },
            (BinaryOp::Leq, Repr::Float { .. }) => Op::LeFloat { dst, a, b },
            (BinaryOp::Lss, Repr::String) => Op::LtString { dst, a, b },
            (BinaryOp::Leq, Repr::String) => Op::LeString { dst, a, b },
            (BinaryOp::Lss, Repr::Int { signed: false, .. }) => Op::LtUint { dst, a, b },
            (BinaryOp::Leq, Repr::Int { signed: false, .. }) => Op::LeUint { dst, a, b },
            (BinaryOp::Lss, _) => Op::LtInt { dst, a, b },
            _ => Op::LeInt { dst, a, b },
        };
        self.emit(code);
    }

    /// `R[dst]` = the structs `R[a]` and `R[b]` have equal fields (Go's `==`).
    fn struct_equal(&mut self, ty: TypeId, a: Reg, b: Reg, dst: Reg, span: crate::span::Span) {
        let fields = self.struct_fields(ty);
        let mark = self.b.mark();
        let (x, y, eq) = (self.b.alloc(), self.b.alloc(), self.b.alloc());
        self.emit(Op::LoadInt { dst: eq, imm: 1 });
        for (i, fty) in fields.into_iter().enumerate() {
            self.emit(Op::LoadField {
                dst: x,
                obj: a,
                field: i as u8,
            });
            self.emit(Op::LoadField {
                dst: y,
                obj: b,
                field: i as u8,
            });
            self.compare_into(BinaryOp::Eql, fty, x, y, x, span);
            self.emit(Op::And {
                dst: eq,
                a: eq,
                b: x,
            });
        }
        self.emit(Op::Move { dst, src: eq });
        self.b.release(mark);
    }

    /// `R[dst]` = the arrays `R[a]` and `R[b]` have equal elements (Go's `==`), compared
    /// in a loop by the element type: `for i := 0; i < n; i++ { eq &= a[i] == b[i] }`.
    fn array_equal(&mut self, ty: TypeId, a: Reg, b: Reg, dst: Reg, span: crate::span::Span) {
        let types = &self.c.tys;
        let (len, elem) = match types.get(types.underlying(ty)) {
            Type::Array { len, elem } => (*len, *elem),
            _ => (0, TypeId::INVALID),
        };
        let mark = self.b.mark();
        let (x, y, eq) = (self.b.alloc(), self.b.alloc(), self.b.alloc());
        let (i, n) = (self.b.alloc(), self.b.alloc());
        self.emit(Op::LoadInt { dst: eq, imm: 1 });
        self.emit(Op::LoadInt { dst: i, imm: 0 });
        // An array object of more than 2^31 words cannot be allocated, so the length fits.
        let imm = i32::try_from(len).unwrap_or(i32::MAX);
        self.emit(Op::LoadInt { dst: n, imm });
        let skip = self.b.emit_jump(
            Op::JumpIfLeInt {
                a: n,
                b: i,
                off: Off(0),
            },
            self.line,
        );
        let top = self.b.here();
        self.emit(Op::LoadIndex {
            dst: x,
            arr: a,
            idx: i,
        });
        self.emit(Op::LoadIndex {
            dst: y,
            arr: b,
            idx: i,
        });
        self.compare_into(BinaryOp::Eql, elem, x, y, x, span);
        self.emit(Op::And {
            dst: eq,
            a: eq,
            b: x,
        });
        self.b.emit_back(
            Op::ForLoopInt {
                a: i,
                b: n,
                off: Off(0),
            },
            top,
            self.line,
        );
        self.b.patch_here(skip);
        self.emit(Op::Move { dst, src: eq });
        self.b.release(mark);
    }

    fn logical_into(&mut self, op: BinaryOp, x: &ast::Expr, y: &ast::Expr, dst: Reg) {
        self.expr_into(x, dst);
        let skip = if op == BinaryOp::LAnd {
            self.b.emit_jump(
                Op::JumpIfFalse {
                    a: dst,
                    off: Off(0),
                },
                self.line,
            )
        } else {
            self.b.emit_jump(
                Op::JumpIfTrue {
                    a: dst,
                    off: Off(0),
                },
                self.line,
            )
        };
        self.expr_into(y, dst);
        self.b.patch_here(skip);
    }

    pub fn unary_into(&mut self, e: &ast::Expr, op: UnaryOp, x: &ast::Expr, dst: Reg) {
        if op == UnaryOp::Recv {
            let mark = self.b.mark();
            let ch = self.expr(x);
            self.emit(Op::Recv { dst, ch });
            self.b.release(mark);
            return;
        }
        let repr = types::repr(&self.c.tys, self.ty(e));
        let mark = self.b.mark();
        let a = self.expr(x);
        match op {
            UnaryOp::Pos => _ = self.emit(Op::Move { dst, src: a }),
            UnaryOp::Not => _ = self.emit(Op::Not { dst, a }),
            UnaryOp::Neg if matches!(repr, Repr::Float { .. }) => {
                _ = self.emit(Op::NegFloat { dst, a })
            }
            UnaryOp::Neg => {
                self.emit(Op::NegInt { dst, a });
                self.normalize(repr, dst);
            }
            UnaryOp::BitNot => {
                self.emit(Op::BitNot { dst, a });
                self.normalize(repr, dst);
            }
            _ => self.unsupported("this unary operator", e.span),
        }
        self.b.release(mark);
    }

    /// Evaluates condition `e` and returns the jumps taken when it is false.
    pub fn cond_false(&mut self, e: &ast::Expr) -> Vec<Patch> {
        let is_const = self.tv(e).is_some_and(|tv| tv.value().is_some());
        match &e.kind {
            ExprKind::Paren(x) if !is_const => return self.cond_false(x),
            ExprKind::Binary {
                op: BinaryOp::LAnd,
                x,
                y,
            } if !is_const => {
                let mut res = self.cond_false(x);
                res.extend(self.cond_false(y));
                return res;
            }
            ExprKind::Binary { op, x, y } if !is_const && is_comparison(*op) => {
                if let Some(p) = self.fused_compare(*op, x, y) {
                    return vec![p];
                }
            }
            _ => {}
        }
        let mark = self.b.mark();
        let r = self.expr(e);
        let p = self
            .b
            .emit_jump(Op::JumpIfFalse { a: r, off: Off(0) }, self.line);
        self.b.release(mark);
        vec![p]
    }

    /// A fused compare-and-jump taken when `x op y` is false, for signed integers and
    /// word equality.
    fn fused_compare(&mut self, op: BinaryOp, x: &ast::Expr, y: &ast::Expr) -> Option<Patch> {
        if self.c.prog.info.implicit.contains_key(&(x.span.file, x.id))
            || self.c.prog.info.implicit.contains_key(&(y.span.file, y.id))
        {
            return None;
        }
        let repr = types::repr(&self.c.tys, self.operand_type(x, y));
        let signed = matches!(repr, Repr::Int { signed: true, .. });
        let word = matches!(repr, Repr::Int { .. } | Repr::Bool | Repr::Ref);
        if !(signed || word && matches!(op, BinaryOp::Eql | BinaryOp::Neq)) {
            return None;
        }
        let mark = self.b.mark();
        let a = self.expr(x);
        let b = self.expr(y);
        let off = Off(0);
        let jump = match op {
            BinaryOp::Eql => Op::JumpIfNeWord { a, b, off },
            BinaryOp::Neq => Op::JumpIfEqWord { a, b, off },
            BinaryOp::Lss => Op::JumpIfLeInt { a: b, b: a, off },
            BinaryOp::Leq => Op::JumpIfLtInt { a: b, b: a, off },
            BinaryOp::Gtr => Op::JumpIfLeInt { a, b, off },
            _ => Op::JumpIfLtInt { a, b, off },
        };
        let p = self.b.emit_jump(jump, self.line);
        self.b.release(mark);
        Some(p)
    }
}

pub fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Eql
            | BinaryOp::Neq
            | BinaryOp::Lss
            | BinaryOp::Leq
            | BinaryOp::Gtr
            | BinaryOp::Geq
    )
}
