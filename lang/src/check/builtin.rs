//! Calls of Go's builtin functions: `append`, `cap`, `clear`, `close`, `copy`, `delete`,
//! `len`, `make`, `max`, `min`, `new`, `panic`, `print`, `println`, `recover`.
//!
//! Each builtin has its own typing rule (spec: "Built-in functions"), so each gets a small
//! function here. This module does not handle ordinary calls (`call`). Invariant: the
//! builtin's name expression is recorded with mode `Builtin`, and the call with its
//! result.

use crate::ast::{self, ChanDir};

use super::checker::Checker;
use super::constops;
use super::object::Builtin;
use super::operand::{Mode, Operand};
use super::predicates;
use super::types::{Type, TypeId};

impl<'a> Checker<'a> {
    pub fn builtin<'e>(
        &mut self,
        e: &'e ast::Expr,
        b: Builtin,
        args: &'e [ast::Expr],
        spread: bool,
    ) -> Operand<'e> {
        if b == Builtin::Make || b == Builtin::New {
            return self.make_or_new(e, b, args);
        }
        let mut ops = self.builtin_args(b, args);
        if ops.iter().any(|o| o.is_invalid()) {
            return self.invalid_builtin(e, b);
        }
        if !self.builtin_arity(e, b, ops.len()) {
            return Operand::invalid(e);
        }
        match b {
            Builtin::Append => self.append(e, &mut ops, spread),
            Builtin::Len | Builtin::Cap => self.len_cap(e, b, &mut ops[0]),
            Builtin::Clear | Builtin::Close => self.clear_close(e, b, &ops[0]),
            Builtin::Copy => Operand::new(Mode::Value, TypeId::INT, e),
            Builtin::Delete => {
                if let Some(Type::Map { key, .. }) = ops[0].ty_core(self) {
                    self.assignment(&mut ops[1], key, "argument to delete");
                }
                Operand::new(Mode::NoValue, TypeId::INVALID, e)
            }
            Builtin::Max | Builtin::Min => self.min_max(e, b, &mut ops),
            Builtin::Panic => {
                let any = self.universe.any;
                self.assignment(&mut ops[0], any, "argument to panic");
                Operand::new(Mode::NoValue, TypeId::INVALID, e)
            }
            Builtin::Print | Builtin::Println => {
                for o in ops.iter_mut() {
                    self.default_operand(o);
                }
                Operand::new(Mode::NoValue, TypeId::INVALID, e)
            }
            Builtin::Recover => Operand::new(Mode::Value, self.universe.any, e),
            Builtin::Make | Builtin::New => unreachable!("handled above"),
        }
    }

    /// The arguments; `append`'s values get the slice's element type as a hint for
    /// elided composite literals.
    fn builtin_args<'e>(&mut self, b: Builtin, args: &'e [ast::Expr]) -> Vec<Operand<'e>> {
        let Some((first, rest)) = args.split_first().filter(|_| b == Builtin::Append) else {
            return self.call_args(args);
        };
        let mut ops = vec![self.expr(first)];
        let hint = match ops[0].ty_core(self) {
            Some(Type::Slice(elem)) => Some(elem),
            _ => None,
        };
        ops.extend(rest.iter().map(|a| self.expr_with_hint(a, hint)));
        ops
    }

    fn invalid_builtin<'e>(&mut self, e: &'e ast::Expr, b: Builtin) -> Operand<'e> {
        match b {
            Builtin::Clear
            | Builtin::Close
            | Builtin::Delete
            | Builtin::Panic
            | Builtin::Print
            | Builtin::Println => Operand::new(Mode::NoValue, TypeId::INVALID, e),
            _ => Operand::invalid(e),
        }
    }

    fn builtin_arity(&mut self, e: &ast::Expr, b: Builtin, n: usize) -> bool {
        let (min, max) = match b {
            Builtin::Append => (1, usize::MAX),
            Builtin::Len | Builtin::Cap | Builtin::Clear | Builtin::Close | Builtin::Panic => {
                (1, 1)
            }
            Builtin::Copy | Builtin::Delete => (2, 2),
            Builtin::Max | Builtin::Min => (1, usize::MAX),
            Builtin::Print | Builtin::Println => (0, usize::MAX),
            Builtin::Recover => (0, 0),
            Builtin::Make | Builtin::New => (1, 3),
        };
        if n < min || n > max {
            let what = if n < min { "not enough" } else { "too many" };
            let s = self.expr_str(e);
            self.invalid_op(
                e.span,
                format!("{what} arguments for {s} (expected {min}, found {n})"),
            );
            return false;
        }
        true
    }

    fn append<'e>(
        &mut self,
        e: &'e ast::Expr,
        ops: &mut [Operand<'_>],
        spread: bool,
    ) -> Operand<'e> {
        let slice_ty = ops[0].ty;
        let Some(Type::Slice(elem)) = ops[0].ty_core(self) else {
            if ops[0].ty == TypeId::UNTYPED_NIL {
                self.invalid_arg(
                    ops[0].expr.span,
                    "first argument to append must be a typed slice; have untyped nil",
                );
            } else {
                let d = self.operand_str(&ops[0]);
                self.invalid_arg(
                    ops[0].expr.span,
                    format!("first argument to append must be a slice; have {d}"),
                );
            }
            return Operand::invalid(e);
        };
        if spread {
            if let Some(rest) = ops.get_mut(1) {
                let is_string = predicates::is_string(&self.types, rest.ty) && elem == TypeId::BYTE;
                if !is_string {
                    self.assignment(rest, slice_ty, "argument to append");
                }
            }
        } else {
            for o in ops.iter_mut().skip(1) {
                self.assignment(o, elem, "argument to append");
            }
        }
        Operand::new(Mode::Value, slice_ty, e)
    }

    fn len_cap<'e>(&mut self, e: &'e ast::Expr, b: Builtin, x: &mut Operand<'_>) -> Operand<'e> {
        let core = predicates::core_type(&self.types, x.ty).map(|c| self.types.get(c).clone());
        let ok = match &core {
            Some(Type::Basic(k)) => k.is_string() && b == Builtin::Len,
            Some(Type::Slice(_) | Type::Array { .. } | Type::Chan { .. }) => true,
            Some(Type::Map { .. }) => b == Builtin::Len,
            Some(Type::Pointer(p)) => matches!(
                self.types.get(self.types.underlying(*p)),
                Type::Array { .. }
            ),
            _ => false,
        };
        if !ok {
            let d = self.operand_str(x);
            self.invalid_arg(x.expr.span, format!("{d} for built-in {}", b.name()));
            return Operand::invalid(e);
        }
        if let Some(constops::Value::Str(s)) = x.value() {
            let n = s.len() as i64;
            return Operand::new(Mode::Constant(constops::Value::from_i64(n)), TypeId::INT, e);
        }
        if let Some(Type::Array { len, .. }) = core
            && !self.has_call_or_recv(x.expr)
        {
            return Operand::new(
                Mode::Constant(constops::Value::from_i64(len as i64)),
                TypeId::INT,
                e,
            );
        }
        if predicates::is_untyped(&self.types, x.ty) {
            self.default_operand(x);
        }
        Operand::new(Mode::Value, TypeId::INT, e)
    }

    /// Whether evaluating `e` calls a function or receives (then `len` is not constant).
    fn has_call_or_recv(&self, e: &ast::Expr) -> bool {
        match &e.kind {
            ast::ExprKind::Call { .. }
            | ast::ExprKind::Unary {
                op: ast::UnaryOp::Recv,
                ..
            } => true,
            ast::ExprKind::Paren(x)
            | ast::ExprKind::Star(x)
            | ast::ExprKind::Selector { x, .. } => self.has_call_or_recv(x),
            ast::ExprKind::Index { x, indices } => {
                self.has_call_or_recv(x) || indices.iter().any(|i| self.has_call_or_recv(i))
            }
            _ => false,
        }
    }

    fn clear_close<'e>(&mut self, e: &'e ast::Expr, b: Builtin, x: &Operand<'_>) -> Operand<'e> {
        let ok = match x.ty_core(self) {
            Some(Type::Chan { dir, .. }) => b == Builtin::Close && dir != ChanDir::Recv,
            Some(Type::Map { .. } | Type::Slice(_)) => b == Builtin::Clear,
            _ => false,
        };
        if !ok {
            let d = self.operand_str(x);
            if b == Builtin::Close {
                self.invalid_op(e.span, format!("cannot close {d}"));
            } else {
                self.invalid_arg(
                    x.expr.span,
                    format!("cannot clear {d}: argument must be (or constrained by) map or slice"),
                );
            }
        }
        Operand::new(Mode::NoValue, TypeId::INVALID, e)
    }

    fn min_max<'e>(
        &mut self,
        e: &'e ast::Expr,
        b: Builtin,
        ops: &mut [Operand<'e>],
    ) -> Operand<'e> {
        let mut acc = ops[0].clone();
        for next in ops.iter_mut().skip(1) {
            if !self.match_types(&mut acc, next) || !predicates::identical(acc.ty, next.ty) {
                let (a, c) = (self.type_str(acc.ty), self.type_str(next.ty));
                let s = self.expr_str(e);
                self.invalid_op(e.span, format!("{s} (mismatched types {a} and {c})"));
                return Operand::invalid(e);
            }
            acc = match (acc.value(), next.value()) {
                (Some(a), Some(c)) => {
                    let op = if b == Builtin::Max {
                        ast::BinaryOp::Gtr
                    } else {
                        ast::BinaryOp::Lss
                    };
                    let keep_acc = constops::compare(op, a, c).unwrap_or(true);
                    let v = if keep_acc { a.clone() } else { c.clone() };
                    Operand::new(Mode::Constant(v), acc.ty, acc.expr)
                }
                _ => Operand::new(Mode::Value, acc.ty, acc.expr),
            };
        }
        if !predicates::is_ordered(&self.types, acc.ty) {
            let d = self.operand_str(&acc);
            self.invalid_arg(e.span, format!("{d} cannot be ordered"));
            return Operand::invalid(e);
        }
        for o in ops.iter_mut() {
            if predicates::is_untyped(&self.types, o.ty)
                && !predicates::is_untyped(&self.types, acc.ty)
            {
                self.convert_untyped(o, acc.ty, None);
            }
        }
        Operand { expr: e, ..acc }
    }

    fn make_or_new<'e>(
        &mut self,
        e: &'e ast::Expr,
        b: Builtin,
        args: &'e [ast::Expr],
    ) -> Operand<'e> {
        let Some(first) = args.first() else {
            let s = self.expr_str(e);
            self.invalid_op(
                e.span,
                format!("not enough arguments for {s} (expected 1, found 0)"),
            );
            return Operand::invalid(e);
        };
        let t = self.type_expr(first);
        if b == Builtin::New {
            if args.len() > 1 {
                let s = self.expr_str(e);
                self.invalid_op(
                    e.span,
                    format!(
                        "too many arguments for {s} (expected 1, found {})",
                        args.len()
                    ),
                );
            }
            let ty = if t == TypeId::INVALID {
                t
            } else {
                self.types.pointer(t)
            };
            return Operand::new(Mode::Value, ty, e);
        }
        for size in &args[1..] {
            self.index_operand(size, None);
        }
        if t == TypeId::INVALID {
            return Operand::invalid(e);
        }
        let ok = matches!(
            predicates::core_type(&self.types, t).map(|c| self.types.get(c)),
            Some(Type::Slice(_) | Type::Map { .. } | Type::Chan { .. })
        );
        if !ok {
            let ts = self.type_str(t);
            self.invalid_arg(
                first.span,
                format!("cannot make {ts}; type must be slice, map, or channel"),
            );
            return Operand::invalid(e);
        }
        Operand::new(Mode::Value, t, e)
    }
}

impl Operand<'_> {
    /// The operand's core type, structurally.
    pub(crate) fn ty_core(&self, ck: &Checker<'_>) -> Option<Type> {
        predicates::core_type(&ck.types, self.ty).map(|c| ck.types.get(c).clone())
    }
}
