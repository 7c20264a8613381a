//! Pointers in expressions: `&x` of every addressable operand and `*p`.
//!
//! This module owns the choice of pointer for each kind of location. A struct or array is
//! its own object, so `&v` is the value's word; a variable with a heap cell gives the cell;
//! a field, an array or slice element or a package variable gives a tagged pointer word
//! (`AddrField`, `AddrIndex`, `AddrSlice`, `AddrGlobal`; see `minigo_vm::heap::pointer`).
//! `*p` of a non-object pointer is a `Place::Deref`, loaded and stored with
//! `LoadPtr`/`StorePtr`.
//!
//! Invariant: the variables whose address is taken live in cells (`visit::addr_taken`), so
//! `&x` never meets a variable kept in a register.

use minigo_vm::op::{Op, Reg};

use super::expr::strip_parens;
use super::lower::{FnCx, Var};
use super::store::Place;
use super::types;
use crate::ast::{self, ExprKind};

impl FnCx<'_, '_> {
    pub fn deref_into(&mut self, e: &ast::Expr, x: &ast::Expr, dst: Reg) {
        let mark = self.b.mark();
        let place = self.deref_place(e, x);
        self.load_place(place, dst);
        self.b.release(mark);
    }

    /// The place `*x`; `e` is the dereference expression (its type is the pointee's).
    pub fn deref_place(&mut self, e: &ast::Expr, x: &ast::Expr) -> Place {
        let p = self.expr(x);
        if types::is_object(&self.c.tys, self.ty(e)) {
            Place::Object(p)
        } else {
            Place::Deref(p)
        }
    }

    /// `R[dst]` = `&x`.
    pub fn addr_into(&mut self, x: &ast::Expr, dst: Reg) {
        let x = strip_parens(x);
        if types::is_object(&self.c.tys, self.ty(x)) {
            // A struct or array value is its object: `&x` is the same word.
            self.expr_into(x, dst);
            return;
        }
        if let ExprKind::Composite { .. } = x.kind {
            // `&[]int{1}`: a fresh variable holding the literal.
            let v = self.expr(x);
            self.new_cell(dst, self.ty(x));
            self.emit(Op::StoreField {
                obj: dst,
                field: 0,
                src: v,
            });
            return;
        }
        let mark = self.b.mark();
        let place = self.place(x);
        self.addr_of_place(place, dst, x.span);
        self.b.release(mark);
    }

    /// `R[dst]` = the address of the one-word location `place`.
    pub fn addr_of_place(&mut self, place: Place, dst: Reg, span: crate::span::Span) {
        let op = match place {
            Place::Var(obj) => match self.var(obj) {
                Some(Var::Cell(r)) => Op::Move { dst, src: r },
                Some(Var::Capture(idx)) => Op::LoadCapture { dst, idx },
                Some(Var::Global(g)) => Op::AddrGlobal { dst, g },
                _ => return self.unsupported("taking the address of this variable", span),
            },
            Place::Field { obj, field } => Op::AddrField { dst, obj, field },
            Place::Array { arr, idx } => Op::AddrIndex { dst, arr, idx },
            Place::Slice { s, idx } => Op::AddrSlice { dst, s, idx },
            Place::Deref(p) | Place::Object(p) => Op::Move { dst, src: p },
            Place::Map { .. } | Place::Blank => {
                return self.unsupported("taking the address of this expression", span);
            }
        };
        self.emit(op);
    }
}
