//! Multi-value forwarding: `f(g())`, `fmt.Println(g())` and `return g()`, where `g`
//! returns several values that become the arguments or results one by one.
//!
//! This module owns the conversion of each forwarded value to the type of the parameter or
//! result it lands in (boxing into an interface, the checker records no implicit conversion
//! for the parts of a tuple) and the packing of the variadic tail.
//!
//! Invariant: every value of the tuple is used exactly once, in order.

use minigo_vm::op::{Op, Reg};

use super::lower::FnCx;
use super::types::{self, Repr};
use crate::ast;
use crate::check::types::{Signature, Type, TypeId};

impl FnCx<'_, '_> {
    /// `f(g())` with a multi-value `g`: each result of `g` becomes the argument in its
    /// position, converted to the parameter's type (`fmt.Println(g())` boxes each result
    /// into the variadic `...any` slice).
    pub fn forward_results(
        &mut self,
        sig: &Signature,
        arg: &ast::Expr,
        results: &[TypeId],
        spread: bool,
        first: Reg,
    ) {
        let mark = self.b.mark();
        let res = self.multi_value(arg, results.len());
        let variadic = sig.variadic && !spread;
        let fixed = if variadic {
            sig.params.len().saturating_sub(1)
        } else {
            sig.params.len()
        };
        for (i, (&from, &to)) in results.iter().zip(&sig.params).take(fixed).enumerate() {
            let (dst, src) = (Reg(first.0 + i as u8), Reg(res.0 + i as u8));
            self.convert_word(dst, src, from, to);
        }
        if variadic {
            let dst = Reg(first.0 + fixed as u8);
            let slice_ty = sig.params.last().copied().unwrap_or(TypeId::INVALID);
            let elem = match self.c.tys.get(self.c.tys.underlying(slice_ty)) {
                Type::Slice(elem) => *elem,
                _ => TypeId::INVALID,
            };
            let ty = self.c.types.get(self.c.prog, &self.c.tys, slice_ty);
            self.emit(Op::LoadInt { dst, imm: 0 });
            let tmp = self.b.alloc();
            for (i, &from) in results.iter().enumerate().skip(fixed) {
                self.convert_word(tmp, Reg(res.0 + i as u8), from, elem);
                self.emit(Op::Append {
                    dst,
                    s: dst,
                    src: tmp,
                    ty,
                });
            }
        }
        self.b.release(mark);
    }

    /// `R[dst]` = the value `R[src]` of type `from` assigned to type `to`: boxed when `to`
    /// is an interface and `from` is another type, moved otherwise.
    pub fn convert_word(&mut self, dst: Reg, src: Reg, from: TypeId, to: TypeId) {
        let to_iface = types::repr(&self.c.tys, to) == Repr::Interface;
        if to_iface && from != to {
            self.box_into_iface(dst, src, from, to);
        } else if dst != src {
            self.emit(Op::Move { dst, src });
        }
    }
}
